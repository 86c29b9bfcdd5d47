import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";

/**
 * The waiting room as the host sees it: who, in which role, since when, and
 * whether they still have to agree to a recording under way; and whether
 * auto-admit is on.
 */
export async function listWaiting(staff: Staff, consultationId: string) {
  await findManageableConsultation(staff, consultationId);
  const [consultation, waiting] = await Promise.all([
    db().consultation.findUniqueOrThrow({ where: { id: consultationId }, select: { autoAdmit: true } }),
    db().participant.findMany({
      where: { consultationId, admission: "WAITING", waitingSince: { not: null }, revokedAt: null },
      orderBy: { waitingSince: "asc" },
      select: { id: true, displayName: true, role: true, relationship: true, waitingSince: true },
    }),
  ]);
  return {
    autoAdmit: consultation.autoAdmit,
    waiting: await Promise.all(
      waiting.map(async (p) => ({
        ...p,
        waitingSince: (p.waitingSince as Date).toISOString(),
        recordingConsent: (await consentGateFor(p.id, consultationId))?.decision ?? "NOT_NEEDED",
      })),
    ),
  };
}

export type WaitingList = Awaited<ReturnType<typeof listWaiting>>;
