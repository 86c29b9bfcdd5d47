import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { consentFingerprint } from "./consent-fingerprint";
import { presentParticipantIds } from "./present-participants";
import { declineRecording, startRecordingIfConsented } from "./start-recording";
import { stopRecording } from "./stop-recording";

const ANSWERABLE = ["AWAITING_CONSENT", "STARTING", "RECORDING"] as const;

async function loadForAnswer(participantId: string, recordingId: string) {
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: { id: true, consultationId: true, revokedAt: true },
  });
  const recording = await db().recording.findUnique({
    where: { id: recordingId },
    select: {
      id: true,
      state: true,
      consultationId: true,
      consentTextVersion: true,
      consultation: { select: { roomName: true } },
    },
  });
  // Another visit's recording is "not found", whether or not it exists.
  if (!participant || participant.revokedAt || !recording || recording.consultationId !== participant.consultationId) {
    throw new AppError("NOT_FOUND");
  }
  return { participant, recording };
}

/**
 * One person's yes or no, stored with the text version they saw, the time and
 * hashes of where it came from. In the room, a yes may complete the consent
 * (and start the recording) and a no declines the request; in the waiting room
 * while recording runs, a yes lets the host admit them and a no keeps them out.
 */
export async function answerConsent(
  participantId: string,
  input: { recordingId: string; decision: "GRANTED" | "DECLINED"; textVersion: string },
  actor: AuditActor,
  request: RequestMeta,
) {
  const { participant, recording } = await loadForAnswer(participantId, input.recordingId);
  if (!(ANSWERABLE as readonly string[]).includes(recording.state)) throw new AppError("RECORDING_NOT_ACTIVE");
  if (input.textVersion !== recording.consentTextVersion) throw new AppError("CONSENT_TEXT_CHANGED");

  const at = now();
  const fingerprint = consentFingerprint(request);
  await db().$transaction(async (tx) => {
    const existing = await tx.recordingConsent.findUnique({
      where: { recordingId_participantId: { recordingId: recording.id, participantId } },
      select: { decision: true },
    });
    // A withdrawal stands: the same recording cannot be consented to again.
    if (existing?.decision === "WITHDRAWN") throw new AppError("RECORDING_NOT_ACTIVE");
    await tx.recordingConsent.upsert({
      where: { recordingId_participantId: { recordingId: recording.id, participantId } },
      create: {
        recordingId: recording.id,
        consultationId: recording.consultationId,
        participantId,
        textVersion: input.textVersion,
        decision: input.decision,
        decidedAt: at,
        ...fingerprint,
      },
      update: { textVersion: input.textVersion, decision: input.decision, decidedAt: at, ...fingerprint },
    });
    await audit(
      {
        actor,
        action: input.decision === "GRANTED" ? "recording.consent_granted" : "recording.consent_declined",
        objectType: "Recording",
        objectId: recording.id,
        detail: { participantId: participant.id, textVersion: input.textVersion },
        request,
      },
      tx,
    );
  });

  if (recording.state === "AWAITING_CONSENT") {
    if (input.decision === "GRANTED") {
      await startRecordingIfConsented(recording.id, actor);
    } else {
      const present = await presentParticipantIds(recording.consultationId, recording.consultation.roomName);
      if (present.includes(participant.id))
        await declineRecording(recording.id, recording.consultation.roomName, actor);
    }
  }
  const after = await db().recording.findUniqueOrThrow({ where: { id: recording.id }, select: { state: true } });
  return { state: after.state, decision: input.decision };
}

/**
 * "Stop recording" by anyone in the visit: their consent is withdrawn (kept,
 * with the time) and the recording stops at once. Before the start it is a no.
 */
export async function withdrawConsent(
  participantId: string,
  recordingId: string,
  actor: AuditActor,
  request: RequestMeta,
) {
  const { recording } = await loadForAnswer(participantId, recordingId);
  if (!(ANSWERABLE as readonly string[]).includes(recording.state)) throw new AppError("RECORDING_NOT_ACTIVE");
  const at = now();
  const fingerprint = consentFingerprint(request);
  await db().$transaction(async (tx) => {
    await tx.recordingConsent.upsert({
      where: { recordingId_participantId: { recordingId, participantId } },
      create: {
        recordingId,
        consultationId: recording.consultationId,
        participantId,
        textVersion: recording.consentTextVersion,
        decision: "WITHDRAWN",
        decidedAt: at,
        withdrawnAt: at,
        ...fingerprint,
      },
      update: { decision: "WITHDRAWN", withdrawnAt: at },
    });
    await audit(
      {
        actor,
        action: "recording.consent_withdrawn",
        objectType: "Recording",
        objectId: recordingId,
        detail: { participantId },
        request,
      },
      tx,
    );
  });
  return { state: await stopRecording(recordingId, "CONSENT_WITHDRAWN", actor, request) };
}
