import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roomService } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableParticipant } from "./find-manageable-participant";

/**
 * Removes someone from a visit: their link stops working and no token is
 * issued to them again (a kick alone would not do: LiveKit refreshes tokens),
 * then their live session, if any, is ended.
 */
export async function removeParticipant(staff: Staff, participantId: string, request: RequestMeta) {
  const participant = await findManageableParticipant(staff, participantId);
  if (participant.role === "HOST")
    throw new AppError("INVALID_INPUT", "The host cannot be removed; end the visit instead.");
  if (participant.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.participant.update({ where: { id: participant.id }, data: { revokedAt: now() } });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "participant.remove",
        objectType: "Participant",
        objectId: participant.id,
        detail: { consultationId: participant.consultation.id, role: participant.role },
        request,
      },
      tx,
    );
  });
  try {
    await roomService().removeParticipant(participant.consultation.roomName, participant.id);
  } catch (error) {
    // Not connected (or no room): nothing to end.
    logger().debug({ err: error, participantId: participant.id }, "removed participant was not connected");
  }
}
