"use server";

import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findStaffSender } from "@/lib/server/chat/find-staff-sender";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { answerConsent, withdrawConsent } from "@/lib/server/recordings/answer-consent";
import { recordingStatusForHost, recordingStatusForParticipant } from "@/lib/server/recordings/recording-status";
import { requestRecording } from "@/lib/server/recordings/request-recording";
import { startRecordingIfConsented } from "@/lib/server/recordings/start-recording";
import { hostStopRecording } from "@/lib/server/recordings/stop-recording";
import { consultationIdSchema } from "@/lib/validations/consultation";
import { staffConsentAnswerSchema, staffWithdrawSchema } from "@/lib/validations/recording";

/** The host asks everyone in the room whether the visit may be recorded. */
export const requestRecordingAction = staffAction(
  "requestRecording",
  { permission: "recording:request", schema: consultationIdSchema },
  ({ consultationId }, { staff, request }) => requestRecording(staff, consultationId, request),
);

/**
 * Starts the recording now. It also starts by itself at the last yes; this is
 * the explicit door, and it is refused unless everyone present has said yes.
 */
export const startRecordingAction = staffAction(
  "startRecording",
  {
    permission: "recording:request",
    schema: z.object({ consultationId: z.string().min(1).max(64), recordingId: z.string().min(1).max(64) }),
  },
  async ({ consultationId, recordingId }, { staff }) => {
    await findManageableConsultation(staff, consultationId);
    const owned = await db().recording.findFirst({ where: { id: recordingId, consultationId }, select: { id: true } });
    if (!owned) throw new AppError("NOT_FOUND");
    const attempt = await startRecordingIfConsented(recordingId, { type: "USER", id: staff.id });
    if (attempt.kind === "STARTED") return attempt;
    throw new AppError("RECORDING_CONSENT_INCOMPLETE");
  },
);

export const stopRecordingAction = staffAction(
  "stopRecording",
  { permission: "recording:request", schema: consultationIdSchema },
  ({ consultationId }, { staff, request }) => hostStopRecording(staff, consultationId, request),
);

/** Polled by the host's room while a request is open: who has not answered, who said no. */
export const hostRecordingStatusAction = staffAction(
  "hostRecordingStatus",
  { permission: "consultation:manage", schema: consultationIdSchema },
  ({ consultationId }, { staff }) => recordingStatusForHost(staff, consultationId),
);

/** A member of staff in the visit (host, colleague, administrator observing) answers like anyone else. */
export const staffAnswerConsentAction = staffAction(
  "staffAnswerConsent",
  { permission: "consultation:manage", schema: staffConsentAnswerSchema },
  async ({ consultationId, ...answer }, { staff, request }) => {
    const participantId = await findStaffSender(staff, consultationId);
    return answerConsent(participantId, answer, { type: "USER", id: staff.id }, request);
  },
);

export const staffWithdrawConsentAction = staffAction(
  "staffWithdrawConsent",
  { permission: "consultation:manage", schema: staffWithdrawSchema },
  async ({ consultationId, recordingId }, { staff, request }) => {
    const participantId = await findStaffSender(staff, consultationId);
    return withdrawConsent(participantId, recordingId, { type: "USER", id: staff.id }, request);
  },
);

/** This member of staff's own view: the latest request and their answer, and whether they must answer to enter. */
export const staffRecordingStatusAction = staffAction(
  "staffRecordingStatus",
  { permission: "consultation:manage", schema: consultationIdSchema },
  async ({ consultationId }, { staff }) => {
    const participantId = await findStaffSender(staff, consultationId).catch(() => null);
    if (!participantId) return { recording: null, gate: null };
    return recordingStatusForParticipant(participantId);
  },
);
