"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  admitParticipantsAction,
  denyParticipantAction,
  setAutoAdmitAction,
  waitingListAction,
} from "@/app/(app)/consultations/admission-actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { ActionResult } from "@/lib/actions/action-result";

const ROLE_LABEL: Record<string, string> = {
  PATIENT: "Patient",
  GUEST: "Guest",
  OBSERVER: "Observer",
  CLINICIAN: "Clinician",
};

function since(iso: string): string {
  const minutes = Math.floor((Date.now() - new Date(iso).getTime()) / 60_000);
  return minutes < 1 ? "just now" : `${minutes} min`;
}

async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.data;
}

const waitingListKey = (consultationId: string) => ["waiting-list", consultationId];

/**
 * Who is waiting, polled every 2 s. One query per visit however many places
 * use it (the list, the room's "Waiting (N)" badge): React Query shares it.
 */
export function useWaitingList(consultationId: string) {
  return useQuery({
    queryKey: waitingListKey(consultationId),
    queryFn: () => unwrap(waitingListAction({ consultationId })),
    refetchInterval: 2_000,
    enabled: consultationId !== "",
  });
}

/** The host's waiting room: who waits (name, role, since when), admit, admit all, deny, auto-admit. */
export function WaitingList({ consultationId }: { consultationId: string }) {
  const queryClient = useQueryClient();
  const key = waitingListKey(consultationId);
  const query = useWaitingList(consultationId);
  const decide = useMutation({
    mutationFn: ({ ids, admit }: { ids: string[]; admit: boolean }) =>
      unwrap((admit ? admitParticipantsAction : denyParticipantAction)({ consultationId, participantIds: ids })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const autoAdmit = useMutation({
    mutationFn: (on: boolean) => unwrap(setAutoAdmitAction({ consultationId, autoAdmit: on })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  const waiting = query.data?.waiting ?? [];
  const buttonClass = "rounded-md px-3 py-1.5 text-sm font-medium";
  return (
    <section aria-labelledby="waiting-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="waiting-heading" className="font-semibold">
          Waiting room ({waiting.length})
        </h2>
        {waiting.length > 1 ? (
          <button
            type="button"
            onClick={() => decide.mutate({ ids: [], admit: true })}
            className={`${buttonClass} bg-brand-600 text-white hover:bg-brand-700`}
          >
            Admit all
          </button>
        ) : null}
      </div>
      {waiting.length === 0 ? <p className="text-sm text-slate-600">Nobody is waiting.</p> : null}
      <ul className="flex flex-col gap-2">
        {waiting.map((person) => (
          <li key={person.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-100 p-2">
            <span>
              <span className="font-medium">{person.displayName}</span>{" "}
              <span className="text-sm text-slate-600">
                {ROLE_LABEL[person.role] ?? person.role}
                {person.relationship ? `, ${person.relationship}` : ""} · waiting {since(person.waitingSince)}
              </span>
              {person.recordingConsent !== "NOT_NEEDED" ? (
                <span className="block text-sm text-red-800" data-testid="waiting-recording-consent">
                  {person.recordingConsent === "DECLINED"
                    ? "Said no to the recording: stop recording to let them in"
                    : "Answering the recording question"}
                </span>
              ) : null}
            </span>
            <span className="flex gap-2">
              <button
                type="button"
                aria-label={`Admit ${person.displayName}`}
                onClick={() => decide.mutate({ ids: [person.id], admit: true })}
                className={`${buttonClass} bg-brand-600 text-white hover:bg-brand-700`}
              >
                Admit
              </button>
              <button
                type="button"
                aria-label={`Deny ${person.displayName}`}
                onClick={() => decide.mutate({ ids: [person.id], admit: false })}
                className={`${buttonClass} border border-slate-300 bg-white hover:bg-slate-50`}
              >
                Deny
              </button>
            </span>
          </li>
        ))}
      </ul>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={query.data?.autoAdmit ?? false}
          onChange={(event) => autoAdmit.mutate(event.target.checked)}
        />
        Admit people automatically when they arrive
      </label>
      <ErrorAlert>{query.error?.message ?? decide.error?.message ?? autoAdmit.error?.message}</ErrorAlert>
    </section>
  );
}
