import type { Metadata } from "next";
import Link from "next/link";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone } from "@/lib/consultations/local-time";
import { readPageFilter } from "@/lib/page-filter";
import { listAuditEvents } from "@/lib/server/audit-log/list-audit-events";
import { AUDIT_CATEGORIES, auditLogFilterSchema } from "@/lib/validations/audit-log";
import { viewerTimeZone } from "@/lib/viewer-time-zone";

export const metadata: Metadata = { title: "Audit log" };

const CATEGORY_LABEL: Record<(typeof AUDIT_CATEGORIES)[number], string> = {
  auth: "Sign-in",
  consultation: "Consultations",
  participant: "Participants",
  invite: "Invite links",
  livekit: "Video tokens and webhooks",
  chat: "Chat",
  recording: "Recordings",
  media_check: "Media checks",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = "rounded border border-slate-400 px-2 py-1.5";

/** Who did what, when, from where: administrators only, checked on the server. */
export default async function AuditLogPage({ searchParams }: Props) {
  const staff = await requireStaffPage("audit-log:read", "/audit");
  const { raw, filter, problems } = readPageFilter(await searchParams, auditLogFilterSchema);
  const zone = (await viewerTimeZone()) ?? "UTC";
  const { events, nextBefore } = await listAuditEvents(staff, filter, zone);
  // The next page keeps the filter and starts after this page's last event.
  const { before: _thisPage, ...kept } = filter;
  const olderHref = nextBefore ? `/audit?${new URLSearchParams({ ...kept, before: nextBefore })}` : null;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the audit log">
        <DateRangeFields from={raw.from} to={raw.to} />
        <label className="flex flex-col gap-1 text-sm">
          Kind of event
          <select name="category" defaultValue={raw.category ?? ""} className={field}>
            <option value="">Any</option>
            {AUDIT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABEL[category]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          By or about (an id)
          <input
            type="text"
            name="subject"
            defaultValue={raw.subject}
            spellCheck={false}
            autoComplete="off"
            className={`${field} font-mono`}
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {problems ? (
        <p role="alert" className="text-red-800">
          Some filters were not valid and were ignored: {problems.join("; ")}.
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">
                When ({zone})
              </th>
              <th scope="col" className="py-2 pr-4">
                Event
              </th>
              <th scope="col" className="py-2 pr-4">
                By
              </th>
              <th scope="col" className="py-2 pr-4">
                About
              </th>
              <th scope="col" className="py-2 pr-4">
                From address
              </th>
              <th scope="col" className="py-2">
                Detail
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-b border-slate-100 align-top" data-testid="audit-row">
                <td className="py-2 pr-4 whitespace-nowrap">{formatInZone(new Date(event.at), zone)}</td>
                <td className="py-2 pr-4 font-mono">{event.action}</td>
                <td className="py-2 pr-4">
                  {event.actor.label}
                  {event.actor.id ? (
                    <Link
                      href={`/audit?subject=${encodeURIComponent(event.actor.id)}`}
                      className="block font-mono text-xs text-brand-700 underline"
                      aria-label={`Everything by or about ${event.actor.id}`}
                    >
                      {event.actor.id}
                    </Link>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  {event.objectType ?? "—"}
                  {event.objectId ? (
                    <Link
                      href={`/audit?subject=${encodeURIComponent(event.objectId)}`}
                      className="block font-mono text-xs text-brand-700 underline"
                      aria-label={`Everything by or about ${event.objectId}`}
                    >
                      {event.objectId}
                    </Link>
                  ) : null}
                </td>
                <td className="py-2 pr-4 font-mono text-xs">{event.ip ?? "—"}</td>
                <td className="py-2 font-mono text-xs break-all">{event.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 0 ? <p>No events match.</p> : null}
      {olderHref ? (
        <Link href={olderHref} className="self-start text-brand-700 underline">
          Older events
        </Link>
      ) : null}
    </div>
  );
}
