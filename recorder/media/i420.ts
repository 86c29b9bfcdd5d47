// I420 (planar YUV 4:2:0) pictures and the nearest-neighbour scaler the compositor draws with.
//
// Why nearest neighbour in JavaScript: rtc-node has no scaler and the canvas is rebuilt many times a
// second, so each tile's scale is precomputed once as index maps (source column per canvas column,
// source row offset per canvas row) and drawing is one gather loop per row. Quality is that of a
// video call thumbnail, which is what a consultation recording needs; ffmpeg does the encoding.

import type { Rect } from "./grid-layout";

/** Planes stored one after another: Y (width × height), then U and V (each ceil(w/2) × ceil(h/2)). */
export type I420Image = { width: number; height: number; data: Uint8Array };

export type YuvColour = { y: number; u: number; v: number };

/** Near-black background of the canvas, and the grey of a participant without video. */
export const BACKGROUND: YuvColour = { y: 16, u: 128, v: 128 };
export const PLACEHOLDER: YuvColour = { y: 40, u: 128, v: 128 };
export const PLACEHOLDER_MARK: YuvColour = { y: 72, u: 128, v: 128 };

export function chromaSize(width: number, height: number) {
  return { width: Math.ceil(width / 2), height: Math.ceil(height / 2) };
}

export function i420ByteLength(width: number, height: number): number {
  const chroma = chromaSize(width, height);
  return width * height + 2 * chroma.width * chroma.height;
}

export function createI420(width: number, height: number, colour: YuvColour = BACKGROUND): I420Image {
  const image = { width, height, data: new Uint8Array(i420ByteLength(width, height)) };
  fillRect(image, { x: 0, y: 0, width, height }, colour);
  return image;
}

function planeOffsets(image: { width: number; height: number }) {
  const chroma = chromaSize(image.width, image.height);
  const u = image.width * image.height;
  return { u, v: u + chroma.width * chroma.height, chromaWidth: chroma.width };
}

/** Fills `rect` (even x, y, width, height) of an even-sized canvas with one colour. */
export function fillRect(canvas: I420Image, rect: Rect, colour: YuvColour): void {
  const { data, width } = canvas;
  const { u, v, chromaWidth } = planeOffsets(canvas);
  for (let row = rect.y; row < rect.y + rect.height; row++) {
    const start = row * width + rect.x;
    data.fill(colour.y, start, start + rect.width);
  }
  const cx = rect.x >> 1;
  const cw = rect.width >> 1;
  for (let row = rect.y >> 1; row < (rect.y + rect.height) >> 1; row++) {
    const start = row * chromaWidth + cx;
    data.fill(colour.u, u + start, u + start + cw);
    data.fill(colour.v, v + start, v + start + cw);
  }
}

/** Fills the even-aligned disc inscribed in `rect` (a simple "someone is here" mark). */
export function fillDisc(canvas: I420Image, rect: Rect, colour: YuvColour): void {
  const radius = Math.floor(Math.min(rect.width, rect.height) / 4 / 2) * 2;
  if (radius < 2) return;
  const cx = rect.x + Math.floor(rect.width / 4) * 2;
  const cy = rect.y + Math.floor(rect.height / 4) * 2;
  for (let dy = -radius; dy < radius; dy += 2) {
    const half = Math.floor(Math.sqrt(radius * radius - (dy + 1) * (dy + 1)) / 2) * 2;
    if (half > 0) fillRect(canvas, { x: cx - half, y: cy + dy, width: half * 2, height: 2 }, colour);
  }
}

/** The largest rectangle of the picture's aspect ratio centred in `box` (letterbox), even-aligned. */
export function fitRect(picture: { width: number; height: number }, box: Rect): Rect {
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  const width = Math.min(box.width, Math.max(2, Math.round((picture.width * scale) / 2) * 2));
  const height = Math.min(box.height, Math.max(2, Math.round((picture.height * scale) / 2) * 2));
  const x = box.x + Math.floor((box.width - width) / 4) * 2;
  const y = box.y + Math.floor((box.height - height) / 4) * 2;
  return { x, y, width, height };
}

/**
 * One plane's precomputed gather: the canvas pixel at column i, row j of the target reads the
 * source plane at `rowOffset[j] + columnIndex[i]`. Separable for every quarter turn, so rotated
 * pictures (phones send rotation as metadata) cost the same as upright ones.
 */
