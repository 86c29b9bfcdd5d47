"use client";

import Link from "next/link";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { scheduleConsultationAction, searchPatientsAction } from "@/app/(app)/consultations/actions";
import { CopyLink } from "@/components/ui/copy-link";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field, inputClass } from "@/components/ui/field";

type PatientHit = { id: string; fullName: string; email: string | null; dateOfBirth: string | null };
type Scheduled = { consultationId: string; link: string; emailed: "smtp" | "outbox" | null };

function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? ["UTC"];
}

/** Schedule a visit: find or create the patient, pick a local date and time, get the patient's link. */
export function ScheduleConsultationForm() {
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<PatientHit[]>([]);
  const [patient, setPatient] = useState<PatientHit | null>(null);
  const [timeZone, setTimeZone] = useState("UTC");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [scheduled, setScheduled] = useState<Scheduled | null>(null);
  const zones = useMemo(allTimeZones, []);

  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);

  useEffect(() => {
    if (mode !== "existing" || query.trim().length < 2) return setHits([]);
    const timer = setTimeout(async () => {
      const result = await searchPatientsAction({ query });
      setHits(result.ok ? result.data : []);
    }, 250);
    return () => clearTimeout(timer);
  }, [mode, query]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    setPending(true);
    const result = await scheduleConsultationAction({
      ...(mode === "existing"
        ? { patientId: patient?.id ?? "" }
        : {
            newPatient: {
              fullName: text("fullName"),
              email: text("email"),
              phone: text("phone"),
              dateOfBirth: text("dateOfBirth"),
            },
          }),
      reason: text("reason"),
      date: text("date"),
      time: text("time"),
      timeZone,
      durationMinutes: Number(text("durationMinutes")),
      emailInvite: form.get("emailInvite") === "on",
    });
    setPending(false);
    if (result.ok) return setScheduled(result.data);
    setErrors(result.fieldErrors ?? {});
    setMessage(result.message);
  }

  if (scheduled) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="text-lg font-medium">
          The visit is scheduled.
        </p>
        {scheduled.emailed ? (
          <p>
            {scheduled.emailed === "smtp"
              ? "The invitation was emailed to the patient."
              : "No mail server is set up: the invitation email is in the outbox."}
          </p>
        ) : null}
        <CopyLink link={scheduled.link} label="The patient's personal link" />
        <Link
          href={`/consultations/${scheduled.consultationId}`}
          className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Open the consultation
        </Link>
      </div>
    );
  }

  const e = (name: string) => errors[name];
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-5">
      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Patient</legend>
        <div className="flex gap-4">
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" checked={mode === "new"} onChange={() => setMode("new")} /> New patient
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" checked={mode === "existing"} onChange={() => setMode("existing")} />{" "}
            Existing patient
          </label>
        </div>
        {mode === "new" ? (
          <>
            <Field label="Full name" name="fullName" errors={e("newPatient.fullName")}>
              <input id="fullName" name="fullName" className={inputClass} autoComplete="off" />
            </Field>
            <Field label="Email (for the invitation)" name="email" errors={e("newPatient.email")}>
              <input id="email" name="email" type="email" className={inputClass} autoComplete="off" />
            </Field>
            <Field label="Phone (optional)" name="phone" errors={e("newPatient.phone")}>
              <input id="phone" name="phone" className={inputClass} autoComplete="off" />
            </Field>
            <Field label="Date of birth (optional)" name="dateOfBirth" errors={e("newPatient.dateOfBirth")}>
              <input id="dateOfBirth" name="dateOfBirth" type="date" className={inputClass} />
            </Field>
          </>
        ) : (
          <Field label="Find a patient by name or email" name="patientQuery" errors={e("patientId")}>
            <input
              id="patientQuery"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setPatient(null);
              }}
              className={inputClass}
              autoComplete="off"
            />
            {patient ? (
              <p className="text-sm">
                Selected: <strong>{patient.fullName}</strong>
              </p>
            ) : (
              <ul className="flex flex-col gap-1">
                {hits.map((hit) => (
                  <li key={hit.id}>
                    <button
                      type="button"
                      onClick={() => setPatient(hit)}
                      className="text-left text-brand-700 underline"
                    >
                      {hit.fullName}
                      {hit.dateOfBirth ? ` (born ${hit.dateOfBirth})` : ""}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Field>
        )}
      </fieldset>

      <Field label="Reason for the visit (staff only; never sent to the patient)" name="reason" errors={e("reason")}>
        <textarea id="reason" name="reason" rows={2} className={inputClass} />
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Date" name="date" errors={e("date")}>
          <input id="date" name="date" type="date" className={inputClass} />
        </Field>
        <Field label="Time" name="time" errors={e("time")}>
          <input id="time" name="time" type="time" className={inputClass} />
        </Field>
        <Field label="Time zone" name="timeZone" errors={e("timeZone")}>
          <select
            id="timeZone"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            className={inputClass}
          >
            {zones.includes(timeZone) ? null : <option value={timeZone}>{timeZone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Length (minutes)" name="durationMinutes" errors={e("durationMinutes")}>
          <input
            id="durationMinutes"
            name="durationMinutes"
            type="number"
            min={5}
            max={240}
            defaultValue={20}
            className={inputClass}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="emailInvite" defaultChecked /> Email the invitation (link and calendar entry) to
        the patient
      </label>
      <ErrorAlert>{message}</ErrorAlert>
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Scheduling…" : "Schedule visit"}
      </button>
    </form>
  );
}
