"use client";

import { useIsMuted, useParticipantAttributes, useParticipantInfo, useParticipants } from "@livekit/components-react";
import { type Participant, Track } from "livekit-client";
import { useState } from "react";
import { removeParticipantAction } from "@/app/(app)/consultations/actions";
import { sendToWaitingRoomAction } from "@/app/(app)/consultations/admission-actions";
import { muteParticipantAction } from "@/app/(app)/consultations/moderation-actions";
import type { ActionResult } from "@/lib/actions/action-result";
import { CameraOffIcon, MicOffIcon, PinIcon } from "./icons";
import { participantRole, roleRank } from "./participant-role";
import { ConnectionQualityBars, RoleBadge } from "./participant-tile";
import type { PresenceEntry } from "./presence";
import { RoomDialog } from "./room-dialog";

type Moderation = "mute" | "waiting-room" | "remove";

const CONFIRM: Record<Exclude<Moderation, "mute">, { title: string; body: string; button: string }> = {
  "waiting-room": {
    title: "Send back to the waiting room?",
    body: "They leave the visit and wait until you admit them again.",
    button: "Send to waiting room",
  },
  remove: {
    title: "Remove from the visit?",
    body: "They are disconnected and their invitation link stops working. They cannot rejoin unless you invite them again.",
    button: "Remove",
  },
};

const smallButton =
  "min-h-11 rounded-lg border border-slate-400 px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100";

function ParticipantRow({
  participant,
  canModerate,
  connectionLost,
  pinned,
  onPin,
  onModerated,
}: {
  participant: Participant;
  canModerate: boolean;
  connectionLost: boolean;
  pinned: boolean;
  onPin: () => void;
  onModerated: (message: string) => void;
}) {
  const { name: liveName } = useParticipantInfo({ participant });
  const { attributes } = useParticipantAttributes({ participant });
  const role = participantRole({ attributes, metadata: participant.metadata });
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const cameraMuted = useIsMuted({ participant, source: Track.Source.Camera });
  const [busy, setBusy] = useState<Moderation | null>(null);
  const [confirming, setConfirming] = useState<Exclude<Moderation, "mute"> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = liveName || "Someone";
  const isSelf = participant.isLocal;
  const publishes = role !== "OBSERVER";
  // The host cannot be moderated by anyone; the server refuses it too.
  const moderatable = canModerate && !isSelf && role !== "HOST";

  async function run(kind: Moderation) {
    setBusy(kind);
    setError(null);
    const participantId = participant.identity;
    let result: ActionResult<unknown>;
    try {
      result =
        kind === "mute"
          ? await muteParticipantAction({ participantId })
          : kind === "waiting-room"
            ? await sendToWaitingRoomAction({ participantId })
            : await removeParticipantAction({ participantId });
    } catch {
      result = { ok: false, code: "INTERNAL", message: "We could not reach the server. Try again." };
    }
    setBusy(null);
    setConfirming(null);
    if (!result.ok) return setError(result.message);
    onModerated(
      kind === "mute"
        ? `${name}'s microphone was muted`
        : kind === "waiting-room"
          ? `${name} was sent to the waiting room`
          : `${name} was removed from the visit`,
    );
  }

  return (
    <li
      className="flex flex-col gap-2 border-b border-slate-200 py-3"
      data-testid="participant-row"
      data-identity={participant.identity}
    >
      <div className="flex items-center gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="truncate font-semibold">
            {name}
            {isSelf ? <span className="font-normal text-slate-600"> (you)</span> : null}
          </span>
          <span className="flex flex-wrap items-center gap-1.5 text-sm text-slate-700">
            <RoleBadge role={role} surface="panel" />
            {publishes && micMuted ? (
              <span className="inline-flex items-center gap-0.5">
                <MicOffIcon className="h-4 w-4" /> Muted
              </span>
            ) : null}
            {connectionLost ? <span className="font-semibold text-amber-900">Reconnecting…</span> : null}
            {publishes && cameraMuted ? (
              <span className="inline-flex items-center gap-0.5">
                <CameraOffIcon className="h-4 w-4" /> Camera off
              </span>
            ) : null}
          </span>
        </div>
        {!isSelf ? <ConnectionQualityBars participant={participant} /> : null}
        <button
          type="button"
          onClick={onPin}
          aria-pressed={pinned}
          aria-label={`${pinned ? "Unpin" : "Pin"} ${name}`}
          className={`flex h-11 w-11 shrink-0 items-center justify-center rounded-full border ${
            pinned ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 text-slate-900 hover:bg-slate-100"
          }`}
        >
          <PinIcon className="h-5 w-5" />
        </button>
      </div>
      {moderatable ? (
        <div className="flex flex-wrap gap-2">
          {publishes && !micMuted ? (
            <button
              type="button"
              className={smallButton}
              disabled={busy !== null}
              aria-label={`Mute ${name}'s microphone`}
              onClick={() => void run("mute")}
            >
              {busy === "mute" ? "Muting…" : "Mute"}
            </button>
          ) : null}
          {role !== "CLINICIAN" ? (
            <button
              type="button"
              className={smallButton}
              disabled={busy !== null}
              aria-label={`Send ${name} to the waiting room`}
              onClick={() => setConfirming("waiting-room")}
            >
              To waiting room
            </button>
          ) : null}
          <button
            type="button"
            className={`${smallButton} text-red-800`}
            disabled={busy !== null}
            aria-label={`Remove ${name} from the visit`}
            onClick={() => setConfirming("remove")}
          >
            Remove
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <RoomDialog
          open
          onClose={() => setConfirming(null)}
          title={CONFIRM[confirming].title}
          description={
            <p>
              <strong>{name}</strong>: {CONFIRM[confirming].body}
            </p>
          }
        >
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={smallButton} onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run(confirming)}
              className="min-h-11 rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
            >
              {busy ? "Working…" : CONFIRM[confirming].button}
            </button>
          </div>
        </RoomDialog>
      ) : null}
    </li>
  );
}

