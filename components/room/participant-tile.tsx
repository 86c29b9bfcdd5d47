"use client";

import {
  isTrackReference,
  type TrackReferenceOrPlaceholder,
  useConnectionQualityIndicator,
  useIsMuted,
  useIsSpeaking,
  useParticipantAttributes,
  useParticipantInfo,
  VideoTrack,
} from "@livekit/components-react";
import { ConnectionQuality, type Participant, Track } from "livekit-client";
import type { CSSProperties } from "react";
import { EyeIcon, MicOffIcon, PinIcon } from "./icons";
import { initials, type ParticipantRole, participantRole, roleLabel } from "./participant-role";

export function RoleBadge({ role, surface = "video" }: { role: ParticipantRole | null; surface?: "video" | "panel" }) {
  if (role === "OBSERVER") {
    // Observers are labelled loudly for everyone: people should always know who is watching.
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-amber-300 px-2 py-0.5 text-xs font-semibold text-slate-950">
        <EyeIcon className="h-3.5 w-3.5" />
        Observer
      </span>
    );
  }
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold text-slate-900 ${
        surface === "video" ? "bg-white/90" : "bg-slate-200"
      }`}
    >
      {roleLabel(role)}
    </span>
  );
}

const QUALITY_TEXT: Record<ConnectionQuality, string> = {
  [ConnectionQuality.Excellent]: "excellent",
  [ConnectionQuality.Good]: "good",
  [ConnectionQuality.Poor]: "poor",
  [ConnectionQuality.Lost]: "lost",
  [ConnectionQuality.Unknown]: "unknown",
};

const QUALITY_BARS: Record<ConnectionQuality, number> = {
  [ConnectionQuality.Excellent]: 3,
  [ConnectionQuality.Good]: 2,
  [ConnectionQuality.Poor]: 1,
  [ConnectionQuality.Lost]: 0,
  [ConnectionQuality.Unknown]: 0,
};

export function ConnectionQualityBars({ participant }: { participant: Participant }) {
  const { quality } = useConnectionQualityIndicator({ participant });
  if (quality === ConnectionQuality.Unknown) return null;
  const bars = QUALITY_BARS[quality];
  const colour = bars >= 2 ? "bg-emerald-400" : bars === 1 ? "bg-amber-400" : "bg-red-500";
  return (
    <span
      className="inline-flex items-end gap-0.5 rounded-md bg-slate-950/75 px-1.5 py-1"
      title={`Connection ${QUALITY_TEXT[quality]}`}
      data-quality={QUALITY_TEXT[quality]}
    >
      {[1, 2, 3].map((level) => (
        <span
          key={level}
          aria-hidden="true"
          className={`w-1 rounded-sm ${level <= bars ? colour : "bg-white/30"}`}
          style={{ height: `${4 + level * 3}px` }}
        />
      ))}
      <span className="sr-only">Connection {QUALITY_TEXT[quality]}</span>
    </span>
  );
}

export function Avatar({ name, compact }: { name: string; compact?: boolean }) {
  return (
    // Compact tiles lift the initials clear of the name line at the bottom.
    <div className={`absolute inset-0 flex items-center justify-center bg-slate-800 ${compact ? "pb-8" : ""}`}>
      <span
        aria-hidden="true"
        className={`flex items-center justify-center rounded-full bg-brand-600 font-semibold text-white ${
          compact ? "h-10 w-10 text-base" : "h-16 w-16 text-2xl sm:h-20 sm:w-20"
        }`}
      >
        {initials(name)}
      </span>
    </div>
  );
}

type TileProps = {
  trackRef: TrackReferenceOrPlaceholder;
  style?: CSSProperties;
  pinned: boolean;
  onTogglePin: () => void;
  /** Smaller text and avatar, for the filmstrip and the picture-in-picture self view. */
  compact?: boolean;
  /** "absolute" when the caller places the tile (filling the stage, or floating in a corner). */
  position?: "relative" | "absolute";
  /** Your own small picture in a corner of a two-person call: just "You", no pin. */
  selfView?: boolean;
  /** Their connection has gone quiet (presence decides, with a few seconds' patience): shown as reconnecting. */
  connectionLost?: boolean;
  className?: string;
};

/**
 * One person (or one shared screen): their picture or initials, name, role,
 * microphone state, connection quality, a ring while they speak, and a pin button.
 */
export function ParticipantTile({
  trackRef,
  style,
  pinned,
  onTogglePin,
  compact,
  position = "relative",
  selfView = false,
  connectionLost = false,
  className = "",
}: TileProps) {
  const participant = trackRef.participant;
  const { name: liveName } = useParticipantInfo({ participant });
  const { attributes } = useParticipantAttributes({ participant });
  const role = participantRole({ attributes, metadata: participant.metadata });
  const speaking = useIsSpeaking(participant);
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const videoMuted = useIsMuted(trackRef);
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const isLocal = participant.isLocal;
  const name = liveName || "Someone";
  const label = isScreen ? `${name}'s screen` : isLocal ? `${name} (you)` : name;
  const showVideo = isTrackReference(trackRef) && !videoMuted;
  const publishes = role !== "OBSERVER";

  return (
    <li
      style={style}
      className={`${position} list-none overflow-hidden rounded-xl bg-slate-800 outline-offset-2 ${
        speaking && !isScreen ? "outline outline-4 outline-emerald-400" : ""
      } ${className}`}
      data-testid="participant-tile"
      data-identity={participant.identity}
      data-source={trackRef.source}
      data-speaking={speaking && !isScreen ? "true" : "false"}
    >
      {showVideo ? (
        <VideoTrack
          trackRef={trackRef}
          className={`absolute inset-0 h-full w-full bg-slate-950 ${
            isScreen ? "object-contain" : `object-cover ${isLocal ? "-scale-x-100" : ""}`
          }`}
          muted
          playsInline
          autoPlay
        />
      ) : (
        <Avatar name={name} compact={compact} />
      )}

      {connectionLost && !isScreen ? (
        <div className="absolute inset-0 flex items-center justify-center bg-slate-950/70 p-2 text-center text-sm font-semibold text-white">
          Connection lost, reconnecting…
        </div>
      ) : null}

      {selfView ? null : (
        <button
          type="button"
          onClick={onTogglePin}
          aria-pressed={pinned}
          aria-label={`${pinned ? "Unpin" : "Pin"} ${label}`}
          title={pinned ? "Unpin" : "Pin to the main view"}
          className={`absolute top-1.5 left-1.5 flex h-11 w-11 items-center justify-center rounded-full ${
            pinned ? "bg-white text-slate-950" : "bg-slate-950/70 text-white hover:bg-slate-950"
          }`}
        >
          <PinIcon className="h-5 w-5" />
        </button>
      )}

      <div className="absolute inset-x-1.5 bottom-1.5 flex flex-wrap items-center gap-1">
        <span
          className={`max-w-full truncate rounded-md bg-slate-950/80 px-2 py-0.5 font-medium text-white ${
            compact ? "text-xs" : "text-sm"
          }`}
        >
          {selfView ? "You" : label}
        </span>
        {isScreen || selfView ? null : <RoleBadge role={role} />}
        {!isScreen && publishes && micMuted ? (
          <span
            className="inline-flex items-center rounded-md bg-red-700 px-1 py-0.5 text-white"
            title="Microphone off"
          >
            <MicOffIcon className="h-4 w-4" />
            <span className="sr-only">Microphone off</span>
          </span>
        ) : null}
        {!isScreen && !selfView ? <ConnectionQualityBars participant={participant} /> : null}
        {speaking && !isScreen ? <span className="sr-only">Speaking</span> : null}
      </div>
    </li>
  );
}

/** Someone whose connection dropped: kept in place (not "gone") while they reconnect. */
export function ReconnectingTile({
  name,
  role,
  identity,
  style,
  compact,
}: {
  name: string;
  role: ParticipantRole | null;
  identity: string;
  style?: CSSProperties;
  compact?: boolean;
}) {
  return (
    <li
      style={style}
      className="relative list-none overflow-hidden rounded-xl bg-slate-800"
      data-testid="participant-tile"
      data-identity={identity}
      data-reconnecting="true"
    >
      <Avatar name={name || "Someone"} compact={compact} />
      <div className="absolute inset-0 flex items-center justify-center bg-slate-950/70 p-2 text-center text-sm font-semibold text-white">
        Reconnecting…
      </div>
      <div className="absolute inset-x-1.5 bottom-1.5 flex flex-wrap items-center gap-1">
        <span className="truncate rounded-md bg-slate-950/80 px-2 py-0.5 text-sm font-medium text-white">
          {name || "Someone"}
        </span>
        <RoleBadge role={role} />
      </div>
    </li>
  );
}
