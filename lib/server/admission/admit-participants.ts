import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";

type Decision = "ADMITTED" | "DENIED";

/**
 * The host (or an administrator) lets people in from the waiting room, or
 * turns them away. `participantIds` empty means everyone waiting now.
 */
export async function decideAdmission(
  staff: Staff,
  consultationId: string,
  participantIds: string[],
  decision: Decision,
  request: RequestMeta,
): Promise<{ count: number }> {
  const consultation = await findManageableConsultation(staff, consultationId);
  if (!isOpenStatus(consultation.status)) throw new AppError("VISIT_ENDED");
  const at = now();
  // While recording runs, people who have not said yes to it stay in the waiting room.
  const withoutConsent = new Set<string>();
  if (decision === "ADMITTED") {
    const waiting = await db().participant.findMany({
      where: { consultationId, userId: null, ...(participantIds.length > 0 ? { id: { in: participantIds } } : {}) },
      select: { id: true, displayName: true },
    });
    for (const person of waiting) {
      if (await consentGateFor(person.id, consultationId)) withoutConsent.add(person.id);
    }
    const named = waiting.filter((p) => withoutConsent.has(p.id) && participantIds.includes(p.id));
    if (named.length > 0) {
      throw new AppError(
        "RECORDING_CONSENT_REQUIRED",
        `This visit is being recorded and ${named.map((p) => p.displayName).join(", ")} has not agreed to it. Stop the recording to let them in.`,
      );
    }
  }
  return db().$transaction(async (tx) => {
    const targets = await tx.participant.findMany({
      where: {
        consultationId,
        revokedAt: null,
        userId: null,
        ...(participantIds.length > 0
          ? { id: { in: participantIds } }
          : { admission: "WAITING", waitingSince: { not: null } }),
      },
      select: { id: true },
    });
    if (participantIds.length > 0 && targets.length !== participantIds.length) throw new AppError("NOT_FOUND");
    for (const target of targets) {
      if (withoutConsent.has(target.id)) continue;
      await tx.participant.update({
        where: { id: target.id },
        data:
          decision === "ADMITTED"
            ? { admission: "ADMITTED", admittedAt: at, waitingSince: null, deniedAt: null }
            : { admission: "DENIED", deniedAt: at, waitingSince: null },
      });
      await audit(
        {
          actor: { type: "USER", id: staff.id },
          action: decision === "ADMITTED" ? "participant.admit" : "participant.deny",
          objectType: "Participant",
          objectId: target.id,
          detail: { consultationId },
          request,
        },
        tx,
      );
    }
    return { count: targets.filter((t) => !withoutConsent.has(t.id)).length, heldForConsent: withoutConsent.size };
  });
}
