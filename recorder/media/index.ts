// The recorder's media engine: what the recording orchestration uses. (The project avoids barrel
// files elsewhere; this one is the engine's deliberate public surface.)
export { type FinalisedRecording, finaliseRecordingFile } from "./finalise";
export type { RecorderLogger } from "./logger";
export { type MediaFacts, type MediaStream, probeMedia } from "./probe";
export {
  RecordingFailedError,
  type RecordingFailureCode,
  type RecordingSpan,
  type RoomRecording,
  type RoomRecordingOptions,
  startRoomRecording,
} from "./room-recording";
