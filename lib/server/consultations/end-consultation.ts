import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { closeConsultation } from "./close-consultation";
import { findManageableConsultation } from "./find-manageable-consultation";

/** "End visit" (host or administrator): everyone is disconnected and every link stops working. */
export async function endConsultation(staff: Staff, consultationId: string, request: RequestMeta) {
  const consultation = await findManageableConsultation(staff, consultationId);
  if (!isOpenStatus(consultation.status)) throw new AppError("VISIT_ENDED", "This visit has already ended.");
  await closeConsultation({
    consultationId,
    roomName: consultation.roomName,
    status: "COMPLETED",
    at: now(),
    actor: { type: "USER", id: staff.id },
    request,
  });
}
