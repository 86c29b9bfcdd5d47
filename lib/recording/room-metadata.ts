import type { RecordingState } from "./recording-state";

/**
 * What the server tells everyone in a room about recording, through LiveKit
 * room metadata (every client hears a change at once). Ids and states only:
 * who said what stays on the server.
 */
export type RoomRecordingMetadata = { recording: { id: string; state: RecordingState } | null };

export function encodeRoomMetadata(metadata: RoomRecordingMetadata): string {
  return JSON.stringify(metadata);
}

/** Reads what `encodeRoomMetadata` wrote; anything else means "no recording". */
export function decodeRoomMetadata(raw: string | undefined | null): RoomRecordingMetadata {
  if (!raw) return { recording: null };
  try {
    const parsed = JSON.parse(raw) as Partial<RoomRecordingMetadata>;
    const recording = parsed.recording;
    if (recording && typeof recording.id === "string" && typeof recording.state === "string") {
      return { recording: { id: recording.id, state: recording.state } };
    }
  } catch {
    // Not ours: ignore.
  }
  return { recording: null };
}
