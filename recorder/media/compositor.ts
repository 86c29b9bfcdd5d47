// The recording's picture: one I420 canvas with a tile per participant (or screen share), laid out
// by grid-layout.ts. Tiles are only redrawn when their source has a new frame (or the layout
// changed); everything else on the canvas stays as it was drawn.

import { computeLayout, type LayoutOptions, type LayoutTile, type Rect } from "./grid-layout";
import {
  BACKGROUND,
  createI420,
  createScaleMap,
  drawScaled,
  fillDisc,
  fillRect,
  fitRect,
  type I420Image,
  PLACEHOLDER,
  PLACEHOLDER_MARK,
  type QuarterTurns,
  type ScaleMap,
} from "./i420";

/** A decoded frame; converted to I420 only if and when the compositor draws it. */
export type FrameSource = { turns: QuarterTurns; toI420: () => I420Image };

export type CompositorTile = LayoutTile & {
  /** false: the participant has no (unmuted) video; drawn as a grey placeholder tile. */
  hasVideo: boolean;
};

type TileState = {
  id: string;
  rect: Rect;
  hasVideo: boolean;
  frame: FrameSource | null;
  /** The frame must be (re)drawn at the next compose. */
  dirty: boolean;
  map: ScaleMap | null;
};

export class Compositor {
  readonly canvas: I420Image;
  private tiles = new Map<string, TileState>();
  private layoutKey = "";
  /** Frames that arrived before their tile was laid out, and frames kept across a layout change. */
  private latest = new Map<string, FrameSource>();
  private onDrawError: (tileId: string, error: unknown) => void;

  constructor(
    width: number,
    height: number,
    private readonly layoutOptions: LayoutOptions = {},
    onDrawError?: (tileId: string, error: unknown) => void,
  ) {
    if (width % 2 || height % 2) throw new Error(`canvas size must be even, got ${width}x${height}`);
    this.canvas = createI420(width, height, BACKGROUND);
    this.onDrawError = onDrawError ?? (() => {});
  }

  /** Who is on screen, in order. A change of tiles or of who has video re-lays and redraws the canvas. */
  setTiles(tiles: readonly CompositorTile[]): void {
    const key = JSON.stringify(tiles.map((t) => [t.id, t.focus === true, t.hasVideo]));
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    const placed = computeLayout(this.canvas, tiles, this.layoutOptions);
    const hasVideo = new Map(tiles.map((t) => [t.id, t.hasVideo]));
    const next = new Map<string, TileState>();
    for (const { id, rect } of placed) {
      next.set(id, {
        id,
        rect,
        hasVideo: hasVideo.get(id) ?? false,
        frame: this.latest.get(id) ?? null,
        dirty: true,
        map: null,
      });
    }
    for (const id of this.latest.keys()) if (!next.has(id)) this.latest.delete(id);
    this.tiles = next;
    fillRect(this.canvas, { x: 0, y: 0, width: this.canvas.width, height: this.canvas.height }, BACKGROUND);
  }

  /** The newest frame of a tile's source; older undrawn frames are simply replaced. */
  updateFrame(id: string, frame: FrameSource): void {
    this.latest.set(id, frame);
    const tile = this.tiles.get(id);
    if (tile) {
      tile.frame = frame;
      // A placeholder tile does not change with frames (its video is muted or not laid out yet).
      if (tile.hasVideo) tile.dirty = true;
    }
  }

  /** Forgets a tile's frame (its track ended); it shows as a placeholder until a new frame comes. */
  clearFrame(id: string): void {
    this.latest.delete(id);
    const tile = this.tiles.get(id);
    if (tile) {
      tile.frame = null;
      tile.dirty = true;
    }
  }

  get tileIds(): string[] {
    return [...this.tiles.keys()];
  }

  /** Brings the canvas up to date and returns it (the same object every time: copy before keeping). */
  compose(): I420Image {
    for (const tile of this.tiles.values()) {
      if (!tile.dirty) continue;
      tile.dirty = false;
      if (tile.hasVideo && tile.frame) this.drawFrame(tile, tile.frame);
      else this.drawPlaceholder(tile);
    }
    return this.canvas;
  }

  private drawFrame(tile: TileState, frame: FrameSource) {
    try {
      const picture = frame.toI420();
      let map = tile.map;
      const source = map?.source;
      if (
        !map ||
        !source ||
        source.width !== picture.width ||
        source.height !== picture.height ||
        source.turns !== frame.turns
      ) {
        // New tile, or the source changed resolution or rotation: clear the bars of the old picture.
        fillRect(this.canvas, tile.rect, BACKGROUND);
        map = createScaleMap(picture, tile.rect, frame.turns);
        tile.map = map;
      }
      drawScaled(picture, map, this.canvas);
    } catch (error) {
      this.onDrawError(tile.id, error);
    }
  }

  private drawPlaceholder(tile: TileState) {
    tile.map = null;
    fillRect(this.canvas, tile.rect, BACKGROUND);
    const box = fitRect({ width: 16, height: 9 }, tile.rect);
    fillRect(this.canvas, box, PLACEHOLDER);
    fillDisc(this.canvas, box, PLACEHOLDER_MARK);
  }
}
