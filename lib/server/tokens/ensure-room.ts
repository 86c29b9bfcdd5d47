import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roomService } from "@/lib/livekit/room-service";
import { MAX_PARTICIPANTS } from "@/lib/validations/consultation";

/**
 * A room LiveKit confirmed moments ago cannot have closed since: it closes at
 * the earliest 60 s (departure timeout) after its last participant leaves, and
 * a visit's room is only deleted when the visit ends, after which no token is
 * issued. So a burst of joins costs one CreateRoom call, not one each.
 */
const RECENTLY_ENSURED_MS = 20_000;
const recentlyEnsured = new Map<string, number>();

/**
 * Creates the visit's LiveKit room when the first allowed person asks to join
 * (LiveKit's auto-create is off, so a token alone never makes a room). Safe to
 * repeat: creating an existing room returns it.
 */
export async function ensureRoom(consultation: { id: string; roomName: string }): Promise<void> {
  const ensuredAt = recentlyEnsured.get(consultation.roomName);
  if (ensuredAt && Date.now() - ensuredAt < RECENTLY_ENSURED_MS) return;
  try {
    await roomService().createRoom({
      name: consultation.roomName,
      // Closed by LiveKit 5 minutes after it empties; re-created on the next join inside the window.
      emptyTimeout: 300,
      departureTimeout: 60,
      // The interactive participants plus the hidden recorder.
      maxParticipants: MAX_PARTICIPANTS + 1,
    });
  } catch {
    throw new AppError("LIVEKIT_UNAVAILABLE");
  }
  recentlyEnsured.set(consultation.roomName, Date.now());
  await db().consultation.updateMany({
    where: { id: consultation.id, roomCreatedAt: null },
    data: { roomCreatedAt: new Date() },
  });
}
