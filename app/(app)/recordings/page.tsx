import type { Metadata } from "next";
import Link from "next/link";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone } from "@/lib/consultations/local-time";
import { readPageFilter } from "@/lib/page-filter";
import { can } from "@/lib/permissions";
import { listRecordedClinicians, listRecordings } from "@/lib/server/recordings/list-recordings";
import { recordingFilterSchema } from "@/lib/validations/recording";
import { viewerTimeZone } from "@/lib/viewer-time-zone";

export const metadata: Metadata = { title: "Recordings" };

const STATE_LABEL: Record<string, string> = {
  READY: "Ready",
  PARTIAL: "Partial (recorder failed)",
  FAILED: "Failed",
  PROCESSING: "Processing",
  RECORDING: "Recording",
  STARTING: "Starting",
  STOPPING: "Stopping",
  AWAITING_CONSENT: "Awaiting consent",
  REQUESTED: "Requested",
  DECLINED: "Declined",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** Recordings the viewer may watch: administrators all, clinicians their own visits'. */
export default async function RecordingsPage({ searchParams }: Props) {
  const staff = await requireStaffPage("recording:watch", "/recordings");
  const { raw, filter, problems } = readPageFilter(await searchParams, recordingFilterSchema);
  const zone = (await viewerTimeZone()) ?? "UTC";
  const [recordings, clinicians] = await Promise.all([
    listRecordings(staff, filter, zone),
    can(staff.role, "recording:watch-any") ? listRecordedClinicians(staff) : Promise.resolve([]),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Recordings</h1>
      <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter recordings">
        <DateRangeFields from={raw.from} to={raw.to} />
        {clinicians.length > 0 ? (
          <label className="flex flex-col gap-1 text-sm">
            Clinician
            <select
              name="clinicianId"
              defaultValue={raw.clinicianId ?? ""}
              className="rounded border border-slate-400 px-2 py-1.5"
            >
              <option value="">Any</option>
              {clinicians.map((clinician) => (
                <option key={clinician.id} value={clinician.id}>
                  {clinician.displayName}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex flex-col gap-1 text-sm">
          Status
          <select name="status" defaultValue={raw.status ?? ""} className="rounded border border-slate-400 px-2 py-1.5">
            <option value="">Any (except declined)</option>
            {Object.entries(STATE_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {problems ? (
        <p role="alert" className="text-red-800">
          Some filters were not valid and were ignored. Use dates like 2026-12-31.
        </p>
      ) : null}
      <table className="w-full border-collapse text-left text-sm" data-testid="recordings-table">
        <caption className="sr-only">Recordings, newest first</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">
              Requested ({zone})
            </th>
            <th scope="col" className="py-2 pr-4">
              Clinician
            </th>
            <th scope="col" className="py-2 pr-4">
              Status
            </th>
            <th scope="col" className="py-2 pr-4">
              Length
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {recordings.length === 0 ? (
            <tr>
              <td colSpan={5} className="py-4 text-slate-600">
                No recordings match.
              </td>
            </tr>
          ) : (
            recordings.map((recording) => (
              <tr key={recording.id} className="border-b border-slate-200" data-testid="recording-row">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={recording.requestedAt}>{formatInZone(new Date(recording.requestedAt), zone)}</time>
                </td>
                <td className="py-2 pr-4">{recording.clinicianName}</td>
                <td className="py-2 pr-4">
                  {recording.deleted ? "Deleted (retention)" : STATE_LABEL[recording.state]}
                </td>
                <td className="py-2 pr-4">{formatDuration(recording.durationSeconds)}</td>
                <td className="py-2">
                  {/* No prefetch: opening the player is a viewing, and only a person opens it. */}
                  <Link
                    href={`/recordings/${recording.id}`}
                    prefetch={false}
                    className="text-brand-700 hover:underline"
                  >
                    Open
                  </Link>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
