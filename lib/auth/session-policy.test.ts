import { describe, expect, it } from "vitest";
import { judgeSession, shouldTouch } from "@/lib/auth/session-policy";

const signIn = new Date("2026-12-03T08:00:00Z");
const minutes = (n: number) => new Date(signIn.getTime() + n * 60_000);
const session = (lastSeenMinutes: number, revoked = false) => ({
  createdAt: signIn,
  lastSeenAt: minutes(lastSeenMinutes),
  expiresAt: minutes(12 * 60),
  revokedAt: revoked ? minutes(1) : null,
});

describe("staff session policy", () => {
  it("is active while used within the idle limit", () => {
    expect(judgeSession(session(0), minutes(29), 30)).toBe("ACTIVE");
  });

  it("ends after 30 idle minutes", () => {
    expect(judgeSession(session(0), minutes(30), 30)).toBe("IDLE_TIMEOUT");
  });

  it("ends at the absolute limit however active", () => {
    expect(judgeSession(session(12 * 60 - 1), minutes(12 * 60), 30)).toBe("ABSOLUTE_TIMEOUT");
  });

  it("stays ended once revoked", () => {
    expect(judgeSession(session(0, true), minutes(2), 30)).toBe("REVOKED");
  });

  it("records activity at most once a minute", () => {
    expect(shouldTouch(session(10), minutes(10.5))).toBe(false);
    expect(shouldTouch(session(10), minutes(11))).toBe(true);
  });
});
