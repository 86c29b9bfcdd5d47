import { describe, expect, it } from "vitest";
import { Compositor, type FrameSource } from "./compositor";
import { BACKGROUND, createI420, PLACEHOLDER } from "./i420";

/** A uniformly bright frame that counts how often the compositor asked for its pixels. */
function frame(luma: number, width = 32, height = 18) {
  const picture = createI420(width, height, { y: luma, u: 128, v: 128 });
  const source: FrameSource & { conversions: number } = {
    turns: 0,
    conversions: 0,
    toI420: () => {
      source.conversions++;
      return picture;
    },
  };
  return source;
}

const lumaAt = (c: Compositor, x: number, y: number) => c.canvas.data[y * c.canvas.width + x];

describe("compositor", () => {
  it("draws each participant's newest frame into their tile, and a grey tile for one without video", () => {
    const c = new Compositor(64, 36, { gap: 0 });
    c.setTiles([
      { id: "a", hasVideo: true },
      { id: "b", hasVideo: false },
    ]);
    c.updateFrame("a", frame(200));
    c.updateFrame("a", frame(210)); // replaces the undrawn one
    c.compose();
    expect(lumaAt(c, 16, 18)).toBe(210); // left half: a's picture (letterboxed vertically)
    expect(lumaAt(c, 16, 1)).toBe(BACKGROUND.y); // bar above it
    expect(lumaAt(c, 34, 10)).toBe(PLACEHOLDER.y); // right half: b's placeholder, off its centre mark
  });

  it("converts and redraws a tile only when a new frame came", () => {
    const c = new Compositor(64, 36);
    c.setTiles([{ id: "a", hasVideo: true }]);
    const first = frame(100);
    c.updateFrame("a", first);
    c.compose();
    c.compose();
    expect(first.conversions).toBe(1);
    const second = frame(150);
    c.updateFrame("a", second);
    c.compose();
    expect(second.conversions).toBe(1);
    expect(lumaAt(c, 32, 18)).toBe(150);
  });

  it("redraws everyone's last frame in the new places when someone joins, and forgets those who left", () => {
    const c = new Compositor(64, 36, { gap: 0 });
    c.setTiles([{ id: "a", hasVideo: true }]);
    c.updateFrame("a", frame(100));
    c.compose();
    expect(lumaAt(c, 60, 18)).toBe(100); // alone: the whole width
    c.setTiles([
      { id: "a", hasVideo: true },
      { id: "b", hasVideo: true },
    ]);
    c.compose();
    expect(lumaAt(c, 16, 18)).toBe(100); // a, now in the left half, without a new frame
    expect(lumaAt(c, 34, 10)).toBe(PLACEHOLDER.y); // b has no frame yet
    c.setTiles([{ id: "b", hasVideo: true }]);
    c.updateFrame("b", frame(60));
    c.compose();
    expect(lumaAt(c, 2, 18)).toBe(60);
    expect(c.tileIds).toEqual(["b"]);
  });

  it("shows a placeholder when a camera is muted, and the picture again when it comes back", () => {
    const c = new Compositor(64, 36);
    c.setTiles([{ id: "a", hasVideo: true }]);
    c.updateFrame("a", frame(180));
    c.compose();
    c.setTiles([{ id: "a", hasVideo: false }]);
    c.compose();
    expect(lumaAt(c, 4, 18)).toBe(PLACEHOLDER.y);
    c.setTiles([{ id: "a", hasVideo: true }]);
    c.compose();
    expect(lumaAt(c, 4, 18)).toBe(180);
  });

  it("keeps going when a frame cannot be drawn, and says which tile", () => {
    const errors: string[] = [];
    const c = new Compositor(64, 36, {}, (id) => errors.push(id));
    c.setTiles([{ id: "a", hasVideo: true }]);
    c.updateFrame("a", {
      turns: 0,
      toI420: () => {
        throw new Error("conversion failed");
      },
    });
    expect(() => c.compose()).not.toThrow();
    expect(errors).toEqual(["a"]);
  });
});
