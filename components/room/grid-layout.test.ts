import { describe, expect, it } from "vitest";
import {
  bestGrid,
  clampPage,
  filmstripPlacement,
  gridPage,
  MAX_TILES,
  promoteSpeakers,
  TILE_GAP,
  tilesPerPage,
} from "./grid-layout";

const DESKTOP = { width: 1280, height: 640 };
const PHONE = { width: 375, height: 520 };

describe("grid layout", () => {
  it("one person fills the stage; two sit side by side on a desktop", () => {
    expect(bestGrid(1, 1280, 640, 16 / 9)).toMatchObject({ columns: 1, rows: 1 });
    expect(bestGrid(2, 1280, 640, 16 / 9)).toMatchObject({ columns: 2, rows: 1 });
  });

  it("twenty-five people on a desktop make a 5 × 5 grid on one page", () => {
    const page = gridPage(25, DESKTOP.width, DESKTOP.height, 0);
    expect(page).toMatchObject({ columns: 5, rows: 5, pageCount: 1, start: 0, end: 25 });
    expect(page.tileWidth).toBeGreaterThan(150);
  });

  it("every count from 1 to 25 fits inside the stage, with no empty row", () => {
    for (const stage of [DESKTOP, PHONE, { width: 800, height: 600 }, { width: 1920, height: 900 }]) {
      for (let n = 1; n <= MAX_TILES; n++) {
        const page = gridPage(n, stage.width, stage.height, 0);
        const onPage = page.end - page.start;
        expect(page.columns * page.rows).toBeGreaterThanOrEqual(Math.min(onPage, page.pageSize));
        expect((page.rows - 1) * page.columns).toBeLessThan(Math.min(n, page.pageSize));
        expect(page.columns * page.tileWidth + (page.columns - 1) * TILE_GAP).toBeLessThanOrEqual(stage.width);
        expect(page.rows * page.tileHeight + (page.rows - 1) * TILE_GAP).toBeLessThanOrEqual(stage.height);
        expect(page.tileWidth).toBeGreaterThan(0);
      }
    }
  });

  it("a 375 px phone pages four at a time, stacked so faces stay large", () => {
    expect(tilesPerPage(375)).toBe(4);
    const first = gridPage(7, PHONE.width, PHONE.height, 0);
    expect(first).toMatchObject({ pageCount: 2, start: 0, end: 4 });
    expect(first.tileWidth).toBeGreaterThanOrEqual(170);
    const last = gridPage(7, PHONE.width, PHONE.height, 1);
    expect(last).toMatchObject({ start: 4, end: 7 });
    // The last page keeps the tile size of a full page.
    expect(last.tileWidth).toBe(first.tileWidth);
  });

  it("tablets page nine at a time", () => {
    expect(gridPage(25, 800, 600, 0)).toMatchObject({ pageSize: 9, pageCount: 3, columns: 3, rows: 3 });
    expect(gridPage(25, 800, 600, 2)).toMatchObject({ start: 18, end: 25 });
  });

  it("a page past the end (someone left) falls back to the last page", () => {
    expect(gridPage(5, PHONE.width, PHONE.height, 3)).toMatchObject({ page: 1, start: 4, end: 5 });
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(Number.NaN, 3)).toBe(0);
    expect(clampPage(2, 0)).toBe(0);
  });

  it("no one yet: a single empty page, no division by zero", () => {
    expect(gridPage(0, PHONE.width, PHONE.height, 0)).toMatchObject({ pageCount: 1, start: 0, end: 0 });
    expect(bestGrid(3, 0, 0, 16 / 9)).toMatchObject({ tileWidth: 0, tileHeight: 0 });
  });

  it("a speaker on a later page swaps onto the first page; everyone else stays put", () => {
    const order = ["a", "b", "c", "d", "e", "f"];
    expect(promoteSpeakers(order, ["f"], 4)).toEqual(["a", "b", "c", "f", "e", "d"]);
    expect(promoteSpeakers(order, ["b"], 4)).toEqual(order);
    // Two speakers beyond the page, with one speaking already on it.
    expect(promoteSpeakers(order, ["e", "f", "d"], 4)).toEqual(["a", "f", "e", "d", "c", "b"]);
    expect(promoteSpeakers(["a", "b"], ["b"], 4)).toEqual(["a", "b"]);
  });

  it("the filmstrip goes beside the shared screen on wide stages and under it on phones", () => {
    expect(filmstripPlacement(1280)).toBe("side");
    expect(filmstripPlacement(375)).toBe("bottom");
  });
});
