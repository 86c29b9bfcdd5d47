import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChatTranscript } from "@/components/chat/chat-transcript";
import { AddParticipantForm } from "@/components/consultation/add-participant-form";
import { HostControls } from "@/components/consultation/host-controls";
import { ParticipantActions } from "@/components/consultation/participant-actions";
import { StatusBadge } from "@/components/consultation/status-badge";
import { LocalTime } from "@/components/ui/local-time";
import { WaitingList } from "@/components/waiting-room/waiting-list";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone, utcToLocalParts } from "@/lib/consultations/local-time";
import { isAppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { listChatMessages } from "@/lib/server/chat/list-chat-messages";
import { type ConsultationDetail, getConsultation } from "@/lib/server/consultations/get-consultation";
import { listRecordings } from "@/lib/server/recordings/list-recordings";

export const metadata: Metadata = { title: "Consultation" };

type Props = { params: Promise<{ id: string }> };

const ROLE_LABEL = {
  HOST: "Host",
  CLINICIAN: "Clinician",
  PATIENT: "Patient",
  GUEST: "Guest",
  OBSERVER: "Observer",
} as const;

function linkState(p: ConsultationDetail["participants"][number]): string {
  if (p.revokedAt) return "Removed";
  if (p.role === "HOST" || p.userId) return "Joins signed in";
  return p.deviceBound ? "Opened on a device" : "Not opened yet";
}

function attendance(p: ConsultationDetail["participants"][number]): string {
  if (p.connectedSince) return "In the visit now";
  if (p.admission === "WAITING" && p.waitingSince) return "In the waiting room";
  if (p.admission === "DENIED") return "Not admitted";
  if (!p.firstJoinedAt) return "Has not joined";
  return `Attended ${Math.max(1, Math.round(p.attendedSeconds / 60))} min`;
}

export default async function ConsultationPage({ params }: Props) {
  const { id } = await params;
  const staff = await requireStaffPage("staff-home:view", `/consultations/${id}`);
  const consultation = await getConsultation(staff, id).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const open = consultation.status === "SCHEDULED" || consultation.status === "IN_PROGRESS";
  const messages = await listChatMessages(staff, consultation.id);
  const recordings = can(staff.role, "recording:watch")
    ? await listRecordings(staff, { consultationId: consultation.id })
    : [];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Visit with {consultation.patient.fullName}</h1>
        <StatusBadge status={consultation.status} />
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">When</dt>
        <dd>
          <LocalTime iso={consultation.scheduledStart.toISOString()} zone={consultation.timeZone} /> ·{" "}
          {consultation.durationMinutes} min
        </dd>
        <dt className="font-medium">Host</dt>
        <dd>{consultation.host.displayName}</dd>
        <dt className="font-medium">Reason</dt>
        <dd>{consultation.reason}</dd>
        {consultation.patient.dateOfBirth ? (
          <>
            <dt className="font-medium">Date of birth</dt>
            <dd>{consultation.patient.dateOfBirth}</dd>
          </>
        ) : null}
        {consultation.cancelReason ? (
          <>
            <dt className="font-medium">Cancelled because</dt>
            <dd>{consultation.cancelReason}</dd>
          </>
        ) : null}
        <dt className="font-medium">Participant time</dt>
        <dd>{Math.round(consultation.participantSeconds / 60)} min in total</dd>
      </dl>

      {consultation.canManage ? (
        <HostControls
          consultationId={consultation.id}
          status={consultation.status}
          local={utcToLocalParts(consultation.scheduledStart, consultation.timeZone)}
          timeZone={consultation.timeZone}
          durationMinutes={consultation.durationMinutes}
        />
      ) : null}

      {consultation.canManage && open ? (
        <div className="rounded-md border border-slate-200 bg-white p-4">
          <WaitingList consultationId={consultation.id} />
        </div>
      ) : null}

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">People</h2>
        <table className="w-full border-collapse overflow-hidden rounded-md bg-white text-left">
          <thead className="bg-slate-100 text-sm">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Link</th>
              <th className="px-3 py-2">Attendance</th>
              {consultation.canManage && open ? <th className="px-3 py-2">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {consultation.participants.map((p) => (
              <tr key={p.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">
                  {p.displayName}
                  {p.relationship ? <span className="text-slate-500"> ({p.relationship})</span> : null}
                </td>
                <td className="px-3 py-2">{ROLE_LABEL[p.role]}</td>
                <td className="px-3 py-2">{linkState(p)}</td>
                <td className="px-3 py-2">{attendance(p)}</td>
                {consultation.canManage && open ? (
                  <td className="px-3 py-2">
                    {p.role !== "HOST" && !p.revokedAt && !p.userId ? (
                      <ParticipantActions
                        participantId={p.id}
                        displayName={p.displayName}
                        deviceBound={p.deviceBound}
                        canEmail={p.role === "PATIENT" && Boolean(consultation.patient.email)}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {consultation.canManage && open ? <AddParticipantForm consultationId={consultation.id} /> : null}
      </section>

      {recordings.length > 0 ? (
        <section aria-labelledby="recordings-heading" className="flex flex-col gap-2">
          <h2 id="recordings-heading" className="text-xl font-semibold">
            Recordings
          </h2>
          <ul className="flex flex-col gap-1">
            {recordings.map((recording) => (
              <li key={recording.id}>
                <Link href={`/recordings/${recording.id}`} prefetch={false} className="text-brand-700 hover:underline">
                  Recording requested {formatInZone(new Date(recording.requestedAt), consultation.timeZone)}
                </Link>{" "}
                · {recording.deleted ? "deleted" : recording.state.toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ChatTranscript messages={messages} timeZone={consultation.timeZone} />
    </div>
  );
}
