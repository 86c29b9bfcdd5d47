"use client";

import { useTrackToggle } from "@livekit/components-react";
import { Track } from "livekit-client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import {
  CameraIcon,
  CameraOffIcon,
  ChatIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  MoreIcon,
  PeopleIcon,
  ScreenIcon,
  SettingsIcon,
  WaitingIcon,
} from "./icons";

export type PanelName = "chat" | "people" | "waiting";

type Tone = "neutral" | "off" | "active" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "bg-slate-700 text-white hover:bg-slate-600",
  off: "bg-red-700 text-white hover:bg-red-800",
  active: "bg-white text-slate-950 hover:bg-slate-200",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

type ControlButtonProps = {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  pressed?: boolean;
  expanded?: boolean;
  tone?: Tone;
  disabled?: boolean;
  title?: string;
  badge?: number;
  /** Read to screen readers after the label (the badge is only visual). */
  srSuffix?: string;
  controls?: string;
  /** "menu": a full-width row with its label always shown (inside the phone's "More"). */
  layout?: "bar" | "menu";
  /** Shown from the sm breakpoint up (phones reach it through "More"). */
  hiddenOnPhone?: boolean;
};

function ControlButton(props: ControlButtonProps) {
  const { label, icon, tone = "neutral", badge, srSuffix, layout = "bar", hiddenOnPhone = false } = props;
  const shape =
    layout === "bar"
      ? "min-h-12 min-w-11 flex-col justify-center gap-0.5 px-2 py-1.5 text-xs sm:min-w-[4.75rem]"
      : "min-h-12 w-full flex-row gap-3 px-3 py-2 text-base";
  return (
    <button
      type="button"
      onClick={props.onClick}
      // The visible label starts the name; the rest (unread, counts) is for screen readers only.
      aria-label={srSuffix ? `${label}${srSuffix}` : undefined}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      disabled={props.disabled}
      title={props.title}
      className={`relative items-center rounded-xl font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${
        hiddenOnPhone ? "hidden sm:flex" : "flex"
      } ${shape} ${TONES[tone]}`}
    >
      {icon}
      <span className={layout === "bar" ? "sr-only sm:not-sr-only" : ""}>{label}</span>
      {badge ? (
        <span
          aria-hidden="true"
          className="absolute -top-1 -right-1 min-w-5 rounded-full bg-amber-300 px-1 text-center text-xs leading-5 font-bold text-slate-950"
        >
          {badge > 99 ? "99+" : badge}
        </span>
      ) : null}
    </button>
  );
}

/** Whether this browser can share a screen at all (phones cannot). */
function useCanShareScreen(): boolean {
  const [can, setCan] = useState(false);
  useEffect(() => {
    setCan(typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getDisplayMedia === "function");
  }, []);
  return can;
}

function ShareScreenButton({ layout, onDone }: { layout: "bar" | "menu"; onDone?: () => void }) {
  const screen = useTrackToggle({
    source: Track.Source.ScreenShare,
    captureOptions: { audio: false, selfBrowserSurface: "exclude", surfaceSwitching: "include" },
  });
  return (
    <ControlButton
      label="Share screen"
      title={screen.enabled ? "Stop sharing your screen" : "Share your screen"}
      icon={<ScreenIcon />}
      pressed={screen.enabled}
      tone={screen.enabled ? "active" : "neutral"}
      disabled={screen.pending}
      layout={layout}
      hiddenOnPhone={layout === "bar"}
      onClick={() => {
        onDone?.();
        void screen.toggle();
      }}
    />
  );
}

function MicAndCamera({
  onMicToggledByUser,
  onMediaChanged,
}: {
  onMicToggledByUser: (on: boolean) => void;
  onMediaChanged: (kind: "audio" | "video", enabled: boolean) => void;
}) {
  const mic = useTrackToggle({ source: Track.Source.Microphone });
  const camera = useTrackToggle({ source: Track.Source.Camera });
  return (
    <>
      <ControlButton
        label="Microphone"
        title={mic.enabled ? "Turn your microphone off" : "Turn your microphone on"}
        icon={mic.enabled ? <MicIcon /> : <MicOffIcon />}
        pressed={mic.enabled}
        tone={mic.enabled ? "neutral" : "off"}
        onClick={() => {
          onMicToggledByUser(!mic.enabled);
          onMediaChanged("audio", !mic.enabled);
          void mic.toggle();
        }}
      />
      <ControlButton
        label="Camera"
        title={camera.enabled ? "Turn your camera off" : "Turn your camera on"}
        icon={camera.enabled ? <CameraIcon /> : <CameraOffIcon />}
        pressed={camera.enabled}
        tone={camera.enabled ? "neutral" : "off"}
        disabled={camera.pending}
        onClick={() => {
          onMediaChanged("video", !camera.enabled);
          void camera.toggle();
        }}
      />
    </>
  );
}

