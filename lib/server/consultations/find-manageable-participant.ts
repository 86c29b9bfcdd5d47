import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { manageableBy } from "./consultation-scope";

/** A participant of a consultation the caller may change; otherwise "not found". */
export async function findManageableParticipant(staff: Staff, participantId: string) {
  const participant = await db().participant.findFirst({
    where: { id: participantId, consultation: manageableBy(staff) },
    select: {
      id: true,
      role: true,
      revokedAt: true,
      consultation: { select: { id: true, status: true, roomName: true, patient: { select: { email: true } } } },
    },
  });
  if (!participant) throw new AppError("NOT_FOUND");
  return participant;
}
