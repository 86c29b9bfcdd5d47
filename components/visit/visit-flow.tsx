"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import {
  enterWaitingRoomAction,
  requestVisitTokenAction,
  visitStatusAction,
} from "@/app/visit/[participantId]/actions";
import {
  confirmVisitChatAction,
  postVisitChatAction,
  visitChatHistoryAction,
} from "@/app/visit/[participantId]/chat-actions";
import {
  visitAnswerConsentAction,
  visitRecordingStatusAction,
  visitWithdrawConsentAction,
} from "@/app/visit/[participantId]/recording-actions";
import type { ChatApi } from "@/components/chat/chat-api";
import { DeviceCheck } from "@/components/prejoin/device-check";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import { ConsentGate } from "@/components/recording/consent-gate";
import type { RecordingApi } from "@/components/recording/recording-api";
import type { RoomSelf } from "@/components/room/consultation-room";
import { ConsultationRoom, usePreloadConsultationRoom } from "@/components/room/lazy-consultation-room";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { ErrorCode } from "@/lib/errors";
import { VisitOutcome } from "./visit-outcome";

type Credentials = { serverUrl: string; token: string };

type Stage =
  | { kind: "check" }
  | { kind: "waiting" }
  | { kind: "room"; credentials: Credentials }
  | { kind: "left" }
  | { kind: "ended" }
  | { kind: "cancelled" }
  | { kind: "denied" }
  | { kind: "removed" };

/** Where a refusal from the server sends the person. */
function stageForError(code: ErrorCode): Stage | null {
  switch (code) {
    case "VISIT_ENDED":
      return { kind: "ended" };
    case "VISIT_CANCELLED":
      return { kind: "cancelled" };
    case "ADMISSION_DENIED":
      return { kind: "denied" };
    case "INVITE_REVOKED":
      return { kind: "removed" };
    case "NOT_ADMITTED":
    case "RECORDING_CONSENT_REQUIRED":
      // The waiting room asks the recording question first.
      return { kind: "waiting" };
    default:
      return null;
  }
}

export type VisitFlowProps = {
  participantId: string;
  consultationId: string;
  self: RoomSelf;
  hostName: string;
  scheduledLabel: string;
  scheduledStartIso: string;
  exposeRoomForTests: boolean;
};

/**
 * A person invited by link: device check, then the waiting room until the
 * host admits them, then the room; and a clear page for every way it ends.
 * Each step asks the server; nothing here decides access.
 */
