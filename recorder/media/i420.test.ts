import { describe, expect, it } from "vitest";
import {
  createI420,
  createScaleMap,
  drawScaled,
  fillRect,
  fitRect,
  type I420Image,
  i420ByteLength,
  nearestIndices,
} from "./i420";

/** A picture whose luma at (x, y) is x + 10·y and whose chroma planes are constant (u, v). */
function testPicture(width: number, height: number, u = 90, v = 160): I420Image {
  const picture = createI420(width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) picture.data[y * width + x] = x + 10 * y;
  const luma = width * height;
  const chroma = Math.ceil(width / 2) * Math.ceil(height / 2);
  picture.data.fill(u, luma, luma + chroma);
  picture.data.fill(v, luma + chroma);
  return picture;
}

const lumaAt = (image: I420Image, x: number, y: number) => image.data[y * image.width + x];

describe("nearest-neighbour index maps", () => {
  it("map each destination sample to the source sample under its centre", () => {
    expect([...nearestIndices(4, 8)]).toEqual([1, 3, 5, 7]); // 2× down
    expect([...nearestIndices(4, 2)]).toEqual([0, 0, 1, 1]); // 2× up
    expect([...nearestIndices(3, 3)]).toEqual([0, 1, 2]); // identity
    const odd = nearestIndices(7, 640);
    expect(Math.max(...odd)).toBeLessThan(640);
  });
});

describe("letterboxing", () => {
  it("keeps the picture's aspect ratio and centres it in its tile, on even pixels", () => {
    // 4:3 into a 16:9 box: bars left and right.
    expect(fitRect({ width: 640, height: 480 }, { x: 0, y: 0, width: 1280, height: 720 })).toEqual({
      x: 160,
      y: 0,
      width: 960,
      height: 720,
    });
    // 16:9 into a tall box: bars top and bottom.
    expect(fitRect({ width: 1280, height: 720 }, { x: 100, y: 50, width: 400, height: 600 })).toEqual({
      x: 100,
      y: 236,
      width: 400,
      height: 226,
    });
  });
});

describe("drawing a scaled picture", () => {
  it("copies 1:1 at the same size", () => {
    const canvas = createI420(8, 4);
    const picture = testPicture(8, 4);
    drawScaled(picture, createScaleMap(picture, { x: 0, y: 0, width: 8, height: 4 }), canvas);
    expect(canvas.data).toEqual(picture.data);
  });

  it("halves a picture into a tile, leaving the rest of the canvas alone", () => {
    const canvas = createI420(16, 8);
    const picture = testPicture(8, 4);
    drawScaled(picture, createScaleMap(picture, { x: 8, y: 4, width: 4, height: 2 }), canvas);
    // Canvas pixel (8 + i, 4 + j) shows source pixel (2i + 1, 2j + 1).
    expect(lumaAt(canvas, 8, 4)).toBe(1 + 10);
    expect(lumaAt(canvas, 11, 5)).toBe(7 + 30);
    expect(lumaAt(canvas, 7, 4)).toBe(16); // outside the tile: background
    const chromaU = canvas.width * canvas.height;
    expect(canvas.data[chromaU + 2 * 8 + 4]).toBe(90); // U at chroma (4, 2)
    expect(canvas.data[chromaU + 0]).toBe(128);
    expect(canvas.data.length).toBe(i420ByteLength(16, 8));
  });

  it("draws a picture rotated by a quarter turn upright", () => {
    const canvas = createI420(4, 4);
    // 4 wide, 2 high, rotation 90° clockwise: shown 2 wide, 4 high, letterboxed into the 4×4 canvas.
    const picture = testPicture(4, 2);
    const map = createScaleMap(picture, { x: 0, y: 0, width: 4, height: 4 }, 1);
    expect(map.target).toEqual({ x: 0, y: 0, width: 2, height: 4 });
    drawScaled(picture, map, canvas);
    // Turning clockwise puts the source's bottom-left corner at the top-left.
    expect(lumaAt(canvas, 0, 0)).toBe(0 + 10 * 1);
    expect(lumaAt(canvas, 1, 0)).toBe(0 + 10 * 0);
    expect(lumaAt(canvas, 0, 3)).toBe(3 + 10 * 1);
    expect(lumaAt(canvas, 1, 3)).toBe(3 + 10 * 0);
  });

  it("refuses a picture of another size than the map was made for", () => {
    const map = createScaleMap({ width: 8, height: 4 }, { x: 0, y: 0, width: 8, height: 4 });
    expect(() => drawScaled(testPicture(6, 4), map, createI420(8, 4))).toThrow(/map was made for 8x4/);
  });

  it("fills rectangles in all three planes", () => {
    const canvas = createI420(4, 4);
    fillRect(canvas, { x: 2, y: 2, width: 2, height: 2 }, { y: 200, u: 10, v: 20 });
    expect(lumaAt(canvas, 3, 3)).toBe(200);
    expect(lumaAt(canvas, 1, 1)).toBe(16);
    expect(canvas.data[16 + 3]).toBe(10);
    expect(canvas.data[16 + 4 + 3]).toBe(20);
  });
});
