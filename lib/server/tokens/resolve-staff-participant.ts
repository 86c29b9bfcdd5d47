import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import type { RequestMeta } from "@/lib/request-meta";
import { MAX_PARTICIPANTS } from "@/lib/validations/consultation";

/**
 * The participant record a signed-in member of staff joins a consultation as:
 * their own (host or invited clinician), or, for an administrator who is not
 * one, an observer record made now, so their presence is disclosed like
 * anyone else's. Others get "not found".
 */
export async function resolveStaffParticipant(staff: Staff, consultationId: string, request: RequestMeta) {
  const own = await db().participant.findFirst({
    where: { consultationId, userId: staff.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (own) return own.id;
  if (!can(staff.role, "consultation:oversee")) throw new AppError("NOT_FOUND");

  const consultation = await db().consultation.findUnique({ where: { id: consultationId }, select: { id: true } });
  if (!consultation) throw new AppError("NOT_FOUND");
  return db().$transaction(async (tx) => {
    const present = await tx.participant.count({ where: { consultationId, revokedAt: null } });
    if (present >= MAX_PARTICIPANTS) throw new AppError("VISIT_FULL");
    const created = await tx.participant.create({
      data: {
        consultationId,
        role: "OBSERVER",
        displayName: `${staff.displayName} (administrator)`,
        userId: staff.id,
        admission: "ADMITTED",
        admittedAt: new Date(),
      },
      select: { id: true },
    });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "participant.add",
        objectType: "Participant",
        objectId: created.id,
        detail: { consultationId, role: "OBSERVER", administrator: true },
        request,
      },
      tx,
    );
    return created.id;
  });
}
