import { describe, expect, it } from "vitest";
import { joinVerdict, joinWindow, lapsedStatus } from "@/lib/consultations/join-window";

const visit = {
  scheduledStart: new Date("2026-12-10T10:00:00Z"),
  durationMinutes: 30,
  opensBeforeMinutes: 15,
  closesAfterMinutes: 60,
  status: "SCHEDULED" as const,
};
const at = (iso: string) => new Date(iso);

describe("join window", () => {
  it("opens 15 minutes before the start and closes 60 minutes after the scheduled end", () => {
    const { opensAt, closesAt } = joinWindow(visit);
    expect(opensAt.toISOString()).toBe("2026-12-10T09:45:00.000Z");
    expect(closesAt.toISOString()).toBe("2026-12-10T11:30:00.000Z");
  });

  it("is too early before it opens, open inside, expired after", () => {
    expect(joinVerdict(visit, at("2026-12-10T09:44:59Z"))).toBe("TOO_EARLY");
    expect(joinVerdict(visit, at("2026-12-10T09:45:00Z"))).toBe("OPEN");
    expect(joinVerdict(visit, at("2026-12-10T11:29:59Z"))).toBe("OPEN");
    expect(joinVerdict(visit, at("2026-12-10T11:30:00Z"))).toBe("EXPIRED");
  });

  it("an ended or cancelled visit never opens again, whatever the time", () => {
    const inside = at("2026-12-10T10:05:00Z");
    expect(joinVerdict({ ...visit, status: "CANCELLED" }, inside)).toBe("CANCELLED");
    expect(joinVerdict({ ...visit, status: "COMPLETED" }, inside)).toBe("COMPLETED");
    expect(joinVerdict({ ...visit, status: "NO_SHOW" }, inside)).toBe("EXPIRED");
    expect(joinVerdict({ ...visit, status: "EXPIRED" }, inside)).toBe("EXPIRED");
  });

  it("a visit nobody joined lapses to NO_SHOW, one that started but was never ended to EXPIRED", () => {
    const after = at("2026-12-10T11:30:00Z");
    expect(lapsedStatus(visit, at("2026-12-10T11:29:00Z"))).toBeNull();
    expect(lapsedStatus(visit, after)).toBe("NO_SHOW");
    expect(lapsedStatus({ ...visit, status: "IN_PROGRESS" }, after)).toBe("EXPIRED");
    expect(lapsedStatus({ ...visit, status: "COMPLETED" }, after)).toBeNull();
  });
});
