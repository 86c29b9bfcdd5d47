"use client";

import {
  isTrackReference,
  type TrackReference,
  type TrackReferenceOrPlaceholder,
  useSpeakingParticipants,
  VideoTrack,
} from "@livekit/components-react";
import { Track } from "livekit-client";
import { useEffect, useMemo, useState } from "react";
import { filmstripPlacement, gridPage, promoteSpeakers, TILE_GAP } from "./grid-layout";
import { ChevronLeftIcon, ChevronRightIcon, GridIcon, ScreenIcon } from "./icons";
import { offPageCameras, trackKey } from "./off-page-cameras";
import { participantRole, roleRank } from "./participant-role";
import { ParticipantTile, ReconnectingTile } from "./participant-tile";
import type { PresenceEntry } from "./presence";
import { useElementSize } from "./use-element-size";

export { trackKey };

/** Camera tiles in a calm, stable order: clinicians, patient, guests, observers; then by arrival; yourself last. */
function byRoleThenArrival(a: TrackReferenceOrPlaceholder, b: TrackReferenceOrPlaceholder): number {
  if (a.participant.isLocal !== b.participant.isLocal) return a.participant.isLocal ? 1 : -1;
  const rank = roleRank(participantRole(a.participant)) - roleRank(participantRole(b.participant));
  if (rank !== 0) return rank;
  const joined = (a.participant.joinedAt?.getTime() ?? 0) - (b.participant.joinedAt?.getTime() ?? 0);
  return joined !== 0 ? joined : a.participant.identity.localeCompare(b.participant.identity);
}

type StageProps = {
  tracks: TrackReferenceOrPlaceholder[];
  reconnecting: PresenceEntry[];
  /** People still in the room whose connection has gone quiet. */
  connectionLost: ReadonlySet<string>;
  pinnedKey: string | null;
  onPin: (key: string | null) => void;
  onStopScreenShare: () => void;
};

/**
 * The video area: an adaptive grid (paged on small screens), the other person
 * large with yourself in a corner when there are two of you, and a focus
 * layout with a filmstrip while a screen is shared or a tile is pinned.
 */
