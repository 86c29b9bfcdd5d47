import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { consentOutcome } from "@/lib/recording/consent-rules";
import { presentParticipantIds } from "./present-participants";
import { publishRecordingState } from "./publish-recording-state";
import { recorderBackend } from "./recorder-backend";

export type StartAttempt =
  | { kind: "STARTED" }
  | { kind: "WAITING"; missing: number }
  | { kind: "DECLINED" }
  | { kind: "NOT_AWAITING" };

/**
 * Starts a recording if, and only if, everyone in the room now (as LiveKit
 * sees it) has said yes. Called after every yes, and by the host's "start"
 * action; whatever the browser believes, the server decides here. Someone who
 * came in after the request and has not answered yet is asked now.
 */
export async function startRecordingIfConsented(recordingId: string, actor: AuditActor): Promise<StartAttempt> {
  const recording = await db().recording.findUnique({
    where: { id: recordingId },
    select: {
      id: true,
      state: true,
      consentTextVersion: true,
      consultation: { select: { id: true, roomName: true } },
      consents: { select: { participantId: true, decision: true } },
    },
  });
  if (!recording) throw new AppError("NOT_FOUND");
  if (recording.state !== "AWAITING_CONSENT") return { kind: "NOT_AWAITING" };
  const { consultation } = recording;
  const present = await presentParticipantIds(consultation.id, consultation.roomName);
  const outcome = consentOutcome(present, recording.consents);

  if (outcome.kind === "REFUSED") {
    await declineRecording(recording.id, consultation.roomName, actor);
    return { kind: "DECLINED" };
  }
  if (outcome.kind === "WAITING") {
    const asked = new Set(recording.consents.map((c) => c.participantId));
    const newcomers = outcome.missing.filter((id) => !asked.has(id));
    if (newcomers.length > 0) {
      await db().recordingConsent.createMany({
        data: newcomers.map((participantId) => ({
          recordingId,
          consultationId: consultation.id,
          participantId,
          textVersion: recording.consentTextVersion,
        })),
      });
    }
    return { kind: "WAITING", missing: outcome.missing.length };
  }

  const at = now();
  const started = await db().$transaction(async (tx) => {
    const { count } = await tx.recording.updateMany({
      where: { id: recordingId, state: "AWAITING_CONSENT" },
      data: { state: "STARTING", startingAt: at },
    });
    if (count === 0) return false;
    await audit(
      {
        actor,
        action: "recording.start",
        objectType: "Recording",
        objectId: recordingId,
        detail: { consultationId: consultation.id, consenting: present.length },
      },
      tx,
    );
    return true;
  });
  if (!started) return { kind: "NOT_AWAITING" };
  await publishRecordingState(consultation.roomName, { id: recordingId, state: "STARTING" });
  try {
    await recorderBackend().start({ recordingId, roomName: consultation.roomName });
  } catch (error) {
    logger().error({ err: error, recordingId }, "the recorder backend could not start the recording");
  }
  return { kind: "STARTED" };
}

/** One present no (or a withdrawal before the start): the request ends as DECLINED. */
export async function declineRecording(recordingId: string, roomName: string, actor: AuditActor): Promise<void> {
  const declined = await db().$transaction(async (tx) => {
    const { count } = await tx.recording.updateMany({
      where: { id: recordingId, state: { in: ["REQUESTED", "AWAITING_CONSENT"] } },
      data: { state: "DECLINED", stopRequestedAt: now() },
    });
    if (count > 0) {
      await audit({ actor, action: "recording.declined", objectType: "Recording", objectId: recordingId }, tx);
    }
    return count > 0;
  });
  if (declined) await publishRecordingState(roomName, { id: recordingId, state: "DECLINED" });
}
