import { spawn } from "node:child_process";

// Reading recordings back in tests: decode with the real ffmpeg, then look for a known tone.

export const ANALYSIS_RATE = 48_000;

export function runFfmpeg(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("ffmpeg", ["-v", "error", "-nostdin", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg: ${err}`))));
  });
}

/** The file's first audio stream as 48 kHz mono samples. */
export async function decodeAudio(file: string): Promise<Int16Array> {
  const pcm = await runFfmpeg([
    "-i",
    file,
    "-map",
    "0:a:0",
    "-ac",
    "1",
    "-ar",
    String(ANALYSIS_RATE),
    "-f",
    "s16le",
    "-",
  ]);
  return new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 2));
}

/**
 * Share of the window's power that is a sine at `hz` (Goertzel): 1 for a pure tone, the tone's
 * share of the power for a mix, ~0 when absent.
 */
export function toneShare(samples: Int16Array, hz: number, fromSecond: number, seconds: number): number {
  const start = Math.max(0, Math.round(fromSecond * ANALYSIS_RATE));
  const window = samples.subarray(start, Math.min(samples.length, start + Math.round(seconds * ANALYSIS_RATE)));
  const n = window.length;
  if (n === 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / ANALYSIS_RATE);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const x of window) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2; // |X(hz)|²
  if (energy === 0) return 0;
  return (4 * power) / (n * n) / ((2 * energy) / n);
}

/** First time (s) from which the tone holds for 200 ms, scanning 50 ms steps. */
export function toneOnset(samples: Int16Array, hz: number): number | null {
  const duration = samples.length / ANALYSIS_RATE;
  for (let t = 0; t + 0.2 <= duration; t += 0.05) {
    if (toneShare(samples, hz, t, 0.2) > 0.2) return t;
  }
  return null;
}
