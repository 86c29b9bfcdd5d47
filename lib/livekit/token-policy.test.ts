import { TrackSource } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { clampTtl, grantsFor, type LiveKitRole, MAX_TOKEN_TTL_SECONDS } from "@/lib/livekit/token-policy";

const ROLES: LiveKitRole[] = ["HOST", "CLINICIAN", "PATIENT", "GUEST", "OBSERVER", "RECORDER"];

describe("LiveKit token policy", () => {
  it.each(ROLES)("%s gets exactly one room and never an admin grant", (role) => {
    const grant = grantsFor(role, "room-a");
    expect(grant.room).toBe("room-a");
    expect(grant.roomJoin).toBe(true);
    expect(grant.roomAdmin).toBe(false);
    expect(grant.roomCreate).toBe(false);
    expect(grant.roomList).toBe(false);
    expect(grant.roomRecord).toBe(false);
    expect(grant.canUpdateOwnMetadata).toBe(false);
  });

  it.each(["HOST", "CLINICIAN", "PATIENT", "GUEST"] as const)(
    "%s may publish camera, microphone and screen",
    (role) => {
      const grant = grantsFor(role, "r");
      expect(grant.canPublish).toBe(true);
      expect(grant.canPublishSources).toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE]);
    },
  );

  it("an observer subscribes and chats but never publishes media", () => {
    const grant = grantsFor("OBSERVER", "r");
    expect(grant.canPublish).toBe(false);
    expect(grant.canPublishSources).toEqual([]);
    expect(grant.canSubscribe).toBe(true);
    expect(grant.canPublishData).toBe(true);
  });

  it("the recorder is hidden and only subscribes", () => {
    const grant = grantsFor("RECORDER", "r");
    expect(grant).toMatchObject({ hidden: true, recorder: true, canSubscribe: true, canPublish: false });
    expect(grant.canPublishData).toBe(false);
  });

  it("tokens live at most 10 minutes", () => {
    expect(MAX_TOKEN_TTL_SECONDS).toBe(600);
    expect(clampTtl(6 * 3600)).toBe(600);
    expect(clampTtl(0)).toBe(1);
    expect(clampTtl(120)).toBe(120);
  });
});