export type PlaneMap = {
  /** Top-left of the destination in the canvas plane, and its size. */
  x: number;
  y: number;
  width: number;
  height: number;
  columnIndex: Uint32Array;
  rowOffset: Uint32Array;
};

/** Clockwise quarter turns needed to show the picture upright (WebRTC's rotation 0, 90, 180, 270). */
export type QuarterTurns = 0 | 1 | 2 | 3;

export type ScaleMap = {
  source: { width: number; height: number; turns: QuarterTurns };
  /** Where the picture lands in the canvas (inside its tile, letterboxed). */
  target: Rect;
  luma: PlaneMap;
  chroma: PlaneMap;
};

/** Source index for each of `count` destination samples over `sourceCount` (sample centres). */
export function nearestIndices(count: number, sourceCount: number): Uint32Array {
  const indices = new Uint32Array(count);
  const step = sourceCount / count;
  for (let i = 0; i < count; i++) indices[i] = Math.min(sourceCount - 1, Math.floor((i + 0.5) * step));
  return indices;
}

function planeMap(target: Rect, width: number, height: number, turns: QuarterTurns): PlaneMap {
  // Upright size of the plane, and for each target column/row the upright column/row it shows.
  const sideways = turns % 2 === 1;
  const uprightX = nearestIndices(target.width, sideways ? height : width);
  const uprightY = nearestIndices(target.height, sideways ? width : height);
  const columnIndex = new Uint32Array(target.width);
  const rowOffset = new Uint32Array(target.height);
  const stride = width;
  for (let i = 0; i < target.width; i++) {
    const ux = uprightX[i] as number;
    // 0: source column ux; 90° clockwise: source row (h-1-ux); 180: column (w-1-ux); 270: row ux.
    columnIndex[i] =
      turns === 0 ? ux : turns === 1 ? (height - 1 - ux) * stride : turns === 2 ? width - 1 - ux : ux * stride;
  }
  for (let j = 0; j < target.height; j++) {
    const uy = uprightY[j] as number;
    rowOffset[j] =
      turns === 0 ? uy * stride : turns === 1 ? uy : turns === 2 ? (height - 1 - uy) * stride : width - 1 - uy;
  }
  return { ...target, columnIndex, rowOffset };
}

/** Precomputes how a `source`-sized picture is drawn upright and letterboxed into `box` of the canvas. */
export function createScaleMap(
  source: { width: number; height: number },
  box: Rect,
  turns: QuarterTurns = 0,
): ScaleMap {
  const sideways = turns % 2 === 1;
  const upright = sideways ? { width: source.height, height: source.width } : source;
  const target = fitRect(upright, box);
  const chroma = chromaSize(source.width, source.height);
  return {
    source: { width: source.width, height: source.height, turns },
    target,
    luma: planeMap(target, source.width, source.height, turns),
    chroma: planeMap(
      { x: target.x / 2, y: target.y / 2, width: target.width / 2, height: target.height / 2 },
      chroma.width,
      chroma.height,
      turns,
    ),
  };
}

function gather(
  source: Uint8Array,
  sourceStart: number,
  canvas: Uint8Array,
  canvasStart: number,
  canvasStride: number,
  map: PlaneMap,
) {
  const { columnIndex, rowOffset, width, height } = map;
  for (let j = 0; j < height; j++) {
    const from = sourceStart + (rowOffset[j] as number);
    let to = canvasStart + (map.y + j) * canvasStride + map.x;
    for (let i = 0; i < width; i++) canvas[to++] = source[from + (columnIndex[i] as number)] as number;
  }
}

/** Draws `picture` (which must have the map's source size) into the canvas. */
export function drawScaled(picture: I420Image, map: ScaleMap, canvas: I420Image): void {
  if (picture.width !== map.source.width || picture.height !== map.source.height) {
    throw new Error(
      `picture is ${picture.width}x${picture.height}, map was made for ${map.source.width}x${map.source.height}`,
    );
  }
  if (picture.data.length < i420ByteLength(picture.width, picture.height)) {
    throw new Error("picture data is shorter than an I420 frame of its size");
  }
  const src = planeOffsets(picture);
  const dst = planeOffsets(canvas);
  gather(picture.data, 0, canvas.data, 0, canvas.width, map.luma);
  gather(picture.data, src.u, canvas.data, dst.u, dst.chromaWidth, map.chroma);
  gather(picture.data, src.v, canvas.data, dst.v, dst.chromaWidth, map.chroma);
}
