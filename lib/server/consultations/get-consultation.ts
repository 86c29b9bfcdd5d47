import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { visibleTo } from "./consultation-scope";

/** One consultation with its participants' link and attendance state, for staff who may see it. */
export async function getConsultation(staff: Staff, consultationId: string) {
  const consultation = await db().consultation.findFirst({
    where: { AND: [{ id: consultationId }, visibleTo(staff)] },
    select: {
      id: true,
      status: true,
      reason: true,
      scheduledStart: true,
      durationMinutes: true,
      timeZone: true,
      opensBeforeMinutes: true,
      closesAfterMinutes: true,
      startedAt: true,
      endedAt: true,
      cancelledAt: true,
      cancelReason: true,
      participantSeconds: true,
      hostId: true,
      host: { select: { displayName: true } },
      patient: { select: { id: true, fullName: true, email: true, phone: true, dateOfBirth: true } },
      participants: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          role: true,
          displayName: true,
          relationship: true,
          userId: true,
          revokedAt: true,
          redeemedAt: true,
          deviceSecretHash: true,
          firstJoinedAt: true,
          lastJoinedAt: true,
          lastLeftAt: true,
          connectedSince: true,
          attendedSeconds: true,
          admission: true,
          waitingSince: true,
        },
      },
    },
  });
  if (!consultation) throw new AppError("NOT_FOUND");
  const { participants, ...rest } = consultation;
  return {
    ...rest,
    canManage: consultation.hostId === staff.id || can(staff.role, "consultation:oversee"),
    // A DTO: whether a device is bound, never the hash itself.
    participants: participants.map(({ deviceSecretHash, ...participant }) => ({
      ...participant,
      deviceBound: deviceSecretHash !== null,
    })),
  };
}

export type ConsultationDetail = Awaited<ReturnType<typeof getConsultation>>;
