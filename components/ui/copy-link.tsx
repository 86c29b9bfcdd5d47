"use client";

import { useState } from "react";

/** A personal link shown once, with a copy button (links are stored only as hashes). */
export function CopyLink({ link, label }: { link: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-2 rounded-md border border-brand-100 bg-brand-50 p-3">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={link}
          aria-label={label}
          data-testid="invite-link"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(link).catch(() => {});
            setCopied(true);
          }}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
      <p className="text-xs text-slate-600">
        Shown once: only a fingerprint of it is stored. Make a new link later if it is lost (the old one stops working).
      </p>
    </div>
  );
}