export function VisitFlow(props: VisitFlowProps) {
  const { participantId } = props;
  usePreloadConsultationRoom();
  const [stage, setStage] = useState<Stage>({ kind: "check" });
  const [choices, setChoices] = useState<JoinChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const requestToken = useCallback(() => requestVisitTokenAction({ participantId }), [participantId]);

  const enterRoom = useCallback(async () => {
    const result = await requestToken();
    if (result.ok) return setStage({ kind: "room", credentials: result.data });
    const next = stageForError(result.code);
    if (next) setStage(next);
    else setError(result.message);
  }, [requestToken]);

  async function onJoin(chosen: JoinChoices) {
    setChoices(chosen);
    setBusy(true);
    setError(null);
    const result = await enterWaitingRoomAction({ participantId });
    // The device check stays "busy" (its camera closed) until the next stage replaces it.
    if (!result.ok) {
      setBusy(false);
      const next = stageForError(result.code);
      return next ? setStage(next) : setError(result.message);
    }
    setBusy(false);
    if (result.data.credentials) return setStage({ kind: "room", credentials: result.data.credentials });
    if (result.data.admission === "DENIED") return setStage({ kind: "denied" });
    setStage({ kind: "waiting" });
  }

  // While waiting, ask every 2 s whether the host has let us in.
  const status = useQuery({
    queryKey: ["visit-status", participantId],
    queryFn: async () => {
      const result = await visitStatusAction({ participantId });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled: stage.kind === "waiting",
    refetchInterval: 2_000,
  });
  useEffect(() => {
    if (stage.kind !== "waiting" || !status.data) return;
    const { visit, admission } = status.data;
    if (visit === "COMPLETED" || visit === "EXPIRED") setStage({ kind: "ended" });
    else if (visit === "CANCELLED") setStage({ kind: "cancelled" });
    else if (visit === "REVOKED") setStage({ kind: "removed" });
    else if (admission === "DENIED") setStage({ kind: "denied" });
    else if (admission === "ADMITTED" && visit === "OPEN" && !status.data.recordingGate) void enterRoom();
  }, [stage.kind, status.data, enterRoom]);
  const recordingGate = stage.kind === "waiting" ? (status.data?.recordingGate ?? null) : null;

  const recording = useMemo<RecordingApi>(
    () => ({
      myStatus: () => visitRecordingStatusAction({ participantId }),
      answer: (input) => visitAnswerConsentAction({ participantId, ...input }),
      withdraw: (recordingId) => visitWithdrawConsentAction({ participantId, recordingId }),
    }),
    [participantId],
  );

  const onLeave = useCallback(
    async (reason: "left" | "ended" | "removed" | "sent-to-waiting-room") => {
      if (reason === "ended") return setStage({ kind: "ended" });
      if (reason === "left") return setStage({ kind: "left" });
      // Removed from the LiveKit room: back to the waiting room, or out for good? The server knows.
      const result = await visitStatusAction({ participantId });
      if (!result.ok) return setStage({ kind: "removed" });
      const { visit, admission } = result.data;
      if (visit === "OPEN" && admission === "WAITING") setStage({ kind: "waiting" });
      else if (visit === "COMPLETED" || visit === "EXPIRED") setStage({ kind: "ended" });
      else setStage({ kind: "removed" });
    },
    [participantId],
  );

  const chat = useMemo<ChatApi>(
    () => ({
      persist: (text) => postVisitChatAction({ participantId, text }),
      loadHistory: () => visitChatHistoryAction({ participantId }),
      confirm: ({ id, senderParticipantId }) =>
        confirmVisitChatAction({ participantId, messageId: id, senderParticipantId }),
    }),
    [participantId],
  );

  let body: ReactNode;
  switch (stage.kind) {
    case "check":
      body = (
        <DeviceCheck
          defaultDisplayName={props.self.displayName}
          canEditName={false}
          joinLabel="Join the waiting room"
          publishes={props.self.role !== "OBSERVER"}
          onJoin={onJoin}
          busy={busy}
        />
      );
      break;
    case "waiting":
      body = (
        <VisitOutcome title={`Waiting for ${props.hostName}`}>
          <p>
            Your visit is scheduled for {props.scheduledLabel}. {props.hostName} will let you in shortly; please keep
            this page open.
          </p>
          <p role="status" className="mt-4 flex items-center gap-2 text-base text-slate-600">
            <span className="inline-block h-3 w-3 animate-pulse rounded-full bg-brand-500" aria-hidden="true" />
            You are in the waiting room
          </p>
          {recordingGate ? (
            <div className="mt-6">
              <ConsentGate gate={recordingGate} answer={recording.answer} onAnswered={() => void status.refetch()} />
            </div>
          ) : null}
        </VisitOutcome>
      );
      break;
    case "room":
      body = (
        <ConsultationRoom
          credentials={stage.credentials}
          choices={choices ?? { displayName: props.self.displayName, audioEnabled: true, videoEnabled: true }}
          self={props.self}
          consultationId={props.consultationId}
          scheduledStartIso={props.scheduledStartIso}
          requestFreshToken={requestToken}
          chat={chat}
          recording={recording}
          onLeave={onLeave}
          exposeForTests={props.exposeRoomForTests}
        />
      );
      break;
    case "left":
      body = (
        <VisitOutcome
          title="You left the visit"
          action={
            <button
              type="button"
              onClick={() => void enterRoom()}
              className="self-start rounded-md bg-brand-600 px-4 py-2 text-lg font-medium text-white hover:bg-brand-700"
            >
              Rejoin the visit
            </button>
          }
        >
          <p>You can rejoin while the visit is open.</p>
        </VisitOutcome>
      );
      break;
    case "ended":
      body = (
        <VisitOutcome title="This visit has ended">
          <p>Thank you. You can close this page. Contact your clinic if you need anything else.</p>
        </VisitOutcome>
      );
      break;
    case "cancelled":
      body = (
        <VisitOutcome title="This visit was cancelled">
          <p>Contact your clinic to arrange a new time.</p>
        </VisitOutcome>
      );
      break;
    case "denied":
      body = (
        <VisitOutcome title="You were not admitted to this visit">
          <p>Your clinician did not let you in. Contact your clinic if you think this is a mistake.</p>
        </VisitOutcome>
      );
      break;
    case "removed":
      body = (
        <VisitOutcome title="You are no longer part of this visit">
          <p>Your clinic has removed you from this visit. Contact them if you think this is a mistake.</p>
        </VisitOutcome>
      );
      break;
  }

  return (
    <div className="flex flex-col gap-4">
      {body}
      <ErrorAlert>{error}</ErrorAlert>
    </div>
  );
}
