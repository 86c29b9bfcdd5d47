import { Track } from "livekit-client";
import { describe, expect, it } from "vitest";
import { gridPage, promoteSpeakers } from "./grid-layout";
import { offPageCameras, trackKey } from "./off-page-cameras";

type Ref = {
  participant: { identity: string; isLocal: boolean };
  source: Track.Source;
  publication?: { trackSid: string };
};

function camera(identity: string, { isLocal = false, published = true } = {}): Ref {
  return {
    participant: { identity, isLocal },
    source: Track.Source.Camera,
    ...(published ? { publication: { trackSid: `TR_${identity}` } } : {}),
  };
}

function share(identity: string): Ref {
  return {
    participant: { identity, isLocal: false },
    source: Track.Source.ScreenShare,
    publication: { trackSid: "TR_s" },
  };
}

const ids = (refs: readonly Ref[]) => refs.map((ref) => ref.participant.identity);

/** A full visit as the stage orders it: 24 remote people, then yourself. */
const visit = [
  ...Array.from({ length: 24 }, (_, i) => camera(`guest-${String(i + 1).padStart(2, "0")}`)),
  camera("me", { isLocal: true }),
];

/** The keys of the tiles one page of the grid shows, as video-stage.tsx picks them. */
function shownOnPage(page: number, width: number, height: number, speakers: string[] = []) {
  const keys = visit.map(trackKey);
  const layout = gridPage(keys.length, width, height, page);
  const ordered = promoteSpeakers(keys, speakers, layout.pageSize);
  return new Set(ordered.slice(layout.start, layout.end));
}

describe("off-page cameras", () => {
  it("are the remote cameras without a tile, in stage order", () => {
    const refs = [camera("a"), camera("b"), camera("c")];
    expect(ids(offPageCameras(refs, new Set([trackKey(refs[1] as Ref)])))).toEqual(["a", "c"]);
  });

  it("never include your own camera, a screen share, or a camera not published yet", () => {
    const refs = [camera("me", { isLocal: true }), share("a"), camera("b", { published: false }), camera("c")];
    expect(ids(offPageCameras(refs, new Set()))).toEqual(["c"]);
  });

  it("are none on a desktop, where a full visit fits one page", () => {
    expect(offPageCameras(visit, shownOnPage(0, 1280, 640))).toEqual([]);
  });

  it("on a 375 px phone are every remote camera but the page's four, page after page", () => {
    const { pageCount } = gridPage(visit.length, 375, 520, 0);
    expect(pageCount).toBe(7);
    const streaming = new Set<string>();
    for (let page = 0; page < pageCount; page++) {
      const shown = shownOnPage(page, 375, 520);
      const parked = new Set(ids(offPageCameras(visit, shown)));
      const remoteOnPage = visit.filter((ref) => !ref.participant.isLocal && shown.has(trackKey(ref)));
      // Every remote camera is either on this page or parked, never both.
      expect(parked.size + remoteOnPage.length).toBe(24);
      for (const ref of remoteOnPage) {
        expect(parked.has(ref.participant.identity)).toBe(false);
        streaming.add(ref.participant.identity);
      }
      expect(parked.has("me")).toBe(false);
    }
    // Paging through the grid reaches every camera once.
    expect(streaming.size).toBe(24);
  });

  it("lose a speaker as soon as the grid promotes them onto the page", () => {
    const speaker = trackKey(camera("guest-17"));
    expect(ids(offPageCameras(visit, shownOnPage(0, 375, 520)))).toContain("guest-17");
    expect(ids(offPageCameras(visit, shownOnPage(0, 375, 520, [speaker])))).not.toContain("guest-17");
  });
});
