/**
 * When a consultation can be joined, and what it becomes when nobody ends it.
 * Pure functions of the consultation and a time, so every rule is unit-tested
 * with a controllable clock.
 */
export type ConsultationStatus = "SCHEDULED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW" | "EXPIRED";

export type WindowSettings = {
  scheduledStart: Date;
  durationMinutes: number;
  opensBeforeMinutes: number;
  closesAfterMinutes: number;
};

export const DEFAULT_OPENS_BEFORE_MINUTES = 15;
export const DEFAULT_CLOSES_AFTER_MINUTES = 60;

const MINUTE = 60_000;

export function joinWindow(c: WindowSettings) {
  const scheduledEnd = new Date(c.scheduledStart.getTime() + c.durationMinutes * MINUTE);
  return {
    opensAt: new Date(c.scheduledStart.getTime() - c.opensBeforeMinutes * MINUTE),
    scheduledEnd,
    closesAt: new Date(scheduledEnd.getTime() + c.closesAfterMinutes * MINUTE),
  };
}

/** Why someone can or cannot enter right now. */
export type JoinVerdict = "OPEN" | "TOO_EARLY" | "CANCELLED" | "COMPLETED" | "EXPIRED";

export function joinVerdict(c: WindowSettings & { status: ConsultationStatus }, at: Date): JoinVerdict {
  if (c.status === "CANCELLED") return "CANCELLED";
  if (c.status === "COMPLETED") return "COMPLETED";
  if (c.status === "NO_SHOW" || c.status === "EXPIRED") return "EXPIRED";
  const { opensAt, closesAt } = joinWindow(c);
  if (at.getTime() < opensAt.getTime()) return "TOO_EARLY";
  if (at.getTime() >= closesAt.getTime()) return "EXPIRED";
  return "OPEN";
}

/** The status a consultation left open past its window gets from the sweeper, or null if it is not due. */
export function lapsedStatus(
  c: WindowSettings & { status: ConsultationStatus },
  at: Date,
): "NO_SHOW" | "EXPIRED" | null {
  if (c.status !== "SCHEDULED" && c.status !== "IN_PROGRESS") return null;
  if (at.getTime() < joinWindow(c).closesAt.getTime()) return null;
  // Nobody ever joined: a no-show. Someone joined but the host never ended it: expired.
  return c.status === "SCHEDULED" ? "NO_SHOW" : "EXPIRED";
}

/** Ended visits never reopen; only these can still change (reschedule, cancel, join). */
export function isOpenStatus(status: ConsultationStatus): boolean {
  return status === "SCHEDULED" || status === "IN_PROGRESS";
}
