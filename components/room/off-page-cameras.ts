import { Track } from "livekit-client";

/**
 * Which remote cameras the stage must still attach although it shows no tile
 * for them (people on other pages of a paged grid). Pure, so it is unit-tested.
 *
 * Why: livekit-client 2.23's adaptiveStream (turned on in use-livekit-room.ts)
 * pauses a remote video that is attached to a hidden or detached <video>, but a
 * subscribed track it has never seen attached keeps streaming at full rate. On
 * a 375 px phone in a full visit that was all 24 cameras (≈4.2 Mbit/s) for the
 * 4 on screen. The stage attaches these cameras to hidden <video>s, so
 * adaptiveStream pauses them, and resumes each one as its tile comes on page.
 *
 * Not RemoteTrackPublication.setEnabled(false): once called, setEnabled pins
 * the publication's state (its isEnabled no longer follows adaptiveStream's
 * visibility), so after paging back, a camera would keep streaming while the
 * tab is in the background or its tile is scrolled out of the filmstrip.
 */

/** What a tile is keyed by: one person's camera, or their shared screen. */
export function trackKey(ref: { participant: { identity: string }; source: Track.Source }): string {
  return `${ref.participant.identity}:${ref.source}`;
}

type CameraRef = {
  participant: { identity: string; isLocal: boolean };
  source: Track.Source;
  publication?: unknown;
};

/**
 * The remote cameras with a publication (subscribed, or about to be) and no tile
 * among `shownKeys`, in their stage order. Never your own camera (nothing is
 * received), never a screen share (shown on the stage, or dismissed by the
 * person watching), never a placeholder (nothing published yet).
 */
export function offPageCameras<T extends CameraRef>(tracks: readonly T[], shownKeys: ReadonlySet<string>): T[] {
  return tracks.filter(
    (ref) =>
      ref.source === Track.Source.Camera &&
      !ref.participant.isLocal &&
      ref.publication !== undefined &&
      !shownKeys.has(trackKey(ref)),
  );
}
