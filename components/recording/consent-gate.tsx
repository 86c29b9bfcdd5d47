"use client";

import type { ActionResult } from "@/lib/actions/action-result";
import type { ConsentGate as Gate } from "@/lib/server/recordings/consent-gate";
import { ConsentQuestion } from "./consent-question";
import type { ConsentAnswerInput } from "./recording-api";

/**
 * Before entering a visit that is being recorded: the same question everyone
 * in the room answered. A no keeps the person out while recording continues
 * (the clinician can stop it to let them in); they may change their mind.
 */
export function ConsentGate({
  gate,
  answer,
  onAnswered,
}: {
  gate: Gate;
  answer: (input: ConsentAnswerInput) => Promise<ActionResult<unknown>>;
  onAnswered: (decision: "GRANTED" | "DECLINED") => void;
}) {
  return (
    <section
      aria-labelledby="consent-gate-heading"
      className="flex flex-col gap-4 rounded-xl border border-red-200 bg-red-50 p-5 text-slate-900"
      data-testid="consent-gate"
    >
      <h2 id="consent-gate-heading" className="flex items-center gap-2 text-xl font-semibold">
        <span className="h-3 w-3 rounded-full bg-red-600" aria-hidden="true" />
        This visit is being recorded
      </h2>
      <p>Before you join, please read this and answer.</p>
      {gate.decision === "DECLINED" ? (
        <p role="status" className="font-semibold" data-testid="consent-gate-declined">
          You said no, so you will not be let in while the recording continues. Your clinician can stop the recording to
          let you in, or you can change your answer.
        </p>
      ) : null}
      <ConsentQuestion
        yesLabel="Yes, I agree and want to join"
        noLabel="No, do not record me"
        onAnswer={async (decision, textVersion) => {
          const result = await answer({ recordingId: gate.recordingId, decision, textVersion });
          if (!result.ok) return result.message;
          onAnswered(decision);
          return null;
        }}
      />
    </section>
  );
}