export function VideoStage({ tracks, reconnecting, connectionLost, pinnedKey, onPin, onStopScreenShare }: StageProps) {
  const [stageElement, setStageElement] = useState<HTMLDivElement | null>(null);
  const { width, height } = useElementSize(stageElement);
  const [page, setPage] = useState(0);
  // A screen share takes the stage by itself; "Back to grid" dismisses that one share.
  const [dismissedShare, setDismissedShare] = useState<string | null>(null);
  const speakers = useSpeakingParticipants();

  const cameras = useMemo(
    () => tracks.filter((ref) => ref.source === Track.Source.Camera).sort(byRoleThenArrival),
    [tracks],
  );
  const shares = tracks.filter(
    (ref): ref is TrackReference => ref.source === Track.Source.ScreenShare && isTrackReference(ref),
  );
  const pinned = pinnedKey ? tracks.find((ref) => trackKey(ref) === pinnedKey) : undefined;
  // The newest share from someone else first: your own screen on your own stage is a hall of mirrors.
  const remoteShare = [...shares].reverse().find((ref) => !ref.participant.isLocal);
  const autoShare = remoteShare ?? shares[shares.length - 1];
  const shareInFocus = autoShare && autoShare.publication.trackSid !== dismissedShare ? autoShare : undefined;
  const focus = pinned ?? shareInFocus;

  // A new share clears an earlier dismissal, so it takes the stage too.
  const newestShareSid = autoShare?.publication.trackSid;
  useEffect(() => {
    if (newestShareSid && dismissedShare && newestShareSid !== dismissedShare) setDismissedShare(null);
  }, [newestShareSid, dismissedShare]);

  const togglePin = (ref: TrackReferenceOrPlaceholder) => {
    const key = trackKey(ref);
    onPin(pinnedKey === key ? null : key);
  };

  if (focus) {
    const placement = filmstripPlacement(width);
    const strip = cameras.filter((ref) => trackKey(ref) !== trackKey(focus));
    const isLocalShare = focus.source === Track.Source.ScreenShare && focus.participant.isLocal;
    const focusName = focus.participant.name || "Someone";
    return (
      <div ref={setStageElement} className="flex h-full w-full min-h-0 min-w-0">
        <div
          className={`flex h-full w-full min-h-0 gap-2 ${placement === "side" ? "flex-row" : "flex-col"}`}
          data-testid="focus-layout"
        >
          <section
            aria-label={
              focus.source === Track.Source.ScreenShare ? `${focusName}'s shared screen` : `${focusName}, pinned`
            }
            className="relative flex min-h-0 min-w-0 flex-1 flex-col"
            data-testid="focus-stage"
            data-source={focus.source}
            data-identity={focus.participant.identity}
          >
            {isLocalShare ? (
              <div className="flex flex-1 flex-col items-center justify-center gap-4 rounded-xl bg-slate-800 p-6 text-center text-white">
                <ScreenIcon className="h-10 w-10" />
                <p className="text-lg font-semibold">You are sharing your screen</p>
                <button
                  type="button"
                  onClick={onStopScreenShare}
                  className="min-h-11 rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
                >
                  Stop sharing
                </button>
              </div>
            ) : (
              <ul className="relative flex-1" aria-label="Main view">
                <ParticipantTile
                  connectionLost={connectionLost.has(focus.participant.identity)}
                  trackRef={focus}
                  position="absolute"
                  className="inset-0"
                  pinned={pinned !== undefined}
                  onTogglePin={() => togglePin(focus)}
                />
              </ul>
            )}
            <button
              type="button"
              onClick={() => {
                if (pinned) onPin(null);
                if (shareInFocus) setDismissedShare(shareInFocus.publication.trackSid);
              }}
              className="absolute right-2 bottom-2 flex min-h-11 items-center gap-2 rounded-lg bg-slate-950/80 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-950"
            >
              <GridIcon className="h-5 w-5" />
              Back to grid
            </button>
          </section>
          <ul
            aria-label="Everyone in the visit"
            className={`flex shrink-0 gap-2 ${
              placement === "side" ? "w-56 flex-col overflow-y-auto" : "h-28 flex-row overflow-x-auto"
            }`}
            data-testid="filmstrip"
          >
            {strip.map((ref) => (
              <ParticipantTile
                connectionLost={connectionLost.has(ref.participant.identity)}
                key={trackKey(ref)}
                trackRef={ref}
                compact
                className={placement === "side" ? "aspect-video w-full shrink-0" : "h-full w-40 shrink-0"}
                pinned={pinnedKey === trackKey(ref)}
                onTogglePin={() => togglePin(ref)}
              />
            ))}
            {reconnecting.map((entry) => (
              <ReconnectingTile
                key={entry.identity}
                identity={entry.identity}
                name={entry.name}
                role={entry.role}
                compact
                style={
                  placement === "side"
                    ? { aspectRatio: "16 / 9", width: "100%", flexShrink: 0 }
                    : { width: 160, flexShrink: 0 }
                }
              />
            ))}
          </ul>
        </div>
      </div>
    );
  }

  const remoteCameras = cameras.filter((ref) => !ref.participant.isLocal);
  const local = cameras.find((ref) => ref.participant.isLocal);
  // Two people: the other person fills the stage and you see yourself in a corner, as in any video call.
  if (remoteCameras.length === 1 && local && reconnecting.length === 0) {
    const other = remoteCameras[0] as TrackReferenceOrPlaceholder;
    return (
      <div ref={setStageElement} className="relative h-full w-full min-h-0">
        <ul aria-label="Everyone in the visit" className="relative h-full w-full">
          <ParticipantTile
            connectionLost={connectionLost.has(other.participant.identity)}
            trackRef={other}
            position="absolute"
            className="inset-0"
            pinned={false}
            onTogglePin={() => togglePin(other)}
          />
          <ParticipantTile
            connectionLost={connectionLost.has(local.participant.identity)}
            trackRef={local}
            compact
            position="absolute"
            selfView
            className="top-3 right-3 z-10 aspect-[4/3] w-28 shadow-lg ring-2 ring-slate-950 sm:w-48"
            pinned={false}
            onTogglePin={() => togglePin(local)}
          />
        </ul>
      </div>
    );
  }

  type Item = { key: string; ref?: TrackReferenceOrPlaceholder; ghost?: PresenceEntry };
  const items: Item[] = [
    ...cameras.map((ref) => ({ key: trackKey(ref), ref })),
    ...reconnecting.map((ghost) => ({ key: `${ghost.identity}:reconnecting`, ghost })),
  ];
  const pagerHeight = 52;
  let layout = gridPage(items.length, width, height, page);
  if (layout.pageCount > 1) layout = gridPage(items.length, width, Math.max(0, height - pagerHeight), page);
  const speakerKeys = speakers.map((p) => `${p.identity}:${Track.Source.Camera}`);
  const ordered = promoteSpeakers(
    items.map((item) => item.key),
    speakerKeys,
    layout.pageSize,
  );
  const byKey = new Map(items.map((item) => [item.key, item]));
  const visible = ordered.slice(layout.start, layout.end).map((key) => byKey.get(key) as Item);
  const tileStyle = { width: layout.tileWidth, height: layout.tileHeight };
  // Until the stage is measured no tile is shown, so every remote camera waits off page.
  const offPage = offPageCameras(
    cameras.filter(isTrackReference),
    new Set(width > 0 ? visible.map((item) => item.key) : []),
  );

  const alone = remoteCameras.length === 0 && reconnecting.length === 0;

  return (
    <div ref={setStageElement} className="relative flex h-full w-full min-h-0 flex-col">
      {alone ? (
        <p className="absolute inset-x-0 top-3 z-10 mx-auto w-fit max-w-[90%] rounded-full bg-slate-800 px-4 py-2 text-center text-white">
          You are the first one here. The others will appear when they join.
        </p>
      ) : null}
      <ul
        aria-label="Everyone in the visit"
        className="flex min-h-0 flex-1 flex-wrap content-center items-center justify-center"
        style={{ gap: TILE_GAP }}
        data-testid="video-grid"
        data-columns={layout.columns}
        data-rows={layout.rows}
      >
        {width > 0
          ? visible.map((item) =>
              item.ref ? (
                <ParticipantTile
                  connectionLost={connectionLost.has(item.ref.participant.identity)}
                  key={item.key}
                  trackRef={item.ref}
                  style={tileStyle}
                  pinned={pinnedKey === item.key}
                  onTogglePin={() => togglePin(item.ref as TrackReferenceOrPlaceholder)}
                />
              ) : item.ghost ? (
                <ReconnectingTile
                  key={item.key}
                  identity={item.ghost.identity}
                  name={item.ghost.name}
                  role={item.ghost.role}
                  style={tileStyle}
                />
              ) : null,
            )
          : null}
      </ul>
      <OffPageVideos tracks={offPage} />
      {layout.pageCount > 1 ? (
        <nav
          aria-label="Pages of the video grid"
          className="flex h-[52px] items-center justify-center gap-3 text-white"
        >
          <button
            type="button"
            onClick={() => setPage(layout.page - 1)}
            disabled={layout.page === 0}
            aria-label="Previous page of people"
            className="flex h-11 w-11 items-center justify-center rounded-full bg-slate-700 hover:bg-slate-600 disabled:opacity-40"
          >
            <ChevronLeftIcon />
          </button>
          <span aria-live="polite">
            Page {layout.page + 1} of {layout.pageCount}
          </span>
          <button
            type="button"
            onClick={() => setPage(layout.page + 1)}
            disabled={layout.page >= layout.pageCount - 1}
            aria-label="Next page of people"
            className="flex h-11 w-11 items-center justify-center rounded-full bg-slate-700 hover:bg-slate-600 disabled:opacity-40"
          >
            <ChevronRightIcon />
          </button>
        </nav>
      ) : null}
    </div>
  );
}

/**
 * Remote cameras on other pages of the grid, attached to hidden <video>s so
 * that adaptiveStream pauses them: a track it never saw attached would keep
 * streaming (see off-page-cameras.ts). The other layouts give every camera a
 * tile; adaptiveStream pauses those that are out of view, as it does here.
 */
function OffPageVideos({ tracks }: { tracks: TrackReference[] }) {
  if (tracks.length === 0) return null;
  return (
    <div hidden data-testid="off-page-videos">
      {tracks.map((ref) => (
        <VideoTrack key={trackKey(ref)} trackRef={ref} hidden muted playsInline />
      ))}
    </div>
  );
}
