import "server-only";
import { now } from "@/lib/clock";
import { consultationWindowSelect } from "@/lib/consultations/window-select";
import { db } from "@/lib/db";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";
import { accessVerdict } from "@/lib/server/tokens/issue-participant-token";

/**
 * What a participant's page polls: whether the visit is open and whether they
 * have been let in. Says nothing about anyone else.
 */
export async function visitStatus(participantId: string) {
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      admission: true,
      revokedAt: true,
      consultationId: true,
      consultation: {
        select: {
          ...consultationWindowSelect,
        },
      },
    },
  });
  if (!participant) return { visit: "EXPIRED" as const, admission: "DENIED" as const, recordingGate: null };
  return {
    visit: accessVerdict(participant, participant.consultation, now()),
    admission: participant.admission,
    /** Set while the visit is being recorded and this person has not said yes: they answer before entering. */
    recordingGate: await consentGateFor(participant.id, participant.consultationId),
  };
}

export type VisitStatus = Awaited<ReturnType<typeof visitStatus>>;
