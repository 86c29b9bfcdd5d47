/**
 * The life of a recording (DESIGN.md "Recording and consent"). Pure, so the
 * allowed moves are unit-tested on their own; every write of `state` goes
 * through `assertTransition` or a conditional update on the `from` states here.
 */
export const RECORDING_STATES = [
  "REQUESTED",
  "AWAITING_CONSENT",
  "STARTING",
  "RECORDING",
  "STOPPING",
  "PROCESSING",
  "READY",
  "DECLINED",
  "FAILED",
  "PARTIAL",
] as const;

export type RecordingState = (typeof RECORDING_STATES)[number];

const NEXT: Record<RecordingState, readonly RecordingState[]> = {
  REQUESTED: ["AWAITING_CONSENT", "DECLINED", "FAILED"],
  AWAITING_CONSENT: ["STARTING", "DECLINED", "FAILED"],
  // STARTING → STOPPING: stopped (or the visit ended) before media was written.
  STARTING: ["RECORDING", "STOPPING", "FAILED"],
  RECORDING: ["STOPPING", "PROCESSING", "PARTIAL", "FAILED"],
  STOPPING: ["PROCESSING", "PARTIAL", "FAILED"],
  PROCESSING: ["READY", "PARTIAL", "FAILED"],
  READY: [],
  DECLINED: [],
  FAILED: [],
  PARTIAL: [],
};

export function canTransition(from: RecordingState, to: RecordingState): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: RecordingState, to: RecordingState): void {
  if (!canTransition(from, to)) throw new Error(`recording cannot go from ${from} to ${to}`);
}

/** States from which a recording may still be stopped, withdrawn or still produce media. */
export const ACTIVE_STATES = ["REQUESTED", "AWAITING_CONSENT", "STARTING", "RECORDING", "STOPPING"] as const;

/** States in which a recorder holds (or is about to hold) the room: late joiners must consent first. */
export const CAPTURING_STATES = ["STARTING", "RECORDING"] as const;

/** States a recorder worker holds a lease for; a lapsed lease means it died. */
export const LEASED_STATES = ["STARTING", "RECORDING", "STOPPING", "PROCESSING"] as const;

/** States with a file someone allowed may play. */
export const PLAYABLE_STATES = ["READY", "PARTIAL"] as const;

export function isActive(state: RecordingState): boolean {
  return (ACTIVE_STATES as readonly RecordingState[]).includes(state);
}

export function isCapturing(state: RecordingState): boolean {
  return (CAPTURING_STATES as readonly RecordingState[]).includes(state);
}

export function isPlayable(state: RecordingState): boolean {
  return (PLAYABLE_STATES as readonly RecordingState[]).includes(state);
}

/** Whether the room shows the red "recording" indicator: only while media is written. */
export function showsIndicator(state: RecordingState): boolean {
  return state === "RECORDING";
}
