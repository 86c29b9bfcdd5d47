import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableParticipant } from "./find-manageable-participant";

/** Lets a participant's link be redeemed again, on a new device (the old browser loses access). */
export async function resetDeviceBinding(staff: Staff, participantId: string, request: RequestMeta) {
  const participant = await findManageableParticipant(staff, participantId);
  await db().$transaction(async (tx) => {
    await tx.participant.update({
      where: { id: participant.id },
      data: { deviceSecretHash: null, redeemedAt: null },
    });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "invite.binding_reset",
        objectType: "Participant",
        objectId: participant.id,
        detail: { consultationId: participant.consultation.id },
        request,
      },
      tx,
    );
  });
}
