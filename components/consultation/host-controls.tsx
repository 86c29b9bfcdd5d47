"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import {
  cancelConsultationAction,
  endConsultationAction,
  rescheduleConsultationAction,
} from "@/app/(app)/consultations/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field, inputClass } from "@/components/ui/field";

type Props = {
  consultationId: string;
  status: string;
  local: { date: string; time: string };
  timeZone: string;
  durationMinutes: number;
};

/** Join, end, reschedule and cancel: what the host (or an administrator) can do to the visit. */
export function HostControls({ consultationId, status, local, timeZone, durationMinutes }: Props) {
  const router = useRouter();
  const [panel, setPanel] = useState<"none" | "reschedule" | "cancel">("none");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const open = status === "SCHEDULED" || status === "IN_PROGRESS";

  async function submit(
    action: () => Promise<{ ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> }>,
  ) {
    const result = await action();
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      return setMessage(result.message);
    }
    setErrors({});
    setMessage(null);
    setPanel("none");
    router.refresh();
  }

  function onReschedule(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(() =>
      rescheduleConsultationAction({
        consultationId,
        date: String(form.get("date")),
        time: String(form.get("time")),
        timeZone: String(form.get("timeZone")),
        durationMinutes: Number(form.get("durationMinutes")),
      }),
    );
  }

  function onCancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(() => cancelConsultationAction({ consultationId, reason: String(form.get("cancelReason") ?? "") }));
  }

  if (!open) return null;
  const buttonClass = "rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100";
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Link
          href={`/consultations/${consultationId}/room`}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Join visit
        </Link>
        <button
          type="button"
          className={`${buttonClass} text-red-800`}
          onClick={() => {
            if (window.confirm("End this visit for everyone? All links stop working.")) {
              void submit(() => endConsultationAction({ consultationId }));
            }
          }}
        >
          End visit
        </button>
        {status === "SCHEDULED" ? (
          <>
            <button type="button" className={buttonClass} onClick={() => setPanel("reschedule")}>
              Reschedule
            </button>
            <button type="button" className={buttonClass} onClick={() => setPanel("cancel")}>
              Cancel visit
            </button>
          </>
        ) : null}
      </div>
      {panel === "reschedule" ? (
        <form onSubmit={onReschedule} noValidate className="grid max-w-xl grid-cols-2 gap-3 rounded-md border p-4">
          <Field label="New date" name="date" errors={errors.date}>
            <input id="date" name="date" type="date" defaultValue={local.date} className={inputClass} />
          </Field>
          <Field label="New time" name="time" errors={errors.time}>
            <input id="time" name="time" type="time" defaultValue={local.time} className={inputClass} />
          </Field>
          <Field label="Time zone" name="timeZone" errors={errors.timeZone}>
            <input id="timeZone" name="timeZone" defaultValue={timeZone} className={inputClass} />
          </Field>
          <Field label="Length (minutes)" name="durationMinutes" errors={errors.durationMinutes}>
            <input
              id="durationMinutes"
              name="durationMinutes"
              type="number"
              defaultValue={durationMinutes}
              className={inputClass}
            />
          </Field>
          <button type="submit" className="col-span-2 justify-self-start rounded-md bg-brand-600 px-4 py-2 text-white">
            Save new time
          </button>
        </form>
      ) : null}
      {panel === "cancel" ? (
        <form onSubmit={onCancel} noValidate className="flex max-w-xl flex-col gap-3 rounded-md border p-4">
          <Field label="Why is it cancelled? (staff only)" name="cancelReason" errors={errors.reason}>
            <textarea id="cancelReason" name="cancelReason" rows={2} className={inputClass} />
          </Field>
          <button type="submit" className="self-start rounded-md bg-red-700 px-4 py-2 text-white">
            Cancel the visit
          </button>
        </form>
      ) : null}
      <ErrorAlert>{message}</ErrorAlert>
    </div>
  );
}
