import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { visibleTo } from "./consultation-scope";

const LIST_LIMIT = 50;

const listSelect = {
  id: true,
  status: true,
  scheduledStart: true,
  durationMinutes: true,
  timeZone: true,
  patient: { select: { fullName: true } },
  host: { select: { displayName: true } },
  _count: { select: { participants: { where: { revokedAt: null } } } },
} as const;

/** The dashboard: today's visits (in the viewer's zone), upcoming ones, and recent past ones. */
export async function listConsultations(staff: Staff, today: { start: Date; end: Date }) {
  const scope = visibleTo(staff);
  const [todays, upcoming, past] = await Promise.all([
    db().consultation.findMany({
      where: { AND: [scope, { scheduledStart: { gte: today.start, lt: today.end } }] },
      orderBy: { scheduledStart: "asc" },
      take: LIST_LIMIT,
      select: listSelect,
    }),
    db().consultation.findMany({
      where: { AND: [scope, { scheduledStart: { gte: today.end } }] },
      orderBy: { scheduledStart: "asc" },
      take: LIST_LIMIT,
      select: listSelect,
    }),
    db().consultation.findMany({
      where: { AND: [scope, { scheduledStart: { lt: today.start } }] },
      orderBy: { scheduledStart: "desc" },
      take: LIST_LIMIT,
      select: listSelect,
    }),
  ]);
  return { today: todays, upcoming, past };
}

export type ConsultationListItem = Awaited<ReturnType<typeof listConsultations>>["upcoming"][number];
