import { describe, expect, it } from "vitest";
import { isOverLimit, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "@/lib/auth/sign-in-limits";

describe("failed sign-in limits", () => {
  it("allows up to 5 failures per account in the window", () => {
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(5);
    expect(isOverLimit({ account: 4, ip: 0 })).toBe(false);
    expect(isOverLimit({ account: 5, ip: 0 })).toBe(true);
  });

  it("limits one address across accounts", () => {
    expect(isOverLimit({ account: 0, ip: MAX_FAILURES_PER_IP - 1 })).toBe(false);
    expect(isOverLimit({ account: 0, ip: MAX_FAILURES_PER_IP })).toBe(true);
  });
});
