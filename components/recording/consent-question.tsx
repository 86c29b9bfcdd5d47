"use client";

import { useState } from "react";
import { CONSENT_TEXT, CONSENT_TEXT_VERSION } from "@/lib/recording/consent-text";

/**
 * The consent text and a yes/no, the same words for everyone (the version is
 * sent with the answer so the server can tell which words were seen).
 */
export function ConsentQuestion({
  onAnswer,
  yesLabel = "Yes, I agree to recording",
  noLabel = "No, do not record",
}: {
  onAnswer: (decision: "GRANTED" | "DECLINED", textVersion: string) => Promise<string | null>;
  yesLabel?: string;
  noLabel?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function answer(decision: "GRANTED" | "DECLINED") {
    setBusy(true);
    setError(null);
    const failure = await onAnswer(decision, CONSENT_TEXT_VERSION).catch(
      () => "We could not reach the server. Check your connection and try again.",
    );
    setBusy(false);
    if (failure) setError(failure);
  }
  return (
    <div className="flex flex-col gap-4" data-testid="consent-question">
      <div className="flex flex-col gap-2 text-base">
        {CONSENT_TEXT.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <button
          type="button"
          disabled={busy}
          onClick={() => void answer("GRANTED")}
          className="min-h-12 rounded-lg bg-brand-600 px-5 py-2 text-lg font-semibold text-white hover:bg-brand-700 disabled:opacity-70"
        >
          {yesLabel}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void answer("DECLINED")}
          className="min-h-12 rounded-lg border border-slate-400 px-5 py-2 text-lg font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-70"
        >
          {noLabel}
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
