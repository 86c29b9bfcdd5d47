import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/permissions";

/**
 * Which consultations a member of staff may see: all for an administrator;
 * for a clinician, those they host or take part in. Used inside every query,
 * so a stranger's consultation is simply "not found".
 */
export function visibleTo(staff: Staff): Prisma.ConsultationWhereInput {
  if (can(staff.role, "consultation:oversee")) return {};
  return { OR: [{ hostId: staff.id }, { participants: { some: { userId: staff.id, revokedAt: null } } }] };
}

/** Which consultations a member of staff may change (reschedule, cancel, end, invite): the host's, or any for an administrator. */
export function manageableBy(staff: Staff): Prisma.ConsultationWhereInput {
  if (can(staff.role, "consultation:oversee")) return {};
  return { hostId: staff.id };
}