/**
 * On phones the less-used controls (share screen, devices) sit behind "More",
 * so every control fits one row at 375 px; wider screens show them all.
 */
function MoreControls({ canShare, onDevices }: { canShare: boolean; onDevices: () => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLDivElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.querySelector("button")?.focus();
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere inside the disclosure closes it.
    <div
      ref={button}
      className="sm:hidden"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          close(true);
        }
      }}
    >
      <ControlButton
        label="More"
        icon={<MoreIcon />}
        expanded={open}
        controls="room-more-controls"
        tone={open ? "active" : "neutral"}
        onClick={() => setOpen((value) => !value)}
      />
      <div
        id="room-more-controls"
        hidden={!open}
        className="absolute bottom-full left-1/2 z-40 mb-2 flex w-56 -translate-x-1/2 flex-col gap-2 rounded-2xl bg-slate-800 p-2 shadow-2xl"
      >
        {canShare ? <ShareScreenButton layout="menu" onDone={() => close(false)} /> : null}
        <ControlButton
          label="Devices"
          icon={<SettingsIcon />}
          layout="menu"
          onClick={() => {
            close(false);
            onDevices();
          }}
        />
      </div>
    </div>
  );
}

export function ControlBar({
  publishes,
  panel,
  onPanel,
  unreadChat,
  peopleCount,
  showWaiting,
  waitingCount,
  onDevices,
  onLeave,
  onMicToggledByUser,
  onMediaChanged,
}: {
  publishes: boolean;
  panel: PanelName | null;
  onPanel: (panel: PanelName) => void;
  unreadChat: number;
  peopleCount: number;
  showWaiting: boolean;
  waitingCount?: number;
  onDevices: () => void;
  onLeave: () => void;
  onMicToggledByUser: (on: boolean) => void;
  onMediaChanged: (kind: "audio" | "video", enabled: boolean) => void;
}) {
  const canShare = useCanShareScreen();
  return (
    <fieldset className="relative m-0 flex min-w-0 flex-wrap items-center justify-center gap-1 border-0 p-0 sm:gap-2">
      <legend className="sr-only">Visit controls</legend>
      {publishes ? <MicAndCamera onMicToggledByUser={onMicToggledByUser} onMediaChanged={onMediaChanged} /> : null}
      {publishes && canShare ? <ShareScreenButton layout="bar" /> : null}
      <ControlButton
        label="Devices"
        title="Choose camera, microphone and speaker"
        icon={<SettingsIcon />}
        onClick={onDevices}
        hiddenOnPhone={publishes}
      />
      {publishes ? <MoreControls canShare={canShare} onDevices={onDevices} /> : null}
      <ControlButton
        label="Chat"
        srSuffix={unreadChat > 0 && panel !== "chat" ? `, ${unreadChat} unread` : undefined}
        icon={<ChatIcon />}
        pressed={panel === "chat"}
        tone={panel === "chat" ? "active" : "neutral"}
        badge={panel === "chat" ? 0 : unreadChat}
        controls="room-side-panel"
        onClick={() => onPanel("chat")}
      />
      <ControlButton
        label="People"
        srSuffix={`, ${peopleCount} in the visit`}
        icon={<PeopleIcon />}
        pressed={panel === "people"}
        tone={panel === "people" ? "active" : "neutral"}
        controls="room-side-panel"
        onClick={() => onPanel("people")}
      />
      {showWaiting ? (
        <ControlButton
          label="Waiting room"
          srSuffix={waitingCount ? `, ${waitingCount} waiting` : undefined}
          icon={<WaitingIcon />}
          pressed={panel === "waiting"}
          tone={panel === "waiting" ? "active" : "neutral"}
          badge={waitingCount}
          controls="room-side-panel"
          onClick={() => onPanel("waiting")}
        />
      ) : null}
      <ControlButton label="Leave" title="Leave the visit" icon={<LeaveIcon />} tone="danger" onClick={onLeave} />
    </fieldset>
  );
}
