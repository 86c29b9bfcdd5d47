import { describe, expect, it } from "vitest";
import { type FrameSink, VideoPacer } from "./video-pacer";

/** A pipe that holds writes until drain() and records what was written. */
function fakePipe() {
  const queued: { chunk: Uint8Array; done: () => void }[] = [];
  const written: number[] = [];
  const sink: FrameSink = {
    write(chunk, callback) {
      written.push(chunk[0] as number);
      queued.push({ chunk, done: () => callback() });
      return true;
    },
    get writableLength() {
      return queued.reduce((sum, q) => sum + q.chunk.length, 0);
    },
  };
  const drain = () => {
    for (const q of queued.splice(0)) q.done();
  };
  return { sink, written, drain };
}

describe("video pacer", () => {
  it("writes exactly one frame per frame period, repeating the previous frame for periods it was late for", () => {
    const pipe = fakePipe();
    const pacer = new VideoPacer(pipe.sink, 4, 1000);
    let canvas = 1;
    const compose = () => new Uint8Array(4).fill(canvas);
    pacer.advanceTo(1, compose);
    pipe.drain();
    canvas = 2;
    pacer.advanceTo(4, compose); // late by two periods: two repeats of frame 1, then the new picture
    expect(pipe.written).toEqual([1, 1, 1, 2]);
    expect(pacer.stats()).toMatchObject({ framesWritten: 4, framesRepeated: 2 });
    pacer.advanceTo(4, compose); // nothing due
    expect(pipe.written).toHaveLength(4);
  });

  it("owes frames while ffmpeg's pipe is full, then pays them back without composing, keeping the count", () => {
    const pipe = fakePipe();
    const pacer = new VideoPacer(pipe.sink, 4, 8); // at most 2 frames queued
    let composed = 0;
    const compose = () => new Uint8Array(4).fill(++composed);
    pacer.advanceTo(3, compose); // first picture fills three periods
    expect(pipe.written).toEqual([1, 1, 1]);
    pacer.advanceTo(10, compose); // pipe holds 12 bytes > 8: owe
    expect(pacer.stats(10)).toMatchObject({ framesWritten: 3, framesOwed: 7 });
    expect(composed).toBe(1);
    pipe.drain();
    pacer.advanceTo(10, compose); // pays back: repeats of frame 1 until the pipe fills again
    expect(pipe.written.length).toBeLessThan(10);
    expect(composed).toBe(1);
    pipe.drain();
    pacer.advanceTo(10, compose, { force: true }); // at the end every period is written regardless
    expect(pipe.written).toHaveLength(10);
    expect(pipe.written.at(-1)).toBe(2);
  });

  it("warns once per spell of backpressure", () => {
    const pipe = fakePipe();
    const owed: number[] = [];
    const pacer = new VideoPacer(pipe.sink, 4, 4, (n) => owed.push(n));
    const compose = () => new Uint8Array(4);
    pacer.advanceTo(2, compose);
    pacer.advanceTo(5, compose);
    pacer.advanceTo(6, compose);
    expect(owed).toEqual([3]);
    pipe.drain();
    pacer.advanceTo(6, compose, { force: true }); // caught up: the spell is over
    pacer.advanceTo(8, compose); // the pipe is full again: a new spell
    expect(owed).toEqual([3, 2]);
  });

  it("never reuses a buffer that a queued write still points at", () => {
    const pipe = fakePipe();
    const buffers: Uint8Array[] = [];
    const sink: FrameSink = {
      write: (chunk, callback) => {
        buffers.push(chunk);
        return pipe.sink.write(chunk, callback);
      },
      get writableLength() {
        return 0;
      },
    };
    const pacer = new VideoPacer(sink, 4, 1000);
    let n = 0;
    const compose = () => new Uint8Array(4).fill(++n);
    for (let i = 1; i <= 3; i++) pacer.advanceTo(i, compose);
    expect(new Set(buffers).size).toBe(3);
    expect(buffers.map((b) => b[0])).toEqual([1, 2, 3]); // each still holds what was written
    pipe.drain();
    pacer.advanceTo(4, compose);
    expect(new Set(buffers).size).toBe(3); // a drained buffer is reused
  });
});
