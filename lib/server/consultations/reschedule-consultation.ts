import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import type { rescheduleConsultationSchema } from "@/lib/validations/consultation";
import { findManageableConsultation } from "./find-manageable-consultation";
import { startFromLocal } from "./schedule-consultation";

/** Moves a visit that has not started; its links stay the same and follow the new window. */
export async function rescheduleConsultation(
  staff: Staff,
  input: z.infer<typeof rescheduleConsultationSchema>,
  request: RequestMeta,
) {
  const consultation = await findManageableConsultation(staff, input.consultationId);
  if (consultation.status !== "SCHEDULED") {
    throw new AppError("INVALID_INPUT", "Only a visit that has not started can be rescheduled.");
  }
  const scheduledStart = startFromLocal(input, now());
  await db().$transaction(async (tx) => {
    await tx.consultation.update({
      where: { id: consultation.id },
      data: { scheduledStart, durationMinutes: input.durationMinutes, timeZone: input.timeZone },
    });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "consultation.reschedule",
        objectType: "Consultation",
        objectId: consultation.id,
        detail: { durationMinutes: input.durationMinutes },
        request,
      },
      tx,
    );
  });
}
