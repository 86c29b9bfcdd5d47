import "server-only";
import { RoomServiceClient } from "livekit-server-sdk";
import { liveKitServerConfig } from "@/lib/livekit/server-config";

let client: RoomServiceClient | undefined;

/** LiveKit's server API (create/delete rooms, list/remove participants). Server only. */
export function roomService(): RoomServiceClient {
  if (!client) {
    const { apiUrl, apiKey, apiSecret } = liveKitServerConfig();
    client = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  }
  return client;
}

/** Deletes a room, disconnecting everyone in it; a room that is already gone is not an error. */
export async function deleteRoomIfExists(roomName: string): Promise<void> {
  try {
    await roomService().deleteRoom(roomName);
  } catch (error) {
    // LiveKit answers 404 (twirp "not_found") for a room that does not exist.
    if (error instanceof Error && /not.?found|does not exist/i.test(error.message)) return;
    const status = (error as { status?: number }).status;
    if (status === 404) return;
    throw error;
  }
}
