import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { localDateRange } from "@/lib/consultations/local-time";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RecordingFilter } from "@/lib/validations/recording";
import { watchableBy } from "./recording-scope";

const PAGE_SIZE = 50;

/** The recordings this member of staff may watch, newest first, narrowed by the filter (dates in `zone`). */
export async function listRecordings(
  staff: Staff,
  filter: RecordingFilter & { consultationId?: string },
  zone = "UTC",
) {
  const where: Prisma.RecordingWhereInput = {
    AND: [
      watchableBy(staff),
      { requestedAt: localDateRange(filter.from, filter.to, zone) },
      filter.clinicianId ? { consultation: { hostId: filter.clinicianId } } : {},
      filter.consultationId ? { consultationId: filter.consultationId } : {},
      filter.status ? { state: filter.status } : { state: { notIn: ["DECLINED"] } },
    ],
  };
  const rows = await db().recording.findMany({
    where,
    orderBy: { requestedAt: "desc" },
    take: PAGE_SIZE,
    select: {
      id: true,
      state: true,
      requestedAt: true,
      durationSeconds: true,
      bytes: true,
      failureReason: true,
      deletedAt: true,
      consultation: { select: { id: true, host: { select: { id: true, displayName: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    state: row.state,
    requestedAt: row.requestedAt.toISOString(),
    durationSeconds: row.durationSeconds,
    bytes: row.bytes,
    failureReason: row.failureReason,
    deleted: row.deletedAt !== null,
    consultationId: row.consultation.id,
    clinicianName: row.consultation.host.displayName,
  }));
}

/** Clinicians who hosted a recorded visit, for the administrator's filter. */
export async function listRecordedClinicians(staff: Staff) {
  const rows = await db().user.findMany({
    where: { hosting: { some: { recordings: { some: watchableBy(staff) } } } },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true },
  });
  return rows;
}
