import type { Metadata } from "next";
import { VisitConnection } from "@/components/visit/visit-connection";
import { now } from "@/lib/clock";
import { joinVerdict } from "@/lib/consultations/join-window";
import { formatInZone } from "@/lib/consultations/local-time";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";
import { requestVisitTokenAction } from "./actions";

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
  const verdict = joinVerdict(consultation, now());
  const requestToken = requestVisitTokenAction.bind(null, { participantId: invitee.id });
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">OpenConsult</p>
      <h1 className="text-2xl font-semibold">Your visit with {consultation.host.displayName}</h1>
      <p className="text-lg text-slate-700">
        {formatInZone(consultation.scheduledStart, consultation.timeZone)} · you are joining as {invitee.displayName}
      </p>
      {verdict === "OPEN" ? (
        <VisitConnection requestToken={requestToken} />
      ) : (
        <p role="status" className="text-lg">
          {verdict === "TOO_EARLY"
            ? "Your visit is not open yet. Come back to this page closer to the start time."
            : verdict === "CANCELLED"
              ? "This visit was cancelled. Contact your clinic to arrange a new time."
              : "This visit has ended."}
        </p>
      )}
    </main>
  );
}
