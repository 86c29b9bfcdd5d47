import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { AppError } from "@/lib/errors";
import type { JoinCredentials } from "@/lib/livekit/mint-token";
import { roomService } from "@/lib/livekit/room-service";
import { can } from "@/lib/permissions";
import type { RequestMeta } from "@/lib/request-meta";
import { issueMediaCheckToken, parseMediaCheckMetadata } from "./media-check-room";

/**
 * Watch-only access to a media-check room, for the staff member who opened it
 * (on a second device) or an admin. Anyone else gets "not found", the same as
 * for a room that does not exist.
 */
export async function joinMediaCheck(staff: Staff, room: string, request: RequestMeta): Promise<JoinCredentials> {
  let rooms: Awaited<ReturnType<ReturnType<typeof roomService>["listRooms"]>>;
  try {
    rooms = await roomService().listRooms([room]);
  } catch {
    throw new AppError("LIVEKIT_UNAVAILABLE");
  }
  const metadata = parseMediaCheckMetadata(rooms.find((r) => r.name === room)?.metadata);
  if (!metadata || (metadata.ownerId !== staff.id && !can(staff.role, "media-check:watch-any"))) {
    throw new AppError("NOT_FOUND", "This media check has ended or is not yours. Start a new one.");
  }
  return issueMediaCheckToken(staff, room, "receiver", request);
}
