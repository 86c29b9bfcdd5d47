"use client";

import { type ReactNode, useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ChatApi } from "@/components/chat/chat-api";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import type { RecordingApi } from "@/components/recording/recording-api";
import type { ActionResult } from "@/lib/actions/action-result";
import { connectionReducer, initialPhase, type LeaveReason, phaseMessage } from "./connection-machine";
import { RoomSession } from "./room-session";

export type { LeaveReason } from "./connection-machine";

export type RoomSelf = {
  participantId: string;
  role: "HOST" | "CLINICIAN" | "PATIENT" | "GUEST" | "OBSERVER";
  displayName: string;
  canModerate: boolean;
};

export type ConsultationRoomProps = {
  credentials: { serverUrl: string; token: string };
  /** From the device check: start with microphone and camera on or off, on these devices. */
  choices: JoinChoices;
  self: RoomSelf;
  consultationId: string;
  scheduledStartIso: string;
  /** Rejoin after livekit-client gave up: the server decides whether there is still a visit to join. */
  requestFreshToken: () => Promise<ActionResult<{ serverUrl: string; token: string }>>;
  chat: ChatApi;
  /** The host's waiting list, shown in the side panel's "Waiting room". */
  hostPanel?: ReactNode;
  /** How many people wait (for the badge and an announcement when someone arrives). */
  waitingCount?: number;
  recording?: RecordingApi;
  onLeave: (reason: LeaveReason) => void;
  /** Puts the Room on window.__openConsultRoom (only set by pages built for end-to-end tests). */
  exposeForTests?: boolean;
};

type Session = { credentials: { serverUrl: string; token: string }; choices: JoinChoices; generation: number };

const cardButton = "min-h-12 rounded-lg px-5 py-2 text-lg font-semibold";

/**
 * The consultation room: connects with the token it was given, tells the
 * truth about the connection (reconnecting while livekit-client retries; when
 * it gives up, a Rejoin that asks the server for a fresh token), and reports
 * how the visit ended for this person through onLeave.
 */
export function ConsultationRoom(props: ConsultationRoomProps) {
  const [phase, dispatch] = useReducer(connectionReducer, initialPhase);
  const [session, setSession] = useState<Session>({
    credentials: props.credentials,
    choices: props.choices,
    generation: 0,
  });
  // What the person has on now (they may have muted since joining): a rejoin starts the same way.
  const choices = useRef<JoinChoices>(props.choices);
  const onChoice = useCallback((patch: Partial<JoinChoices>) => {
    choices.current = { ...choices.current, ...patch };
  }, []);
  // The timer runs from this person's first connection and carries on across reconnects and rejoins.
  const [startedAt, setStartedAt] = useState<number | null>(null);
  useEffect(() => {
    if (phase.kind === "connected" && startedAt === null) setStartedAt(Date.now());
  }, [phase.kind, startedAt]);

  const onLeave = useRef(props.onLeave);
  onLeave.current = props.onLeave;
  useEffect(() => {
    if (phase.kind === "finished") onLeave.current(phase.reason);
  }, [phase]);

  const { requestFreshToken } = props;
  const rejoin = useCallback(async () => {
    dispatch({ type: "rejoin-requested" });
    let result: ActionResult<{ serverUrl: string; token: string }>;
    try {
      result = await requestFreshToken();
    } catch {
      result = {
        ok: false,
        code: "INTERNAL",
        message: "We could not reach the clinic's server. Check your internet connection and try again.",
      };
    }
    if (result.ok) {
      const credentials = result.data;
      setSession((previous) => ({ credentials, choices: choices.current, generation: previous.generation + 1 }));
      dispatch({ type: "token-issued" });
    } else {
      dispatch({ type: "token-refused", code: result.code, message: result.message });
    }
  }, [requestFreshToken]);

  const onEnded = useCallback(() => dispatch({ type: "finish", reason: "ended" }), []);

  if (phase.kind === "lost" || phase.kind === "rejoining" || phase.kind === "refused") {
    const rejoining = phase.kind === "rejoining";
    return (
      <div className="fixed inset-0 z-20 flex items-center justify-center bg-slate-950 p-4" data-testid="room-lost">
        <section
          aria-labelledby="room-lost-heading"
          className="flex w-full max-w-md flex-col gap-4 rounded-2xl bg-white p-6 text-slate-900 shadow-xl"
        >
          <h1 id="room-lost-heading" className="text-2xl font-semibold">
            {phase.kind === "refused" ? "You cannot rejoin" : "You are not connected"}
          </h1>
          <p role="alert" className="text-lg">
            {phaseMessage(phase)}
          </p>
          {phase.kind === "refused" ? (
            <button
              type="button"
              onClick={() => dispatch({ type: "acknowledged" })}
              className={`${cardButton} self-start bg-brand-600 text-white hover:bg-brand-700`}
            >
              OK
            </button>
          ) : (
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                onClick={() => void rejoin()}
                disabled={rejoining}
                className={`${cardButton} bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-70`}
              >
                {rejoining
                  ? "Rejoining…"
                  : phase.cause === "replaced"
                    ? "Use this window instead"
                    : phase.cause === "failed-to-connect"
                      ? "Try again"
                      : "Rejoin"}
              </button>
              <button
                type="button"
                onClick={() => dispatch({ type: "finish", reason: "left" })}
                disabled={rejoining}
                className={`${cardButton} border border-slate-400 text-slate-900 hover:bg-slate-100`}
              >
                Leave
              </button>
            </div>
          )}
        </section>
      </div>
    );
  }

  if (phase.kind === "finished") {
    return (
      <p role="status" className="text-lg">
        {phase.reason === "ended" ? "The visit has ended." : "You have left the visit."}
      </p>
    );
  }

  return (
    <RoomSession
      key={session.generation}
      credentials={session.credentials}
      choices={session.choices}
      exposeForTests={props.exposeForTests === true}
      dispatch={dispatch}
      self={props.self}
      consultationId={props.consultationId}
      scheduledStartIso={props.scheduledStartIso}
      connection={phase.kind}
      startedAt={startedAt}
      chat={props.chat}
      hostPanel={props.hostPanel}
      waitingCount={props.waitingCount}
      recording={props.recording}
      onEnded={onEnded}
      onChoice={onChoice}
    />
  );
}
