import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { deleteRoomIfExists } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import type { RequestMeta } from "@/lib/request-meta";
import { stopRecordingsBeforeRoomCloses } from "@/lib/server/recordings/stop-recording";

type ClosingStatus = "COMPLETED" | "CANCELLED";

/**
 * Ends a consultation for good, in this order: stop any recording (its
 * recorder keeps the tail while the room still exists), mark it closed and
 * revoke every link in one transaction (from then on no token is issued for
 * it), then delete its LiveKit room, which disconnects everyone still in it.
 */
export async function closeConsultation(input: {
  consultationId: string;
  roomName: string;
  status: ClosingStatus;
  at: Date;
  actor: AuditActor;
  request?: RequestMeta;
  cancelReason?: string;
}): Promise<void> {
  const { consultationId, status, at } = input;
  // Recording first, while the room still exists, so the recorder can keep the tail.
  await stopRecordingsBeforeRoomCloses(consultationId, input.actor);
  await db().$transaction(async (tx) => {
    await tx.consultation.update({
      where: { id: consultationId },
      data:
        status === "CANCELLED"
          ? { status, cancelledAt: at, endedAt: at, cancelReason: input.cancelReason ?? null }
          : { status, endedAt: at },
    });
    await tx.participant.updateMany({ where: { consultationId, revokedAt: null }, data: { revokedAt: at } });
    await audit(
      {
        actor: input.actor,
        action: status === "CANCELLED" ? "consultation.cancel" : "consultation.end",
        objectType: "Consultation",
        objectId: consultationId,
        request: input.request,
      },
      tx,
    );
  });
  try {
    await deleteRoomIfExists(input.roomName);
  } catch (error) {
    // The visit is closed and no token can be had; the sweeper deletes the room on its next pass.
    logger().warn({ err: error, consultationId }, "could not delete the LiveKit room; the sweeper will retry");
  }
}
