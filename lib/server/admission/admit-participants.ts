import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";

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
    return { count: targets.length };
  });
}
