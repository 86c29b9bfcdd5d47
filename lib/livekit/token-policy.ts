import { TrackSource, type VideoGrant } from "livekit-server-sdk";

/**
 * What each kind of LiveKit participant may do, as DESIGN.md sets it out.
 * Pure, so the policy is unit-tested on its own. No browser token ever gets
 * roomAdmin, roomCreate, roomList or roomRecord: moderation goes through
 * server actions that check the caller and call LiveKit's server API.
 */
export type LiveKitRole = "HOST" | "CLINICIAN" | "PATIENT" | "GUEST" | "OBSERVER" | "RECORDER";

/** Join tokens live at most this long; LiveKit refreshes them while connected. */
export const MAX_TOKEN_TTL_SECONDS = 10 * 60;

const INTERACTIVE_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE];

export function grantsFor(role: LiveKitRole, room: string): VideoGrant {
  const base: VideoGrant = {
    room,
    roomJoin: true,
    canSubscribe: true,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
  };
  switch (role) {
    case "HOST":
    case "CLINICIAN":
    case "PATIENT":
    case "GUEST":
      return { ...base, canPublish: true, canPublishData: true, canPublishSources: INTERACTIVE_SOURCES };
    case "OBSERVER":
      return { ...base, canPublish: false, canPublishData: true, canPublishSources: [] };
    case "RECORDER":
      return { ...base, canPublish: false, canPublishData: false, hidden: true, recorder: true };
  }
}

export function clampTtl(seconds: number): number {
  return Math.max(1, Math.min(Math.floor(seconds), MAX_TOKEN_TTL_SECONDS));
}
