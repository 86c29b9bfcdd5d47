import type { Metadata } from "next";
import { VisitFlow } from "@/components/visit/visit-flow";
import { VisitOutcome } from "@/components/visit/visit-outcome";
import { now } from "@/lib/clock";
import { joinVerdict } from "@/lib/consultations/join-window";
import { formatInZone } from "@/lib/consultations/local-time";
import { env } from "@/lib/env";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";

export const metadata: Metadata = { title: "Your visit", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ participantId: string }> };

export default async function VisitPage({ params }: Props) {
  const { participantId } = await params;
  const invitee = await resolveInvitee(participantId);
  if (!invitee) {
    return (
      <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6">
        <h1 className="text-2xl font-semibold">Open your visit from your invitation</h1>
        <p className="text-lg text-slate-700">
          This page only works on the device where you first opened your personal invitation link. Open the link from
          your invitation again, or contact your clinic.
        </p>
      </main>
    );
  }
  const { consultation } = invitee;
  const scheduledLabel = formatInZone(consultation.scheduledStart, consultation.timeZone);
  const verdict = joinVerdict(consultation, now());
  return (
    <main className="mx-auto flex min-h-screen max-w-6xl flex-col gap-4 px-3 py-4 sm:px-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">OpenConsult</p>
        <h1 className="text-2xl font-semibold">Your visit with {consultation.host.displayName}</h1>
        <p className="text-slate-700">
          {scheduledLabel} · you are joining as {invitee.displayName}
        </p>
      </header>
      {verdict === "TOO_EARLY" ? (
        <VisitOutcome title="Your visit is not open yet">
          <p>
            Come back to this page closer to the start time; the waiting room opens {consultation.opensBeforeMinutes}{" "}
            minutes before.
          </p>
        </VisitOutcome>
      ) : verdict === "CANCELLED" ? (
        <VisitOutcome title="This visit was cancelled">
          <p>Contact your clinic to arrange a new time.</p>
        </VisitOutcome>
      ) : verdict !== "OPEN" ? (
        <VisitOutcome title="This visit has ended">
          <p>Thank you. You can close this page. Contact your clinic if you need anything else.</p>
        </VisitOutcome>
      ) : (
        <VisitFlow
          participantId={invitee.id}
          consultationId={consultation.id}
          self={{ participantId: invitee.id, role: invitee.role, displayName: invitee.displayName, canModerate: false }}
          hostName={consultation.host.displayName}
          scheduledLabel={scheduledLabel}
          scheduledStartIso={consultation.scheduledStart.toISOString()}
          exposeRoomForTests={env().E2E_EXPOSE_ROOM}
        />
      )}
    </main>
  );
}
