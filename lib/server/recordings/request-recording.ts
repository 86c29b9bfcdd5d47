import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CONSENT_TEXT_VERSION } from "@/lib/recording/consent-text";
import { ACTIVE_STATES } from "@/lib/recording/recording-state";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { presentParticipantIds } from "./present-participants";
import { publishRecordingState } from "./publish-recording-state";

/**
 * The host (or an administrator) asks to record. Everyone in the room now is
 * asked, with the current consent text; nothing is recorded until all of them
 * said yes (see start-recording.ts). One recording request at a time.
 */
export async function requestRecording(staff: Staff, consultationId: string, request: RequestMeta) {
  const consultation = await findManageableConsultation(staff, consultationId);
  if (!isOpenStatus(consultation.status)) throw new AppError("VISIT_ENDED");
  const present = await presentParticipantIds(consultation.id, consultation.roomName);
  if (present.length === 0) {
    throw new AppError("RECORDING_CONSENT_INCOMPLETE", "Recording can start once people are in the visit.");
  }
  const at = now();
  const recording = await db().$transaction(async (tx) => {
    const running = await tx.recording.count({
      where: { consultationId, state: { in: [...ACTIVE_STATES] } },
    });
    if (running > 0) throw new AppError("RECORDING_ALREADY_ACTIVE");
    const created = await tx.recording.create({
      data: {
        consultationId,
        requestedById: staff.id,
        consentTextVersion: CONSENT_TEXT_VERSION,
        state: "REQUESTED",
        requestedAt: at,
      },
      select: { id: true },
    });
    await tx.recordingConsent.createMany({
      data: present.map((participantId) => ({
        recordingId: created.id,
        consultationId,
        participantId,
        textVersion: CONSENT_TEXT_VERSION,
        askedAt: at,
      })),
    });
    await tx.recording.update({ where: { id: created.id }, data: { state: "AWAITING_CONSENT" } });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "recording.request",
        objectType: "Recording",
        objectId: created.id,
        detail: { consultationId, asked: present.length, textVersion: CONSENT_TEXT_VERSION },
        request,
      },
      tx,
    );
    return created;
  });
  await publishRecordingState(consultation.roomName, { id: recording.id, state: "AWAITING_CONSENT" });
  return { recordingId: recording.id };
}
