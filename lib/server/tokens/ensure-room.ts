import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roomService } from "@/lib/livekit/room-service";
import { MAX_PARTICIPANTS } from "@/lib/validations/consultation";

/**
 * Creates the visit's LiveKit room when the first allowed person asks to join
 * (LiveKit's auto-create is off, so a token alone never makes a room). Safe to
 * repeat: creating an existing room returns it.
 */
export async function ensureRoom(consultation: { id: string; roomName: string }): Promise<void> {
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
  await db().consultation.updateMany({
    where: { id: consultation.id, roomCreatedAt: null },
    data: { roomCreatedAt: new Date() },
  });
}
