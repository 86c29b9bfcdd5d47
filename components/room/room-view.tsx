"use client";

import {
  RoomAudioRenderer,
  useParticipants,
  useRoomContext,
  useStartAudio,
  useTracks,
} from "@livekit/components-react";
import { type LocalTrackPublication, type Participant, RoomEvent, Track, type TrackPublication } from "livekit-client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { endConsultationAction } from "@/app/(app)/consultations/actions";
import type { ChatApi } from "@/components/chat/chat-api";
import { ChatPanel } from "@/components/chat/chat-panel";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import type { RecordingApi } from "@/components/recording/recording-api";
import { RecordingBar } from "@/components/recording/recording-bar";
import type { RoomSelf } from "./consultation-room";
import { ControlBar, type PanelName } from "./control-bar";
import { DeviceSettingsDialog } from "./device-settings";
import { CloseIcon, EyeIcon, SpeakerIcon } from "./icons";
import { AnnouncementToasts, LiveLog, useAnnouncements } from "./live-announcer";
import { ParticipantList } from "./participant-list";
import { participantRole } from "./participant-role";
import { reconnectingPeople } from "./presence";
import { RoomDialog } from "./room-dialog";
import { usePresence } from "./use-presence";
import { VideoStage } from "./video-stage";

function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function VisitTimer({ since }: { since: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span className="font-mono text-base tabular-nums">
      <span className="sr-only">Visit time </span>
      <span role="timer" data-testid="visit-timer">
        {since ? formatElapsed(now - since) : "0:00"}
      </span>
    </span>
  );
}

export type RoomViewProps = {
  self: RoomSelf;
  consultationId: string;
  scheduledStartIso: string;
  connection: "connecting" | "connected" | "reconnecting";
  startedAt: number | null;
  mediaError: string | null;
  chat: ChatApi;
  hostPanel?: ReactNode;
  waitingCount?: number;
  /** Recording: the consent question, the indicator, and (for the host) request and stop. */
  recording?: RecordingApi;
  onLeave: () => Promise<void>;
  onEnded: () => void;
  onChoice: (patch: Partial<JoinChoices>) => void;
  /** Whether the microphone starts on (from the device check), to tell the host's mute from the person's own. */
  micInitiallyOn: boolean;
};

const PANEL_TITLE: Record<PanelName, string> = { chat: "Chat", people: "People", waiting: "Waiting room" };

