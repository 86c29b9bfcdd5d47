import { describe, expect, it } from "vitest";
import { chimeWav } from "./test-sound";

describe("speaker test sound", () => {
  it("is a valid mono 16-bit PCM WAV of about a second, not clipping", () => {
    const wav = chimeWav(8_000);
    const view = new DataView(wav.buffer);
    const text = (offset: number, length: number) => String.fromCharCode(...wav.slice(offset, offset + length));
    expect(text(0, 4)).toBe("RIFF");
    expect(text(8, 4)).toBe("WAVE");
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8_000);
    const samples = view.getUint32(40, true) / 2;
    expect(samples / 8_000).toBeGreaterThan(0.9);
    expect(wav.length).toBe(44 + samples * 2);
    let peak = 0;
    for (let i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(view.getInt16(44 + i * 2, true)));
    expect(peak).toBeGreaterThan(5_000);
    expect(peak).toBeLessThan(32_767);
  });
});
