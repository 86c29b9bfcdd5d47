import { describe, expect, it } from "vitest";
import { consentOutcome, mayEnterWhileCapturing } from "./consent-rules";

describe("consentOutcome", () => {
  it("is complete only when everyone present said yes", () => {
    expect(
      consentOutcome(
        ["a", "b"],
        [
          { participantId: "a", decision: "GRANTED" },
          { participantId: "b", decision: "GRANTED" },
        ],
      ),
    ).toEqual({ kind: "COMPLETE" });
  });

  it("waits for whoever present has not answered, including people who arrived after the request", () => {
    expect(consentOutcome(["a", "b", "c"], [{ participantId: "a", decision: "GRANTED" }])).toEqual({
      kind: "WAITING",
      missing: ["b", "c"],
    });
  });

  it("is refused by one present no, and names who", () => {
    expect(
      consentOutcome(
        ["a", "b"],
        [
          { participantId: "a", decision: "GRANTED" },
          { participantId: "b", decision: "DECLINED" },
        ],
      ),
    ).toEqual({ kind: "REFUSED", refusedBy: ["b"] });
  });

  it("counts a withdrawal as a no", () => {
    expect(consentOutcome(["a"], [{ participantId: "a", decision: "WITHDRAWN" }]).kind).toBe("REFUSED");
  });

  it("ignores a no from someone who is not in the room (they stay in the waiting room instead)", () => {
    expect(
      consentOutcome(
        ["a"],
        [
          { participantId: "a", decision: "GRANTED" },
          { participantId: "w", decision: "DECLINED" },
        ],
      ),
    ).toEqual({ kind: "COMPLETE" });
  });

  it("never starts an empty room", () => {
    expect(consentOutcome([], [{ participantId: "a", decision: "GRANTED" }]).kind).toBe("WAITING");
  });

  it("ignores yeses from people who left: only who is present counts", () => {
    expect(
      consentOutcome(
        ["a"],
        [
          { participantId: "a", decision: "PENDING" },
          { participantId: "x", decision: "GRANTED" },
        ],
      ),
    ).toEqual({
      kind: "WAITING",
      missing: ["a"],
    });
  });
});

describe("mayEnterWhileCapturing", () => {
  it("lets in only people with a yes on file", () => {
    expect(mayEnterWhileCapturing("GRANTED")).toBe(true);
    expect(mayEnterWhileCapturing("PENDING")).toBe(false);
    expect(mayEnterWhileCapturing("DECLINED")).toBe(false);
    expect(mayEnterWhileCapturing("WITHDRAWN")).toBe(false);
    expect(mayEnterWhileCapturing(undefined)).toBe(false);
  });
});
