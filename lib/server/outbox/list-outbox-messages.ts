import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/permissions";

export const OUTBOX_PAGE_SIZE = 100;

export type OutboxMessageSummary = {
  id: string;
  createdAt: Date;
  toAddress: string;
  subject: string;
  hasIcs: boolean;
};

/**
 * Which outbox messages a member of staff may read: every one for an
 * administrator; for a clinician, only the mail of visits they host. The
 * messages hold invite links and names, so the filter is part of every query.
 */
export async function outboxScope(staff: Staff): Promise<Prisma.OutboxMessageWhereInput> {
  if (can(staff.role, "consultation:oversee")) return {};
  // OutboxMessage has no relation to Consultation in the schema, so the hosted
  // ids are looked up first; the database still does the filtering.
  const hosted = await db().consultation.findMany({ where: { hostId: staff.id }, select: { id: true } });
  return { consultationId: { in: hosted.map((c) => c.id) } };
}

/** The newest outbox messages this member of staff may read, newest first. */
export async function listOutboxMessages(staff: Staff): Promise<OutboxMessageSummary[]> {
  const rows = await db().outboxMessage.findMany({
    where: await outboxScope(staff),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: OUTBOX_PAGE_SIZE,
    select: { id: true, createdAt: true, toAddress: true, subject: true, icsAttachment: true },
  });
  return rows.map(({ icsAttachment, ...row }) => ({ ...row, hasIcs: icsAttachment !== null }));
}
