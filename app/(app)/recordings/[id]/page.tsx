import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChatTranscript } from "@/components/chat/chat-transcript";
import { RecordingPlayer } from "@/components/recording/recording-player";
import { roleLabel } from "@/components/room/participant-role";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone } from "@/lib/consultations/local-time";
import { isAppError } from "@/lib/errors";
import { getRecordingRecord, type RecordingRecord } from "@/lib/server/recordings/get-recording-record";
import { viewerTimeZone } from "@/lib/viewer-time-zone";

export const metadata: Metadata = { title: "Recording" };

type Props = { params: Promise<{ id: string }> };

const DECISION_LABEL: Record<string, string> = {
  GRANTED: "Agreed",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrew",
  PENDING: "Did not answer",
};

async function loadRecord(staffId: Parameters<typeof getRecordingRecord>[0], id: string): Promise<RecordingRecord> {
  try {
    return await getRecordingRecord(staffId, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** One recording: the player with its timeline, and beside it the consent record and the chat. */
export default async function RecordingPage({ params }: Props) {
  const { id } = await params;
  const staff = await requireStaffPage("recording:watch", `/recordings/${encodeURIComponent(id)}`);
  const record = await loadRecord(staff, id);
  const zone = (await viewerTimeZone()) ?? "UTC";
  const at = (iso: string | null) => (iso ? formatInZone(new Date(iso), zone) : "—");
  const playable = !record.deleted && (record.state === "READY" || record.state === "PARTIAL");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Recording of a visit with {record.clinicianName}</h1>
        <Link href="/recordings" className="text-brand-700 hover:underline">
          All recordings
        </Link>
      </div>
      <p className="text-slate-700">
        Recorded {at(record.mediaStartedAt ?? record.requestedAt)}
        {record.durationSeconds !== null ? ` · ${Math.round(record.durationSeconds)} s` : ""} · status{" "}
        <span data-testid="recording-state">{record.deleted ? "DELETED" : record.state}</span>
        {record.failureReason ? ` (${record.failureReason})` : ""}
      </p>
      {record.state === "PARTIAL" ? (
        <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-amber-900">
          The recorder failed during this visit. This is what was recorded until then.
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div>
          {record.deleted ? (
            <p role="status" className="rounded-md bg-slate-100 px-4 py-3" data-testid="recording-deleted">
              This recording was deleted at the end of its retention period.
            </p>
          ) : playable ? (
            <div className="flex flex-col gap-3">
              <RecordingPlayer
                recordingId={record.id}
                mediaStartedAt={record.mediaStartedAt}
                durationSeconds={record.durationSeconds}
                timeline={record.timeline}
              />
              <form method="post" action={`/api/recordings/${record.id}/download`}>
                <button type="submit" className="text-brand-700 underline">
                  Download (the download is logged)
                </button>
              </form>
            </div>
          ) : (
            <p role="status" className="rounded-md bg-slate-100 px-4 py-3">
              There is no video to play for this recording.
            </p>
          )}
        </div>
        <aside className="flex flex-col gap-6">
          <section aria-labelledby="consent-heading" className="flex flex-col gap-2" data-testid="consent-record">
            <h2 id="consent-heading" className="text-xl font-semibold">
              Consent
            </h2>
            <p className="text-sm text-slate-600">Consent text version {record.consentTextVersion}</p>
            <ul className="flex flex-col gap-2">
              {record.consents.map((consent) => (
                <li
                  key={`${consent.name}-${consent.askedAt}`}
                  className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
                >
                  <p>
                    <span className="font-semibold">{consent.name}</span> · {roleLabel(consent.role)}
                  </p>
                  <p>
                    {DECISION_LABEL[consent.decision]}
                    {consent.decidedAt ? ` at ${at(consent.decidedAt)}` : ""}
                    {consent.withdrawnAt ? ` · withdrew at ${at(consent.withdrawnAt)}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <ChatTranscript messages={record.chat} timeZone={zone} />
        </aside>
      </div>
    </div>
  );
}
