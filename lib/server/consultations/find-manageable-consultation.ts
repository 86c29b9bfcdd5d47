import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { manageableBy } from "./consultation-scope";

/** The consultation if the caller may change it; otherwise "not found", whether or not it exists. */
export async function findManageableConsultation(staff: Staff, consultationId: string) {
  const consultation = await db().consultation.findFirst({
    where: { AND: [{ id: consultationId }, manageableBy(staff)] },
    select: {
      id: true,
      status: true,
      roomName: true,
      scheduledStart: true,
      durationMinutes: true,
      opensBeforeMinutes: true,
      closesAfterMinutes: true,
      timeZone: true,
    },
  });
  if (!consultation) throw new AppError("NOT_FOUND");
  return consultation;
}
