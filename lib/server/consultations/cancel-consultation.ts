import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { closeConsultation } from "./close-consultation";
import { findManageableConsultation } from "./find-manageable-consultation";

/** Cancels a visit that has not started; every link then shows the "cancelled" page. */
export async function cancelConsultation(staff: Staff, consultationId: string, reason: string, request: RequestMeta) {
  const consultation = await findManageableConsultation(staff, consultationId);
  if (consultation.status !== "SCHEDULED") {
    throw new AppError("INVALID_INPUT", "Only a visit that has not started can be cancelled; end it instead.");
  }
  await closeConsultation({
    consultationId,
    roomName: consultation.roomName,
    status: "CANCELLED",
    at: now(),
    actor: { type: "USER", id: staff.id },
    request,
    cancelReason: reason,
  });
}
