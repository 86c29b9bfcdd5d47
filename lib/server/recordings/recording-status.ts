import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { consentGateFor } from "./consent-gate";

/** How long a finished request stays on the host's screen (so "declined by …" can be read). */
const RECENT_MS = 10 * 60_000;

async function latestRecording(consultationId: string) {
  return db().recording.findFirst({
    where: { consultationId },
    orderBy: { requestedAt: "desc" },
    select: {
      id: true,
      state: true,
      consentTextVersion: true,
      failureReason: true,
      stopReason: true,
      requestedAt: true,
      updatedAt: true,
      consents: { select: { participantId: true, decision: true, participant: { select: { displayName: true } } } },
    },
  });
}

/**
 * What one participant needs to know about recording in their visit: the
 * latest request's id and state, and their own answer. Nothing about others.
 */
export async function recordingStatusForParticipant(participantId: string) {
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: { id: true, consultationId: true },
  });
  if (!participant) return { recording: null, gate: null };
  const [recording, gate] = await Promise.all([
    latestRecording(participant.consultationId),
    consentGateFor(participant.id, participant.consultationId),
  ]);
  return {
    recording: recording && {
      id: recording.id,
      state: recording.state,
      textVersion: recording.consentTextVersion,
      myDecision: recording.consents.find((c) => c.participantId === participantId)?.decision ?? null,
    },
    /** Set when this person must answer before entering (recording is starting or running). */
    gate,
  };
}

export type ParticipantRecordingStatus = Awaited<ReturnType<typeof recordingStatusForParticipant>>;

/**
 * The host's view: the latest request, who has not answered yet and who said
 * no (display names, shown to the host only).
 */
export async function recordingStatusForHost(staff: Staff, consultationId: string, at = new Date()) {
  await findManageableConsultation(staff, consultationId);
  const recording = await latestRecording(consultationId);
  if (!recording) return { recording: null };
  const finished = ["READY", "DECLINED", "FAILED", "PARTIAL"].includes(recording.state);
  if (finished && at.getTime() - recording.updatedAt.getTime() > RECENT_MS) return { recording: null };
  const namesWith = (...decisions: string[]) =>
    recording.consents.filter((c) => decisions.includes(c.decision)).map((c) => c.participant.displayName);
  return {
    recording: {
      id: recording.id,
      state: recording.state,
      failureReason: recording.failureReason,
      stopReason: recording.stopReason,
      waitingFor: namesWith("PENDING"),
      declinedBy: namesWith("DECLINED", "WITHDRAWN"),
    },
  };
}

export type HostRecordingStatus = Awaited<ReturnType<typeof recordingStatusForHost>>;
