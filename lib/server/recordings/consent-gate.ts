import "server-only";
import { db } from "@/lib/db";
import { mayEnterWhileCapturing } from "@/lib/recording/consent-rules";
import { CAPTURING_STATES } from "@/lib/recording/recording-state";

export type ConsentGate = { recordingId: string; textVersion: string; decision: string | null };

/**
 * Whether this participant must answer the recording question before
 * entering: yes while a recording of their visit is starting or running and
 * they have no yes to it on file. Null means they may enter (as far as
 * recording goes).
 */
export async function consentGateFor(participantId: string, consultationId: string): Promise<ConsentGate | null> {
  const recording = await db().recording.findFirst({
    where: { consultationId, state: { in: [...CAPTURING_STATES] } },
    orderBy: { requestedAt: "desc" },
    select: {
      id: true,
      consentTextVersion: true,
      consents: { where: { participantId }, select: { decision: true } },
    },
  });
  if (!recording) return null;
  const decision = recording.consents[0]?.decision;
  if (mayEnterWhileCapturing(decision)) return null;
  return { recordingId: recording.id, textVersion: recording.consentTextVersion, decision: decision ?? null };
}
