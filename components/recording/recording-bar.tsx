"use client";

import { useRoomContext } from "@livekit/components-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { RoomDialog } from "@/components/room/room-dialog";
import type { HostRecordingStatus } from "@/lib/server/recordings/recording-status";
import { ConsentQuestion } from "./consent-question";
import type { RecordingApi } from "./recording-api";
import { useRoomRecording } from "./use-room-recording";

const FAILURE_TEXT: Record<string, string> = {
  NO_RECORDER: "Recording could not start: the recording service is not running. Tell your administrator.",
  RECORDER_LOST: "The recording service stopped unexpectedly. What was recorded until then is kept.",
  RECORDER_ERROR: "Recording stopped because of an error. What was recorded until then is kept.",
  RECORDER_START_FAILED: "Recording could not start. Try again, or tell your administrator.",
  STOPPED_BEFORE_START: "Recording was stopped before it began.",
  NOTHING_CAPTURED: "Recording stopped before anything was captured.",
};

const pill = "inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-semibold";
const button = "min-h-11 rounded-lg px-3 py-1.5 text-sm font-semibold";

/**
 * Recording in the room: the indicator everyone sees (only while media is
 * actually written), the consent question when the host asks, a "Stop
 * recording" for everyone (for a guest or patient it withdraws consent), and
 * for the host the request button and who has answered or declined.
 */
export function RecordingBar({ api, announce }: { api: RecordingApi; announce: (message: string) => void }) {
  const room = useRoomContext();
  const recording = useRoomRecording(room);
  const [myDecision, setMyDecision] = useState<string | null>(null);
  const [answeredId, setAnsweredId] = useState<string | null>(null);
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  const [hostStatus, setHostStatus] = useState<HostRecordingStatus["recording"]>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = recording?.state ?? null;
  const recordingId = recording?.id ?? null;

  // My own answer to the current request: asked again whenever the state changes.
  const { myStatus, host } = api;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each state change is a reason to ask again.
  useEffect(() => {
    if (!recordingId) return;
    let live = true;
    void myStatus().then((result) => {
      if (live && result.ok)
        setMyDecision(result.data.recording?.id === recordingId ? result.data.recording.myDecision : null);
    });
    return () => {
      live = false;
    };
  }, [recordingId, state, myStatus]);

  // The host sees who is still to answer while the question is open, and who said no after.
  const refreshHost = useCallback(async () => {
    if (!host) return;
    const result = await host.status();
    if (result.ok) setHostStatus(result.data.recording);
  }, [host]);
  useEffect(() => {
    if (!host || !state) return;
    void refreshHost();
    if (state !== "AWAITING_CONSENT") return;
    const timer = window.setInterval(() => void refreshHost(), 1_500);
    return () => window.clearInterval(timer);
  }, [host, state, refreshHost]);

  const previous = useRef(state);
  useEffect(() => {
    if (previous.current === state) return;
    if (state === "RECORDING") announce("Recording has started");
    else if (previous.current === "RECORDING") announce("Recording has stopped");
    else if (state === "AWAITING_CONSENT") announce("The host asked to record this visit");
    else if (state === "DECLINED") announce("The visit will not be recorded");
    previous.current = state;
  }, [state, announce]);

  const mustAnswer =
    state === "AWAITING_CONSENT" && recordingId !== answeredId && (myDecision === null || myDecision === "PENDING");
  const asking = mustAnswer && recordingId !== dismissedId;

  async function run(call: () => Promise<{ ok: boolean; message?: string }>) {
    setBusy(true);
    setError(null);
    const result = await call().catch(() => ({ ok: false, message: "We could not reach the server. Try again." }));
    setBusy(false);
    if (!result.ok) setError(result.message ?? "That did not work. Try again.");
  }

  const capturing = state === "STARTING" || state === "RECORDING";
  const canRequest = host && (!state || ["READY", "DECLINED", "FAILED", "PARTIAL", "PROCESSING"].includes(state));

  return (
    <>
      {state === "RECORDING" ? (
        <span role="status" className={`${pill} bg-red-600 text-white`} data-testid="recording-indicator">
          <span className="h-2.5 w-2.5 animate-pulse rounded-full bg-white" aria-hidden="true" />
          Recording
        </span>
      ) : state === "STARTING" ? (
        <span role="status" className={`${pill} bg-slate-200 text-slate-900`} data-testid="recording-starting">
          Recording is starting…
        </span>
      ) : state === "AWAITING_CONSENT" ? (
        <span role="status" className={`${pill} bg-slate-200 text-slate-900`} data-testid="recording-awaiting">
          Asking everyone about recording…
        </span>
      ) : null}
      {mustAnswer && !asking ? (
        <button
          type="button"
          onClick={() => setDismissedId(null)}
          className={`${button} bg-white text-slate-900 hover:bg-slate-100`}
        >
          Answer the recording question
        </button>
      ) : null}
      {capturing && recordingId ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => (host ? host.stop() : api.withdraw(recordingId)))}
          className={`${button} bg-white text-red-700 hover:bg-red-50`}
          data-testid="stop-recording"
        >
          Stop recording
        </button>
      ) : null}
      {canRequest ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => host.request())}
          className={`${button} border border-white/40 text-white hover:bg-white/10`}
          data-testid="request-recording"
        >
          Record visit
        </button>
      ) : null}
      {host && hostStatus && state === "AWAITING_CONSENT" && hostStatus.waitingFor.length > 0 ? (
        <span className="text-sm text-slate-200" data-testid="recording-waiting-for">
          Waiting for: {hostStatus.waitingFor.join(", ")}
        </span>
      ) : null}
      {host && hostStatus && state === "DECLINED" && hostStatus.declinedBy.length > 0 ? (
        <span role="status" className="text-sm text-amber-200" data-testid="recording-declined">
          Not recorded: declined by {hostStatus.declinedBy.join(", ")}
        </span>
      ) : null}
      {host && hostStatus?.failureReason && (state === "FAILED" || state === "PARTIAL") ? (
        <span role="status" className="text-sm text-amber-200" data-testid="recording-failed">
          {FAILURE_TEXT[hostStatus.failureReason] ?? "Recording failed."}
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="text-sm text-amber-200">
          {error}
        </span>
      ) : null}
      <RoomDialog
        open={asking}
        // Closing without answering is not a yes: nothing is recorded until everyone answers.
        onClose={() => setDismissedId(recordingId)}
        title="May this visit be recorded?"
      >
        {recordingId ? (
          <ConsentQuestion
            onAnswer={async (decision, textVersion) => {
              const result = await api.answer({ recordingId, decision, textVersion });
              if (!result.ok) return result.message;
              setAnsweredId(recordingId);
              setMyDecision(decision);
              return null;
            }}
          />
        ) : null}
      </RoomDialog>
    </>
  );
}
