"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  emailInviteLinkAction,
  issueInviteLinkAction,
  removeParticipantAction,
  resetDeviceBindingAction,
} from "@/app/(app)/consultations/actions";
import { CopyLink } from "@/components/ui/copy-link";
import { ErrorAlert } from "@/components/ui/error-alert";

const buttonClass = "rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-100";

/** Per-participant controls for the host: new link, reset device, remove. */
export function ParticipantActions({
  participantId,
  displayName,
  deviceBound,
  canEmail,
}: {
  participantId: string;
  displayName: string;
  deviceBound: boolean;
  canEmail: boolean;
}) {
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function run<T>(action: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>) {
    setError(null);
    const result = await action();
    if (!result.ok) {
      setError(result.message);
      return undefined;
    }
    router.refresh();
    return result.data;
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          aria-label={`New link for ${displayName}`}
          onClick={async () => {
            const data = await run(() => issueInviteLinkAction({ participantId }));
            if (data) setLink(data.link);
          }}
        >
          New link
        </button>
        {canEmail ? (
          <button
            type="button"
            className={buttonClass}
            aria-label={`Email a new link to ${displayName}`}
            onClick={async () => {
              const data = await run(() => emailInviteLinkAction({ participantId }));
              if (data) {
                setLink(data.link);
                setNotice(
                  data.emailed === "outbox" ? "No mail server is set up: the email is in the outbox." : "Sent.",
                );
              }
            }}
          >
            Email new link
          </button>
        ) : null}
        {deviceBound ? (
          <button
            type="button"
            className={buttonClass}
            aria-label={`Reset device for ${displayName}`}
            onClick={() => run(() => resetDeviceBindingAction({ participantId }))}
          >
            Reset device
          </button>
        ) : null}
        <button
          type="button"
          className={`${buttonClass} text-red-800`}
          aria-label={`Remove ${displayName}`}
          onClick={() => {
            if (window.confirm(`Remove ${displayName} from this visit? Their link stops working.`)) {
              void run(() => removeParticipantAction({ participantId }));
            }
          }}
        >
          Remove
        </button>
      </div>
      {link ? <CopyLink link={link} label={`New personal link for ${displayName}`} /> : null}
      {notice ? (
        <p role="status" className="text-sm">
          {notice}
        </p>
      ) : null}
      <ErrorAlert>{error}</ErrorAlert>
    </div>
  );
}
