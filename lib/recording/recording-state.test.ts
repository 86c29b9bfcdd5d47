import { describe, expect, it } from "vitest";
import {
  assertTransition,
  canTransition,
  isCapturing,
  isPlayable,
  type RecordingState,
  showsIndicator,
} from "./recording-state";

describe("recording states", () => {
  it("follows the happy path from request to ready", () => {
    const path: RecordingState[] = [
      "REQUESTED",
      "AWAITING_CONSENT",
      "STARTING",
      "RECORDING",
      "STOPPING",
      "PROCESSING",
      "READY",
    ];
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1] as RecordingState, path[i] as RecordingState)).toBe(true);
  });

  it("never records without passing through consent", () => {
    expect(canTransition("REQUESTED", "STARTING")).toBe(false);
    expect(canTransition("REQUESTED", "RECORDING")).toBe(false);
    expect(canTransition("AWAITING_CONSENT", "RECORDING")).toBe(false);
  });

  it("ends in a final state that never moves again", () => {
    for (const final of ["READY", "DECLINED", "FAILED", "PARTIAL"] as const) {
      expect(canTransition(final, "RECORDING")).toBe(false);
      expect(() => assertTransition(final, "STOPPING")).toThrow();
    }
  });

  it("can stop while still starting (the visit ended, or someone withdrew)", () => {
    expect(canTransition("STARTING", "STOPPING")).toBe(true);
  });

  it("marks a dead recorder's work as PARTIAL or FAILED from any running state", () => {
    for (const state of ["RECORDING", "STOPPING", "PROCESSING"] as const) {
      expect(canTransition(state, "PARTIAL")).toBe(true);
      expect(canTransition(state, "FAILED")).toBe(true);
    }
  });

  it("shows the indicator only while media is written", () => {
    expect(showsIndicator("STARTING")).toBe(false);
    expect(showsIndicator("RECORDING")).toBe(true);
    expect(showsIndicator("STOPPING")).toBe(false);
    expect(isCapturing("STARTING")).toBe(true);
    expect(isPlayable("PARTIAL")).toBe(true);
    expect(isPlayable("FAILED")).toBe(false);
  });
});
