/**
 * Whether a recording may start. Pure: the server passes who is in the room
 * (from LiveKit, not from the browser) and the answers on file.
 */
export type ConsentDecision = "PENDING" | "GRANTED" | "DECLINED" | "WITHDRAWN";

export type ConsentAnswer = { participantId: string; decision: ConsentDecision };

export type ConsentOutcome =
  | { kind: "COMPLETE" }
  | { kind: "WAITING"; missing: string[] }
  | { kind: "REFUSED"; refusedBy: string[] };

/**
 * COMPLETE when everyone present said yes; REFUSED when anyone present said
 * no or withdrew; otherwise WAITING for the ones listed. (A no from someone in
 * the waiting room keeps that person out; it does not cancel the request.)
 */
export function consentOutcome(
  presentParticipantIds: readonly string[],
  answers: readonly ConsentAnswer[],
): ConsentOutcome {
  const present = new Set(presentParticipantIds);
  const refusedBy = answers
    .filter((answer) => present.has(answer.participantId))
    .filter((answer) => answer.decision === "DECLINED" || answer.decision === "WITHDRAWN")
    .map((answer) => answer.participantId);
  if (refusedBy.length > 0) return { kind: "REFUSED", refusedBy };
  const granted = new Set(answers.filter((a) => a.decision === "GRANTED").map((a) => a.participantId));
  const missing = [...present].filter((id) => !granted.has(id));
  // Nobody in the room: nobody to record, and nobody to have said yes.
  if (present.size === 0) return { kind: "WAITING", missing: [] };
  return missing.length === 0 ? { kind: "COMPLETE" } : { kind: "WAITING", missing };
}

/** A person may enter a room that is being recorded only with a yes to that recording on file. */
export function mayEnterWhileCapturing(decision: ConsentDecision | undefined): boolean {
  return decision === "GRANTED";
}
