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
