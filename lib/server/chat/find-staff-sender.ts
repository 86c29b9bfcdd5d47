import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * The participant a signed-in member of staff writes chat as: the same row
 * their LiveKit identity is (see resolve-staff-participant.ts), looked up by
 * the session's user id. Nothing is created here; without a row in this
 * visit they are "not found".
 */
export async function findStaffSender(staff: Staff, consultationId: string): Promise<string> {
  const own = await db().participant.findFirst({
    where: { consultationId, userId: staff.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!own) throw new AppError("NOT_FOUND");
  return own.id;
}