/** Everyone in the visit, with their role; for the host also mute, send back and remove. */
export function ParticipantList({
  canModerate,
  reconnecting,
  connectionLost,
  pinnedIdentity,
  onPin,
  onModerated,
}: {
  canModerate: boolean;
  reconnecting: PresenceEntry[];
  connectionLost: ReadonlySet<string>;
  pinnedIdentity: string | null;
  onPin: (identity: string | null) => void;
  onModerated: (message: string) => void;
}) {
  const participants = useParticipants();
  const sorted = [...participants].sort((a, b) => {
    if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
    const rank = roleRank(participantRole(a)) - roleRank(participantRole(b));
    return rank !== 0 ? rank : (a.name ?? "").localeCompare(b.name ?? "");
  });
  const observers = participants.filter((p) => participantRole(p) === "OBSERVER").length;
  return (
    <section aria-labelledby="people-heading" className="flex flex-col">
      <h3 id="people-heading" className="text-base font-semibold">
        People in the visit ({participants.length + reconnecting.length})
      </h3>
      {observers > 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          {observers === 1 ? "1 observer is" : `${observers} observers are`} watching and listening, without camera or
          microphone.
        </p>
      ) : null}
      <ul className="mt-2 flex flex-col" aria-label="People">
        {sorted.map((participant) => (
          <ParticipantRow
            key={participant.identity}
            participant={participant}
            canModerate={canModerate}
            connectionLost={connectionLost.has(participant.identity)}
            pinned={pinnedIdentity === participant.identity}
            onPin={() => onPin(pinnedIdentity === participant.identity ? null : participant.identity)}
            onModerated={onModerated}
          />
        ))}
        {reconnecting.map((entry) => (
          <li
            key={entry.identity}
            className="flex items-center gap-2 border-b border-slate-200 py-3"
            data-testid="participant-row"
            data-identity={entry.identity}
            data-reconnecting="true"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <span className="truncate font-semibold">{entry.name || "Someone"}</span>
              <span className="flex flex-wrap items-center gap-1.5 text-sm text-slate-700">
                <RoleBadge role={entry.role} surface="panel" />
                <span className="font-semibold text-amber-900">Reconnecting…</span>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
