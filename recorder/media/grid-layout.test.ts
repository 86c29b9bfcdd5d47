import { describe, expect, it } from "vitest";
import { chooseGrid, computeLayout, type PlacedTile, type Rect } from "./grid-layout";

const canvas = { width: 1280, height: 720 };
const tiles = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));

function overlaps(a: Rect, b: Rect) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectSane(placed: PlacedTile[]) {
  for (const { rect } of placed) {
    for (const value of [rect.x, rect.y, rect.width, rect.height]) expect(value % 2, "I420 needs even rects").toBe(0);
    expect(rect.x).toBeGreaterThanOrEqual(0);
    expect(rect.y).toBeGreaterThanOrEqual(0);
    expect(rect.x + rect.width).toBeLessThanOrEqual(canvas.width);
    expect(rect.y + rect.height).toBeLessThanOrEqual(canvas.height);
    expect(rect.width).toBeGreaterThan(0);
  }
  for (const [i, a] of placed.entries()) {
    for (const b of placed.slice(i + 1)) expect(overlaps(a.rect, b.rect), `${a.id} overlaps ${b.id}`).toBe(false);
  }
}

describe("grid layout without a screen share", () => {
  it("gives nobody no tiles, and one person the whole canvas", () => {
    expect(computeLayout(canvas, [])).toEqual([]);
    expect(computeLayout(canvas, tiles(1))).toEqual([{ id: "t0", rect: { x: 0, y: 0, width: 1280, height: 720 } }]);
  });

  it("puts two people side by side, each half the width", () => {
    const placed = computeLayout(canvas, tiles(2), { gap: 8 });
    expectSane(placed);
    expect(placed.map((p) => p.rect)).toEqual([
      { x: 0, y: 0, width: 636, height: 720 },
      { x: 644, y: 0, width: 636, height: 720 },
    ]);
  });

  it("uses 2×2 for four, 3×2 for five and six, and centres an incomplete last row", () => {
    expect(chooseGrid(4, canvas, 8)).toEqual({ columns: 2, rows: 2 });
    expect(chooseGrid(5, canvas, 8)).toEqual({ columns: 3, rows: 2 });
    expect(chooseGrid(6, canvas, 8)).toEqual({ columns: 3, rows: 2 });
    const five = computeLayout(canvas, tiles(5), { gap: 8 });
    expectSane(five);
    const [first, , , fourth, fifth] = five.map((p) => p.rect);
    expect(fourth?.y).toBeGreaterThan(first?.y ?? 0);
    // The two tiles of the last row sit in the middle: equal margins left and right.
    const left = fourth?.x ?? 0;
    const right = canvas.width - ((fifth?.x ?? 0) + (fifth?.width ?? 0));
    expect(Math.abs(left - right)).toBeLessThanOrEqual(2);
  });

  it("keeps every tile inside the canvas, even and apart, for 1 to 25 people", () => {
    for (let n = 1; n <= 25; n++) {
      const placed = computeLayout(canvas, tiles(n));
      expect(placed).toHaveLength(n);
      expectSane(placed);
    }
  });
});

describe("grid layout with a screen share", () => {
  it("gives the share the large area and stacks cameras in a strip on the right", () => {
    const placed = computeLayout(canvas, [{ id: "cam-a" }, { id: "screen", focus: true }, { id: "cam-b" }], {
      gap: 8,
    });
    expectSane(placed);
    const byId = Object.fromEntries(placed.map((p) => [p.id, p.rect]));
    expect(byId.screen).toEqual({ x: 0, y: 0, width: 1016, height: 720 });
    for (const id of ["cam-a", "cam-b"]) {
      expect(byId[id]?.x).toBe(1280 - 256);
      expect(byId[id]?.width).toBe(256);
    }
    // Cameras keep their order, top to bottom.
    expect(byId["cam-a"]?.y ?? 0).toBeLessThan(byId["cam-b"]?.y ?? 0);
  });

  it("shows a lone share full size, and only the first share in focus", () => {
    expect(computeLayout(canvas, [{ id: "screen", focus: true }])).toEqual([
      { id: "screen", rect: { x: 0, y: 0, width: 1280, height: 720 } },
    ]);
    const placed = computeLayout(canvas, [{ id: "s1", focus: true }, { id: "s2", focus: true }, { id: "cam" }]);
    expectSane(placed);
    expect(placed[0]).toMatchObject({ id: "s1", rect: { x: 0, y: 0 } });
    expect(placed.find((p) => p.id === "s2")?.rect.width).toBe(256);
  });
});
