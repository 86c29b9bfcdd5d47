"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { addParticipantAction } from "@/app/(app)/consultations/actions";
import { CopyLink } from "@/components/ui/copy-link";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field, inputClass } from "@/components/ui/field";

/** Invite one more person: family, interpreter, colleague or observer, each with their own link. */
export function AddParticipantForm({ consultationId }: { consultationId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [added, setAdded] = useState<{ name: string; link: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const displayName = String(form.get("displayName") ?? "");
    const result = await addParticipantAction({
      consultationId,
      role: String(form.get("role") ?? "") as "GUEST",
      displayName,
      relationship: String(form.get("relationship") ?? ""),
      email: String(form.get("participantEmail") ?? ""),
    });
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      return setMessage(result.message);
    }
    setErrors({});
    setMessage(null);
    setAdded({ name: displayName, link: result.data.link });
    formElement.reset();
    router.refresh();
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4"
    >
      <h3 className="font-semibold">Invite someone else</h3>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" name="displayName" errors={errors.displayName}>
          <input id="displayName" name="displayName" className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Role" name="role" errors={errors.role}>
          <select id="role" name="role" className={inputClass} defaultValue="GUEST">
            <option value="GUEST">Guest (family, carer, interpreter)</option>
            <option value="CLINICIAN">Clinician</option>
            <option value="OBSERVER">Observer (watches, never on camera)</option>
          </select>
        </Field>
        <Field label="Relationship (optional)" name="relationship" errors={errors.relationship}>
          <input id="relationship" name="relationship" className={inputClass} placeholder="e.g. interpreter, parent" />
        </Field>
        <Field label="Email (optional: we send them the link)" name="participantEmail" errors={errors.email}>
          <input id="participantEmail" name="participantEmail" type="email" className={inputClass} />
        </Field>
      </div>
      <ErrorAlert>{message}</ErrorAlert>
      <button
        type="submit"
        className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        Add and make a link
      </button>
      {added ? <CopyLink link={added.link} label={`Personal link for ${added.name}`} /> : null}
    </form>
  );
}
