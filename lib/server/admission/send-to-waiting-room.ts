import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roomService } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableParticipant } from "@/lib/server/consultations/find-manageable-participant";

/**
 * Sends someone back to the waiting room: they stop being admitted (so no new
 * token is issued to them, and the webhook removes them if they come back with
 * an old one), then their LiveKit session is ended; their page returns to the
 * waiting room until the host admits them again.
 */
export async function sendToWaitingRoom(staff: Staff, participantId: string, request: RequestMeta) {
  const participant = await findManageableParticipant(staff, participantId);
  if (participant.role === "HOST" || participant.revokedAt) {
    throw new AppError("INVALID_INPUT", "Only people who joined by link can be sent to the waiting room.");
  }
  const at = now();
  await db().$transaction(async (tx) => {
    await tx.participant.update({
      where: { id: participant.id },
      data: { admission: "WAITING", waitingSince: at, admittedAt: null },
    });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "participant.sent_to_waiting_room",
        objectType: "Participant",
        objectId: participant.id,
        detail: { consultationId: participant.consultation.id },
        request,
      },
      tx,
    );
  });
  try {
    await roomService().removeParticipant(participant.consultation.roomName, participant.id);
  } catch (error) {
    logger().debug({ err: error, participantId: participant.id }, "participant sent to waiting room was not connected");
  }
}
