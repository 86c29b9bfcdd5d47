import "server-only";
import { roomService } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import type { RecordingState } from "@/lib/recording/recording-state";
import { encodeRoomMetadata } from "@/lib/recording/room-metadata";

/**
 * Tells everyone in the room what recording is doing now (LiveKit room
 * metadata reaches every client within a moment). Best effort: a room that is
 * gone has nobody to tell, and a failure is logged, never thrown, so the
 * state change in the database (the truth) is never undone by it.
 */
export async function publishRecordingState(
  roomName: string,
  recording: { id: string; state: RecordingState } | null,
): Promise<void> {
  try {
    await roomService().updateRoomMetadata(roomName, encodeRoomMetadata({ recording }));
  } catch (error) {
    logger().debug({ err: error, recordingId: recording?.id }, "could not publish the recording state to the room");
  }
}
