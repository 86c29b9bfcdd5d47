import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { AppError } from "@/lib/errors";
import type { JoinCredentials } from "@/lib/livekit/mint-token";
import { roomService } from "@/lib/livekit/room-service";
import { randomBase62 } from "@/lib/random-id";
import type { RequestMeta } from "@/lib/request-meta";
import { issueMediaCheckToken, type MediaCheckMetadata } from "./media-check-room";

/**
 * Opens a private test room on the LiveKit server and lets the caller publish
 * their camera and microphone into it: proves the whole media path from this
 * browser through the server. The room closes itself soon after it empties.
 */
export async function startMediaCheck(staff: Staff, request: RequestMeta): Promise<JoinCredentials> {
  const room = `mc-${randomBase62()}`;
  const metadata: MediaCheckMetadata = { kind: "media-check", ownerId: staff.id };
  try {
    await roomService().createRoom({
      name: room,
      emptyTimeout: 120,
      departureTimeout: 10,
      maxParticipants: 4,
      metadata: JSON.stringify(metadata),
    });
  } catch {
    throw new AppError("LIVEKIT_UNAVAILABLE");
  }
  return issueMediaCheckToken(staff, room, "sender", request);
}
