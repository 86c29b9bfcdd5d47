import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";

/** Turns automatic admission on or off for one visit (people waiting now are not admitted by this). */
export async function setAutoAdmit(staff: Staff, consultationId: string, autoAdmit: boolean, request: RequestMeta) {
  const consultation = await findManageableConsultation(staff, consultationId);
  await db().$transaction(async (tx) => {
    await tx.consultation.update({ where: { id: consultation.id }, data: { autoAdmit } });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "consultation.auto_admit",
        objectType: "Consultation",
        objectId: consultation.id,
        detail: { autoAdmit },
        request,
      },
      tx,
    );
  });
}
