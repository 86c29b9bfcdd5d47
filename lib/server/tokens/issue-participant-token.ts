import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { type JoinVerdict, joinVerdict } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import { type JoinCredentials, mintJoinToken } from "@/lib/livekit/mint-token";
import type { RequestMeta } from "@/lib/request-meta";
import { mayReceiveToken } from "@/lib/server/admission/admission-rules";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";
import { ensureRoom } from "./ensure-room";

export type AccessVerdict = JoinVerdict | "REVOKED";

const REFUSALS: Record<Exclude<AccessVerdict | "WAITING" | "DENIED", "OPEN">, ErrorCode> = {
  WAITING: "NOT_ADMITTED",
  DENIED: "ADMISSION_DENIED",
  TOO_EARLY: "VISIT_TOO_EARLY",
  CANCELLED: "VISIT_CANCELLED",
  COMPLETED: "VISIT_ENDED",
  EXPIRED: "VISIT_ENDED",
  REVOKED: "INVITE_REVOKED",
};

/** Whether this participant may enter now: the visit's state first, then their own link. */
export function accessVerdict(
  participant: { revokedAt: Date | null },
  consultation: Parameters<typeof joinVerdict>[0],
  at: Date,
): AccessVerdict {
  const verdict = joinVerdict(consultation, at);
  if (verdict !== "OPEN" && verdict !== "TOO_EARLY") return verdict;
  if (participant.revokedAt) return "REVOKED";
  return verdict;
}

export type ParticipantJoinCredentials = JoinCredentials & { role: string; participantId: string };

/**
 * The only place a LiveKit token for a consultation is made. The caller has
 * already proved who they are (a bound device, or a staff session); here the
 * server checks the visit is open and the person not removed, creates the room
 * if needed, and signs a 10-minute token for that one room and role. The
 * identity and room come from the database, never from the request.
 */
export async function issueParticipantToken(
  participantId: string,
  actor: AuditActor,
  request: RequestMeta,
): Promise<ParticipantJoinCredentials> {
  const at = now();
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      role: true,
      displayName: true,
      revokedAt: true,
      admission: true,
      consultation: {
        select: {
          id: true,
          status: true,
          roomName: true,
          scheduledStart: true,
          durationMinutes: true,
          opensBeforeMinutes: true,
          closesAfterMinutes: true,
        },
      },
    },
  });
  if (!participant) throw new AppError("NOT_FOUND");
  const { consultation } = participant;

  const visitVerdict = accessVerdict(participant, consultation, at);
  // Inside an open visit, people invited by link also need the host to have let them in.
  const verdict =
    visitVerdict === "OPEN" && !mayReceiveToken(participant.admission)
      ? participant.admission === "DENIED"
        ? "DENIED"
        : "WAITING"
      : visitVerdict;
  if (verdict !== "OPEN") {
    await audit({
      actor,
      action: "livekit.token_refused",
      objectType: "Participant",
      objectId: participant.id,
      detail: { consultationId: consultation.id, verdict },
      request,
    });
    throw new AppError(REFUSALS[verdict]);
  }
  // While the visit is being recorded, only people who said yes to it enter.
  const gate = await consentGateFor(participant.id, consultation.id);
  if (gate) {
    await audit({
      actor,
      action: "livekit.token_refused",
      objectType: "Participant",
      objectId: participant.id,
      detail: { consultationId: consultation.id, verdict: "RECORDING_CONSENT", recordingId: gate.recordingId },
      request,
    });
    throw new AppError("RECORDING_CONSENT_REQUIRED");
  }

  await ensureRoom(consultation);
  const credentials = await mintJoinToken({
    identity: participant.id,
    name: participant.displayName,
    room: consultation.roomName,
    role: participant.role,
  });
  await audit({
    actor,
    action: "livekit.token_issued",
    objectType: "Participant",
    objectId: participant.id,
    detail: { consultationId: consultation.id, role: participant.role, ttlSeconds: credentials.expiresInSeconds },
    request,
  });
  return { ...credentials, role: participant.role, participantId: participant.id };
}
