import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { localDateRange } from "@/lib/consultations/local-time";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import type { AuditLogFilter } from "@/lib/validations/audit-log";

export const AUDIT_PAGE_SIZE = 100;

export type AuditEventRow = {
  id: string;
  at: string;
  action: string;
  /** Who did it, without patient data: a staff member's name, or a participant's role and id. */
  actor: { type: "USER" | "PARTICIPANT" | "SYSTEM" | "ANONYMOUS"; id: string | null; label: string };
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  detail: string | null;
};

/**
 * The audit log for administrators, newest first, a page at a time (`before` is the last event
 * of the previous page). Actors are shown by staff name or by participant role and id, never by
 * a patient's or guest's name: the log itself carries no health information.
 */
export async function listAuditEvents(
  staff: Staff,
  filter: AuditLogFilter,
  zone = "UTC",
): Promise<{ events: AuditEventRow[]; nextBefore: string | null }> {
  assertCan(staff.role, "audit-log:read");
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      { createdAt: localDateRange(filter.from, filter.to, zone) },
      filter.category ? { action: { startsWith: `${filter.category}.` } } : {},
      filter.subject ? { OR: [{ actorId: filter.subject }, { objectId: filter.subject }] } : {},
    ],
  };
  const rows = await db().auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    ...(filter.before ? { cursor: { id: filter.before }, skip: 1 } : {}),
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);

  const userIds = [...new Set(page.filter((r) => r.actorType === "USER" && r.actorId).map((r) => r.actorId as string))];
  const participantIds = [
    ...new Set(page.filter((r) => r.actorType === "PARTICIPANT" && r.actorId).map((r) => r.actorId as string)),
  ];
  const [users, participants] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    db().participant.findMany({ where: { id: { in: participantIds } }, select: { id: true, role: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const participantRole = new Map(participants.map((p) => [p.id, p.role]));

  const events = page.map((row): AuditEventRow => {
    let label: string = row.actorType === "SYSTEM" ? "System" : "Anonymous";
    if (row.actorType === "USER") label = userName.get(row.actorId ?? "") ?? "Staff (deleted)";
    if (row.actorType === "PARTICIPANT") {
      const role = participantRole.get(row.actorId ?? "");
      label = role ? `Participant (${role.toLowerCase()})` : "Participant";
    }
    return {
      id: row.id,
      at: row.createdAt.toISOString(),
      action: row.action,
      actor: { type: row.actorType, id: row.actorId, label },
      objectType: row.objectType,
      objectId: row.objectId,
      ip: row.ip,
      detail: row.detail,
    };
  });
  const last = page[page.length - 1];
  return { events, nextBefore: rows.length > AUDIT_PAGE_SIZE && last ? last.id : null };
}
