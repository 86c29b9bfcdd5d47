/**
 * When a staff session stops being valid: after an idle gap, or at an absolute
 * limit from sign-in, whichever comes first. Pure, so it is unit-tested.
 */
export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null };

export type SessionVerdict = "ACTIVE" | "IDLE_TIMEOUT" | "ABSOLUTE_TIMEOUT" | "REVOKED";

export function judgeSession(session: SessionTimes, at: Date, idleMinutes: number): SessionVerdict {
  if (session.revokedAt) return "REVOKED";
  if (at.getTime() >= session.expiresAt.getTime()) return "ABSOLUTE_TIMEOUT";
  if (at.getTime() - session.lastSeenAt.getTime() >= idleMinutes * 60_000) return "IDLE_TIMEOUT";
  return "ACTIVE";
}

/** lastSeenAt is written at most this often, so every click is not a database write. */
export const TOUCH_INTERVAL_MS = 60_000;

export function shouldTouch(session: SessionTimes, at: Date): boolean {
  return at.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