/** The visit itself: header, video stage, side panel and controls, inside a RoomContext. */
export function RoomView(props: RoomViewProps) {
  const { self } = props;
  const room = useRoomContext();
  const { items, announce } = useAnnouncements();
  const presence = usePresence(room, announce);
  const participants = useParticipants();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const { canPlayAudio } = useStartAudio({ room, props: {} });
  const publishes = self.role !== "OBSERVER";

  const [panel, setPanel] = useState<PanelName | null>(null);
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const [ending, setEnding] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mediaErrorDismissed, setMediaErrorDismissed] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const panelOpener = useRef<HTMLElement | null>(null);

  // People whose connection dropped are kept on screen as "reconnecting" rather than vanishing.
  const reconnecting = reconnectingPeople(presence).filter((entry) => !room.remoteParticipants.has(entry.identity));
  const connectionLost = new Set(
    Object.values(presence.people)
      .filter((entry) => entry.connectionLost && entry.status === "present")
      .map((entry) => entry.identity),
  );
  const observers = participants.filter((p) => participantRole(p) === "OBSERVER");

  // A microphone muted while this person wanted it on was muted by the host: say so, kindly.
  // (Only the person can unmute themselves; remote unmute is off on the server.)
  const { onChoice } = props;
  const micWanted = useRef(props.micInitiallyOn);
  useEffect(() => {
    const onMuted = (publication: TrackPublication, participant: Participant) => {
      if (!participant.isLocal || publication.source !== Track.Source.Microphone || !micWanted.current) return;
      micWanted.current = false;
      onChoice({ audioEnabled: false });
      const message = "Your microphone was muted by the host. Turn it back on when you are ready to speak.";
      setNotice(message);
      announce(message);
    };
    const onUnmuted = (publication: TrackPublication, participant: Participant) => {
      if (participant.isLocal && publication.source === Track.Source.Microphone) micWanted.current = true;
    };
    room.on(RoomEvent.TrackMuted, onMuted);
    room.on(RoomEvent.TrackUnmuted, onUnmuted);
    return () => {
      room.off(RoomEvent.TrackMuted, onMuted);
      room.off(RoomEvent.TrackUnmuted, onUnmuted);
    };
  }, [room, announce, onChoice]);

  // Announce the local screen share ending from the browser's own "Stop sharing" bar too.
  useEffect(() => {
    const onUnpublished = (publication: LocalTrackPublication) => {
      if (publication.source === Track.Source.ScreenShare) announce("You stopped sharing your screen");
    };
    const onPublished = (publication: LocalTrackPublication) => {
      if (publication.source === Track.Source.ScreenShare) announce("You are sharing your screen");
    };
    room.on(RoomEvent.LocalTrackUnpublished, onUnpublished);
    room.on(RoomEvent.LocalTrackPublished, onPublished);
    return () => {
      room.off(RoomEvent.LocalTrackUnpublished, onUnpublished);
      room.off(RoomEvent.LocalTrackPublished, onPublished);
    };
  }, [room, announce]);

  const previousWaiting = useRef(props.waitingCount ?? 0);
  useEffect(() => {
    const count = props.waitingCount ?? 0;
    if (count > previousWaiting.current) {
      announce(count === 1 ? "1 person is in the waiting room" : `${count} people are in the waiting room`);
    }
    previousWaiting.current = count;
  }, [props.waitingCount, announce]);

  useEffect(() => {
    if (props.connection === "reconnecting") announce("Reconnecting…");
  }, [props.connection, announce]);

  function togglePanel(next: PanelName) {
    if (panel === next) return closePanel();
    if (!panel) panelOpener.current = document.activeElement as HTMLElement | null;
    setPanel(next);
  }
  function closePanel() {
    setPanel(null);
    panelOpener.current?.focus();
  }
  useEffect(() => {
    if (panel) panelHeading.current?.focus();
  }, [panel]);

  async function endVisit() {
    setEnding(true);
    setEndError(null);
    const result = await endConsultationAction({ consultationId: props.consultationId }).catch(() => null);
    setEnding(false);
    if (result?.ok) return props.onEnded();
    // Already ended (by the sweeper, or in another window): the outcome is the same.
    if (result?.code === "VISIT_ENDED") return props.onEnded();
    setEndError(result?.message ?? "We could not reach the server. Try again.");
  }

  const pinnedIdentity = pinnedKey?.endsWith(`:${Track.Source.Camera}`)
    ? pinnedKey.slice(0, -`:${Track.Source.Camera}`.length)
    : null;
  const scheduled = new Date(props.scheduledStartIso);
  const shownNotice = notice ?? (mediaErrorDismissed ? null : props.mediaError);

  return (
    <div
      className="fixed inset-0 z-20 flex flex-col bg-slate-950 text-white"
      data-testid="consultation-room"
      data-connection={props.connection}
    >
      <h1 className="sr-only">Video visit</h1>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 sm:px-4">
        <span className="font-semibold text-brand-100">OpenConsult</span>
        <VisitTimer since={props.startedAt} />
        {Number.isNaN(scheduled.getTime()) ? null : (
          <span className="hidden text-sm text-slate-300 sm:inline">
            Scheduled {scheduled.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
          </span>
        )}
        <span className="text-sm text-slate-300" data-testid="room-connection">
          {props.connection === "connected"
            ? "Connected"
            : props.connection === "reconnecting"
              ? "Reconnecting…"
              : "Connecting…"}
        </span>
        {observers.length > 0 ? (
          <span
            className="inline-flex items-center gap-1.5 rounded-full bg-amber-300 px-3 py-1 text-sm font-semibold text-slate-950"
            data-testid="observer-notice"
          >
            <EyeIcon className="h-4 w-4" />
            {observers.length === 1
              ? `Observer present: ${observers[0]?.isLocal ? "you" : observers[0]?.name || "someone"}`
              : `${observers.length} observers present`}
          </span>
        ) : null}
        {!publishes ? (
          <span className="text-sm text-slate-200">You are observing: your camera and microphone stay off.</span>
        ) : null}
        {props.recording ? <RecordingBar api={props.recording} announce={announce} /> : null}
      </div>

      <div role="status" className="empty:hidden">
        {props.connection === "reconnecting" ? (
          <p
            className="bg-amber-300 px-4 py-2 text-center font-semibold text-slate-950"
            data-testid="reconnecting-banner"
          >
            Reconnecting… Your connection dropped and we are restoring it. Please stay on this page.
          </p>
        ) : null}
      </div>
      {!canPlayAudio ? (
        <div className="flex flex-wrap items-center justify-center gap-3 bg-sky-100 px-4 py-2 text-slate-950">
          <span>Your browser is holding back the sound of the visit.</span>
          <button
            type="button"
            onClick={() => void room.startAudio()}
            className="inline-flex min-h-11 items-center gap-2 rounded-lg bg-slate-950 px-4 py-2 font-semibold text-white"
          >
            <SpeakerIcon className="h-5 w-5" />
            Turn on sound
          </button>
        </div>
      ) : null}
      {shownNotice ? (
        <div className="flex items-center justify-center gap-3 bg-slate-100 px-4 py-2 text-slate-950">
          <p data-testid="room-notice">{shownNotice}</p>
          <button
            type="button"
            onClick={() => {
              if (notice) setNotice(null);
              else setMediaErrorDismissed(true);
            }}
            aria-label="Dismiss message"
            className="flex h-11 w-11 shrink-0 items-center justify-center rounded-full hover:bg-slate-200"
          >
            <CloseIcon />
          </button>
        </div>
      ) : null}

      <div className="relative flex min-h-0 flex-1 gap-3 px-2 pb-2 sm:px-3">
        <section aria-label="Video" className="relative flex min-h-0 min-w-0 flex-1">
          <VideoStage
            tracks={tracks}
            reconnecting={reconnecting}
            connectionLost={connectionLost}
            pinnedKey={pinnedKey}
            onPin={setPinnedKey}
            onStopScreenShare={() => void room.localParticipant.setScreenShareEnabled(false)}
          />
          <AnnouncementToasts items={items} />
          {props.connection === "connecting" ? (
            <div className="absolute inset-0 flex items-center justify-center">
              <p className="rounded-full bg-slate-800 px-4 py-2 text-lg">Connecting to your visit…</p>
            </div>
          ) : null}
        </section>

        <aside
          id="room-side-panel"
          aria-label={panel ? PANEL_TITLE[panel] : "Side panel"}
          hidden={!panel}
          className="fixed inset-0 z-30 flex flex-col bg-white text-slate-900 lg:static lg:z-auto lg:w-96 lg:shrink-0 lg:rounded-xl"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
            <h2 ref={panelHeading} tabIndex={-1} className="text-lg font-semibold">
              {panel ? PANEL_TITLE[panel] : ""}
            </h2>
            <button
              type="button"
              onClick={closePanel}
              aria-label={`Close ${panel ? PANEL_TITLE[panel].toLowerCase() : "panel"}`}
              className="flex h-11 w-11 items-center justify-center rounded-full text-slate-700 hover:bg-slate-100"
            >
              <CloseIcon />
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
            {/* Chat stays mounted while hidden so messages keep arriving and unread counts stay right. */}
            <div hidden={panel !== "chat"} className="h-full">
              <ChatPanel
                room={room}
                selfParticipantId={self.participantId}
                chat={props.chat}
                onUnread={setUnread}
                announce={announce}
              />
            </div>
            <div hidden={panel !== "people"}>
              <ParticipantList
                canModerate={self.canModerate}
                reconnecting={reconnecting}
                connectionLost={connectionLost}
                pinnedIdentity={pinnedIdentity}
                onPin={(identity) => setPinnedKey(identity ? `${identity}:${Track.Source.Camera}` : null)}
                onModerated={announce}
              />
            </div>
            {props.hostPanel ? <div hidden={panel !== "waiting"}>{props.hostPanel}</div> : null}
          </div>
        </aside>
      </div>

      <div className="border-t border-white/10 px-2 py-2">
        <ControlBar
          publishes={publishes}
          panel={panel}
          onPanel={togglePanel}
          unreadChat={unread}
          peopleCount={participants.length + reconnecting.length}
          showWaiting={Boolean(props.hostPanel)}
          waitingCount={props.waitingCount}
          onDevices={() => setDevicesOpen(true)}
          onLeave={() => setLeaveOpen(true)}
          onMicToggledByUser={(on) => {
            micWanted.current = on;
            if (on) setNotice(null);
          }}
          onMediaChanged={(kind, enabled) =>
            onChoice(kind === "audio" ? { audioEnabled: enabled } : { videoEnabled: enabled })
          }
        />
      </div>

      <LiveLog items={items} />
      <RoomAudioRenderer />

      <DeviceSettingsDialog
        open={devicesOpen}
        onClose={() => setDevicesOpen(false)}
        publishes={publishes}
        onChosen={(kind, deviceId) =>
          onChoice(
            kind === "audioinput"
              ? { audioDeviceId: deviceId }
              : kind === "videoinput"
                ? { videoDeviceId: deviceId }
                : { audioOutputDeviceId: deviceId },
          )
        }
      />
      <RoomDialog
        open={leaveOpen}
        onClose={() => setLeaveOpen(false)}
        title={self.canModerate ? "Leave or end the visit?" : "Leave the visit?"}
        description={
          self.canModerate ? (
            <p>
              You can leave and come back while the visit is open. Ending it disconnects everyone and stops every
              invitation link.
            </p>
          ) : (
            <p>You can rejoin while the visit is open.</p>
          )
        }
      >
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
          <button
            type="button"
            onClick={() => setLeaveOpen(false)}
            className="min-h-11 rounded-lg border border-slate-400 px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100"
          >
            Stay
          </button>
          <button
            type="button"
            disabled={leaving}
            onClick={async () => {
              setLeaving(true);
              await props.onLeave();
            }}
            className="min-h-11 rounded-lg bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700"
          >
            {leaving ? "Leaving…" : "Leave the visit"}
          </button>
          {self.canModerate ? (
            <button
              type="button"
              disabled={ending}
              onClick={() => void endVisit()}
              className="min-h-11 rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
            >
              {ending ? "Ending…" : "End visit for everyone"}
            </button>
          ) : null}
        </div>
        {endError ? (
          <p role="alert" className="text-sm text-red-800">
            {endError}
          </p>
        ) : null}
      </RoomDialog>
    </div>
  );
}
