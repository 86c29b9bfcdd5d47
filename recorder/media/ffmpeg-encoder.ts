// The ffmpeg child that encodes the recording: raw I420 video on its stdin (pipe:0), raw mono
// s16le 48 kHz audio on fd 3 (pipe:3), H.264 + AAC out into a FRAGMENTED MP4 (empty moov, a
// fragment per keyframe or per second), so a killed recorder or ffmpeg still leaves a file that
// finalise.ts can turn into a normal MP4.

import { type ChildProcess, spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { errorText, type RecorderLogger } from "./logger";

export type EncoderSettings = {
  outputPath: string;
  width: number;
  height: number;
  fps: number;
  /** x264 preset; veryfast by default (ultrafast halves the CPU at a larger file). */
  preset?: string;
  /** Cap of the video bit rate; default ~0.12 bit per pixel per frame (≈1.7 Mbit/s at 720p15). */
  videoMaxKbps?: number;
  audioKbps?: number;
};

export const AUDIO_SAMPLE_RATE = 48_000;
const STDERR_TAIL_LINES = 15;

export function defaultVideoMaxKbps(width: number, height: number, fps: number): number {
  return Math.max(300, Math.round((width * height * fps * 0.12) / 1000 / 50) * 50);
}

/** ffmpeg's command line for the live recording (no secrets, no names in it). */
export function encoderArgs(settings: EncoderSettings): string[] {
  const { width, height, fps } = settings;
  const maxKbps = settings.videoMaxKbps ?? defaultVideoMaxKbps(width, height, fps);
  return [
    "-hide_banner",
    "-nostdin",
    "-loglevel",
    "warning",
    // Machine-readable progress (frame=, out_time_us=, speed=) on stderr once a second.
    "-nostats",
    "-progress",
    "pipe:2",
    "-stats_period",
    "1",
    "-f",
    "rawvideo",
    "-pix_fmt",
    "yuv420p",
    "-s",
    `${width}x${height}`,
    "-framerate",
    String(fps),
    "-i",
    "pipe:0",
    "-f",
    "s16le",
    "-ar",
    String(AUDIO_SAMPLE_RATE),
    "-ac",
    "1",
    // Small packets (~21 ms): a deep queue lets audio wait while the encoder is busy with video.
    "-thread_queue_size",
    "1024",
    "-i",
    "pipe:3",
    "-map",
    "0:v:0",
    "-map",
    "1:a:0",
    "-c:v",
    "libx264",
    "-preset",
    settings.preset ?? "veryfast",
    "-tune",
    "zerolatency",
    "-crf",
    "23",
    "-maxrate",
    `${maxKbps}k`,
    "-bufsize",
    `${maxKbps * 2}k`,
    "-g",
    String(Math.round(fps * 2)),
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-b:a",
    `${settings.audioKbps ?? 64}k`,
    // A fragment at each keyframe and at least every second: a crash loses at most about a second.
    "-movflags",
    "+frag_keyframe+empty_moov+default_base_moof",
    "-frag_duration",
    "1000000",
    // Without this ffmpeg 5.1 keeps every fragment in memory until it exits (measured: the file
    // stayed at its 28-byte ftyp for the whole recording), and a crash would lose everything.
    "-flush_packets",
    "1",
    "-f",
    "mp4",
    "-y",
    settings.outputPath,
  ];
}

export type FfmpegProgress = {
  /** Video frames encoded so far. */
  frame: number;
  /** Media time written to the output so far. */
  outTimeSeconds: number;
  /** ffmpeg's own encoding speed (1 = real time); null until reported. */
  speed: number | null;
};

/** Applies one `-progress` line (key=value) to `progress`; false for any other line. */
export function applyProgressLine(line: string, progress: FfmpegProgress): boolean {
  // Every -progress line is `key=value` with a lower-case key; ffmpeg's log lines never are.
  const match = /^([a-z0-9_]+)=(.*)$/.exec(line.trim());
  if (!match) return false;
  const [, key, value = ""] = match;
  if (key === "frame") progress.frame = Number(value) || 0;
  // out_time_ms is in microseconds too (a historical misnomer in ffmpeg).
  else if (key === "out_time_us" || key === "out_time_ms") {
    const micros = Number(value);
    if (Number.isFinite(micros) && micros >= 0) progress.outTimeSeconds = micros / 1e6;
  } else if (key === "speed") {
    const speed = Number.parseFloat(value);
    progress.speed = Number.isFinite(speed) ? speed : null;
  }
  return true;
}

export type EncoderExit = { code: number | null; signal: NodeJS.Signals | null };

export class FfmpegEncoder {
  readonly progress: FfmpegProgress = { frame: 0, outTimeSeconds: 0, speed: null };
  readonly exited: Promise<EncoderExit>;
  private tail: string[] = [];
  private partial = "";
  private pipeErrorLogged = false;
  private exitInfo: EncoderExit | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly video: Writable,
    readonly audio: Writable,
    private readonly logger: RecorderLogger,
  ) {
    this.exited = new Promise((resolve) => {
      child.once("close", (code, signal) => {
        this.flushStderr();
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => this.onStderr(chunk));
    // Writes after ffmpeg died fail with EPIPE: the exit is reported through `exited`, not here.
    for (const pipe of [video, audio]) {
      pipe.on("error", (error) => {
        if (this.pipeErrorLogged) return;
        this.pipeErrorLogged = true;
        this.logger.warn({ pid: child.pid, err: errorText(error) }, "recorder: writing to ffmpeg failed");
      });
    }
  }

  /** Spawns ffmpeg; rejects if it cannot be started (not installed, not executable). */
  static async start(ffmpegPath: string, settings: EncoderSettings, logger: RecorderLogger): Promise<FfmpegEncoder> {
    const child = spawn(ffmpegPath, encoderArgs(settings), { stdio: ["pipe", "ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error) => reject(new Error(`could not start ffmpeg (${ffmpegPath}): ${error.message}`)));
    });
    const video = child.stdin;
    const audio = child.stdio[3];
    if (!video || !audio || !("write" in audio)) {
      child.kill("SIGKILL");
      throw new Error("ffmpeg was started without its input pipes");
    }
    return new FfmpegEncoder(child, video, audio as Writable, logger);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  /** The last lines ffmpeg printed that were not progress reports (warnings, errors). */
  stderrTail(): string {
    return this.tail.join("\n");
  }

  /**
   * Ends both inputs so ffmpeg writes its last fragment and exits; SIGKILL if it has not exited
   * after `timeoutMs`.
   */
  async close(timeoutMs: number): Promise<EncoderExit & { killed: boolean }> {
    if (!this.exitInfo) {
      this.video.end();
      this.audio.end();
    }
    let killed = false;
    const timer = setTimeout(() => {
      if (this.exitInfo) return;
      killed = true;
      this.logger.error(
        { pid: this.pid, timeoutMs },
        "recorder: ffmpeg did not exit after its inputs closed; killing it",
      );
      this.child.kill("SIGKILL");
    }, timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return { ...exit, killed };
  }

  /** Stops ffmpeg at once (the file keeps every fragment written so far). */
  kill(): void {
    if (!this.exitInfo) this.child.kill("SIGKILL");
  }

  private onStderr(chunk: string) {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.onLine(line);
  }

  private flushStderr() {
    if (this.partial) this.onLine(this.partial);
    this.partial = "";
  }

  private onLine(line: string) {
    if (!line.trim() || applyProgressLine(line, this.progress)) return;
    this.tail.push(line);
    if (this.tail.length > STDERR_TAIL_LINES) this.tail.shift();
  }
}
