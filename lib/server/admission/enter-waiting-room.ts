import "server-only";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { joinVerdict } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";
import { onEnterWaitingRoom } from "./admission-rules";

/**
 * An invitee arrives in the waiting room (after the device check). The host
 * sees them from now on; with auto-admit on they are admitted at once.
 */
export async function enterWaitingRoom(participantId: string, request: RequestMeta) {
  const at = now();
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      admission: true,
      revokedAt: true,
      waitingSince: true,
      consultation: {
        select: {
          id: true,
          status: true,
          autoAdmit: true,
          scheduledStart: true,
          durationMinutes: true,
          opensBeforeMinutes: true,
          closesAfterMinutes: true,
        },
      },
    },
  });
  if (!participant || participant.revokedAt) throw new AppError("INVITE_REVOKED");
  const verdict = joinVerdict(participant.consultation, at);
  if (verdict === "TOO_EARLY") throw new AppError("VISIT_TOO_EARLY");
  if (verdict === "CANCELLED") throw new AppError("VISIT_CANCELLED");
  if (verdict !== "OPEN") throw new AppError("VISIT_ENDED");

  // Auto-admit never lets in someone who has not said yes to a recording under way.
  const gate = await consentGateFor(participant.id, participant.consultation.id);
  const next = onEnterWaitingRoom(participant.admission, participant.consultation.autoAdmit && !gate);
  if (next === "ADMITTED" && participant.admission !== "ADMITTED") {
    await db().$transaction(async (tx) => {
      await tx.participant.update({
        where: { id: participant.id },
        data: { admission: "ADMITTED", admittedAt: at, waitingSince: null },
      });
      await audit(
        {
          actor: { type: "SYSTEM" },
          action: "participant.admit",
          objectType: "Participant",
          objectId: participant.id,
          detail: { consultationId: participant.consultation.id, automatic: true },
          request,
        },
        tx,
      );
    });
  } else if (next === "WAITING" && !participant.waitingSince) {
    await db().participant.update({ where: { id: participant.id }, data: { waitingSince: at } });
  }
  return { admission: next };
}
