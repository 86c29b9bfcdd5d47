import { describe, expect, it } from "vitest";
import { AudioMixer } from "./audio-mixer";

const frame = (length: number, value: number) => new Int16Array(length).fill(value);
const mixer = () => new AudioMixer({ maxAheadSamples: 50 });

describe("audio mixer", () => {
  it("places each frame where it arrived and sums the sources", () => {
    const m = mixer();
    m.push("a", frame(10, 100), 10); // arrived at 10: covers 0..9
    m.push("b", frame(10, 5), 20); // covers 10..19
    m.push("a", frame(10, 100), 20); // back to back with a's first frame: 10..19
    const out = m.mixUntil(20);
    expect([...out.slice(0, 10)]).toEqual(Array(10).fill(100));
    expect([...out.slice(10)]).toEqual(Array(10).fill(105));
    expect(m.mixedUntil).toBe(20);
  });

  it("clamps the sum to 16 bits instead of wrapping", () => {
    const m = mixer();
    m.push("a", frame(4, 30_000), 4);
    m.push("b", frame(4, 30_000), 4);
    m.push("c", frame(4, -30_000), 8);
    m.push("d", frame(4, -30_000), 8);
    expect([...m.mixUntil(8)]).toEqual([32767, 32767, 32767, 32767, -32768, -32768, -32768, -32768]);
  });

  it("keeps a late frame of a steady source in place: frames follow each other, not their arrival", () => {
    const m = mixer();
    m.push("a", frame(10, 1), 10);
    // Arrives 15 samples late (a busy event loop), still lands right after the first frame.
    m.push("a", frame(10, 2), 35);
    expect([...m.mixUntil(20)]).toEqual([...Array(10).fill(1), ...Array(10).fill(2)]);
  });

  it("writes silence where a source has nothing, and continues it across mixUntil calls", () => {
    const m = mixer();
    m.push("a", frame(10, 7), 30); // 20..29
    const first = m.mixUntil(25);
    expect([...first]).toEqual([...Array(20).fill(0), ...Array(5).fill(7)]);
    expect([...m.mixUntil(35)]).toEqual([...Array(5).fill(7), ...Array(5).fill(0)]);
  });

  it("restarts a source that fell behind the mixing position at its arrival time (after a mute)", () => {
    const m = mixer();
    m.push("a", frame(10, 1), 10);
    m.mixUntil(100); // the source said nothing from 10 to 100
    m.push("a", frame(10, 2), 130); // its next frame belongs at 120..129, not at 10
    const out = m.mixUntil(130);
    expect([...out.slice(0, 20)]).toEqual(Array(20).fill(0));
    expect([...out.slice(20)]).toEqual(Array(10).fill(2));
  });

  it("never writes into the past: a source starting behind the mix position starts at it", () => {
    const m = mixer();
    m.mixUntil(50);
    m.push("a", frame(10, 3), 55); // would be 45..54, but 45..49 is already out: shifted to 50..59
    expect([...m.mixUntil(60)]).toEqual(Array(10).fill(3));
  });

  it("drops frames of a source that runs further ahead of real time than allowed", () => {
    const m = mixer(); // 50 samples ahead at most
    for (let i = 0; i < 10; i++) m.push("a", frame(10, 1), 10); // ten frames at once, all arriving at 10
    // Frames 1..6 fit (up to 50 ahead of their arrival position); the rest are dropped.
    expect(m.droppedSamples("a")).toBe(40);
    expect(m.bufferedSamples("a")).toBe(60);
  });

  it("brings a source whose first frame came late back in step by dropping frames", () => {
    const m = new AudioMixer({ maxAheadSamples: 30 });
    // Frame k was spoken over [10k, 10k + 10) and arrives at 10k + 10; the first one came 60 late.
    m.push("a", frame(10, 1), 70);
    for (let k = 1; k < 20; k++) m.push("a", frame(10, 1), 10 * k + 10);
    // Placed 60 late at first: three frames go, then it stays 30 late (the allowance).
    expect(m.droppedSamples("a")).toBe(30);
    const out = m.mixUntil(200);
    expect(out.indexOf(1)).toBe(60);
    expect(out.lastIndexOf(1)).toBe(199);
  });

  it("lets go of a removed source's queued audio", () => {
    const m = mixer();
    m.push("a", frame(10, 9), 10);
    m.removeSource("a");
    expect([...m.mixUntil(10)]).toEqual(Array(10).fill(0));
    expect(m.sourceCount).toBe(0);
  });
});
