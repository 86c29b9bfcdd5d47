"use client";

import Link from "next/link";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { requestStaffTokenAction } from "@/app/(app)/consultations/actions";
import {
  confirmStaffChatAction,
  postStaffChatAction,
  staffChatHistoryAction,
} from "@/app/(app)/consultations/chat-actions";
import {
  hostRecordingStatusAction,
  requestRecordingAction,
  staffAnswerConsentAction,
  staffRecordingStatusAction,
  staffWithdrawConsentAction,
  stopRecordingAction,
} from "@/app/(app)/consultations/recording-actions";
import type { ChatApi } from "@/components/chat/chat-api";
import { DeviceCheck } from "@/components/prejoin/device-check";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import { ConsentGate } from "@/components/recording/consent-gate";
import type { RecordingApi } from "@/components/recording/recording-api";
import type { RoomSelf } from "@/components/room/consultation-room";
import { ConsultationRoom, usePreloadConsultationRoom } from "@/components/room/lazy-consultation-room";
import { ErrorAlert } from "@/components/ui/error-alert";
import { useWaitingList, WaitingList } from "@/components/waiting-room/waiting-list";
import type { ConsentGate as Gate } from "@/lib/server/recordings/consent-gate";
import { VisitOutcome } from "./visit-outcome";

type Credentials = { serverUrl: string; token: string };

export type StaffVisitFlowProps = {
  consultationId: string;
  self: RoomSelf;
  scheduledStartIso: string;
  exposeRoomForTests: boolean;
};

/** A member of staff enters directly (no waiting room): device check, then the room with the host's panel. */
export function StaffVisitFlow(props: StaffVisitFlowProps) {
  const { consultationId } = props;
  usePreloadConsultationRoom();
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [choices, setChoices] = useState<JoinChoices | null>(null);
  const [outcome, setOutcome] = useState<"left" | "ended" | "removed" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Polled only for hosts: drives the room's "Waiting (N)" badge even while the list is closed.
  const waiting = useWaitingList(props.self.canModerate ? consultationId : "");
  const requestToken = useCallback(() => requestStaffTokenAction({ consultationId }), [consultationId]);
  const chat = useMemo<ChatApi>(
    () => ({
      persist: (text) => postStaffChatAction({ consultationId, text }),
      loadHistory: () => staffChatHistoryAction({ consultationId }),
      confirm: ({ id, senderParticipantId }) =>
        confirmStaffChatAction({ consultationId, messageId: id, senderParticipantId }),
    }),
    [consultationId],
  );
  const [gate, setGate] = useState<Gate | null>(null);
  const canModerate = props.self.canModerate;
  const recording = useMemo<RecordingApi>(
    () => ({
      myStatus: () => staffRecordingStatusAction({ consultationId }),
      answer: (input) => staffAnswerConsentAction({ consultationId, ...input }),
      withdraw: (recordingId) => staffWithdrawConsentAction({ consultationId, recordingId }),
      host: canModerate
        ? {
            request: () => requestRecordingAction({ consultationId }),
            stop: () => stopRecordingAction({ consultationId }),
            status: () => hostRecordingStatusAction({ consultationId }),
          }
        : undefined,
    }),
    [consultationId, canModerate],
  );

  async function enter(chosen: JoinChoices | null) {
    if (chosen) setChoices(chosen);
    setBusy(true);
    setError(null);
    const result = await requestToken();
    if (!result.ok) {
      setBusy(false);
      if (result.code === "VISIT_ENDED" || result.code === "VISIT_CANCELLED") return setOutcome("ended");
      if (result.code === "RECORDING_CONSENT_REQUIRED") {
        const status = await staffRecordingStatusAction({ consultationId });
        if (status.ok && status.data.gate) return setGate(status.data.gate);
      }
      return setError(result.message);
    }
    setOutcome(null);
    setGate(null);
    setCredentials(result.data);
    setBusy(false);
  }

  const back = (
    <Link href={`/consultations/${consultationId}`} className="font-medium text-brand-700 underline">
      Back to the consultation
    </Link>
  );

  let body: ReactNode;
  if (gate && !credentials) {
    body = (
      <ConsentGate
        gate={gate}
        answer={recording.answer}
        onAnswered={(decision) => {
          if (decision === "GRANTED") void enter(null);
          else setGate({ ...gate, decision: "DECLINED" });
        }}
      />
    );
  } else if (outcome === "ended") {
    body = (
      <VisitOutcome title="This visit has ended" action={back}>
        <p>Everyone has been disconnected and every invitation link has stopped working.</p>
      </VisitOutcome>
    );
  } else if (outcome) {
    body = (
      <VisitOutcome
        title={outcome === "left" ? "You left the visit" : "You were disconnected"}
        action={
          <div className="flex flex-wrap items-center gap-4">
            <button
              type="button"
              onClick={() => void enter(null)}
              className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              Rejoin the visit
            </button>
            {back}
          </div>
        }
      >
        <p>The visit is still open for the others.</p>
      </VisitOutcome>
    );
  } else if (credentials && choices) {
    body = (
      <ConsultationRoom
        credentials={credentials}
        choices={choices}
        self={props.self}
        consultationId={consultationId}
        scheduledStartIso={props.scheduledStartIso}
        requestFreshToken={requestToken}
        chat={chat}
        hostPanel={props.self.canModerate ? <WaitingList consultationId={consultationId} /> : undefined}
        waitingCount={waiting.data?.waiting.length ?? 0}
        recording={recording}
        onLeave={(reason) => setOutcome(reason === "ended" ? "ended" : reason === "left" ? "left" : "removed")}
        exposeForTests={props.exposeRoomForTests}
      />
    );
  } else {
    body = (
      <DeviceCheck
        defaultDisplayName={props.self.displayName}
        canEditName={false}
        joinLabel="Join visit"
        publishes={props.self.role !== "OBSERVER"}
        onJoin={(chosen) => void enter(chosen)}
        busy={busy}
      />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {body}
      <ErrorAlert>{error}</ErrorAlert>
    </div>
  );
}
