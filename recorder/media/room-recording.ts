// The recorder's media engine: joins a LiveKit room as a hidden subscriber, composes every camera
// and screen share into one grid picture, mixes every microphone, and streams both to ffmpeg,
// which writes a fragmented MP4 while the visit runs. No database, no app rules: the caller mints
// the token, decides when to stop, and finalises the file (finalise.ts).
//
// Timing (ffmpeg's raw pipes take their clock from the COUNT of frames and samples): one timer
// writes exactly fps frames and 48 000 samples per second of wall clock since the start. Video is
// the newest frame of every tile at each instant; audio is placed on the same clock by arrival
// time and read AUDIO_LATENCY_MS behind it (audio-mixer.ts), so late frames still land. stop()
// waits out that latency and writes both up to the instant it was called: the tail is kept.

import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import {
  AudioStream,
  DisconnectReason,
  ParticipantKind,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  TrackKind,
  type TrackPublication,
  TrackSource,
  VideoBufferType,
  type VideoFrame,
  VideoStream,
} from "@livekit/rtc-node";
import { AudioMixer } from "./audio-mixer";
import { Compositor, type CompositorTile, type FrameSource } from "./compositor";
import { AUDIO_SAMPLE_RATE, FfmpegEncoder, type FfmpegProgress } from "./ffmpeg-encoder";
import { hasMediaFragment } from "./fragmented-mp4";
import { i420ByteLength, type QuarterTurns } from "./i420";
import { errorText, type RecorderLogger, silentLogger } from "./logger";
import { VideoPacer } from "./video-pacer";

export type { RecorderLogger } from "./logger";

export type RoomRecordingOptions = {
  /** ws:// or wss:// LiveKit URL. */
  url: string;
  /** An already-minted recorder token (hidden, recorder, subscribe-only). */
  token: string;
  /** The fragmented MP4 is written here while recording (its folder is created if missing). */
  outputPath: string;
  /** Canvas size (even numbers) and frame rate; default 1280×720 at 15 fps. */
  width?: number;
  height?: number;
  fps?: number;
  logger?: RecorderLogger;
  /** Default "ffmpeg" (from PATH). */
  ffmpegPath?: string;
};

export type RecordingSpan = { startedAt: Date; endedAt: Date; bytes: number };

export interface RoomRecording {
  /**
   * Resolves once ffmpeg has written the first media fragment to the file (about a second after
   * the start), with the wall-clock instant the file's media begins (= the span's startedAt).
   * Rejects if the recording ends before any media reached the file.
   */
  readonly mediaStarted: Promise<Date>;
  /**
   * Settles when the recording ends for any reason: resolves after a clean stop(); rejects with a
   * RecordingFailedError if ffmpeg died or failed, or the room connection was lost. The file
   * written so far stays in place either way (finaliseRecordingFile turns it into a normal MP4).
   */
  readonly ended: Promise<RecordingSpan>;
  /**
   * Graceful stop: writes media up to the instant of the call (waiting out the audio latency),
   * closes ffmpeg's inputs, waits for it to exit (SIGKILL after 10 s), disconnects. Idempotent;
   * safe after a failure. Never rejects: whether the recording is complete is `ended`'s answer.
   */
  stop(): Promise<RecordingSpan>;
}

export type RecordingFailureCode = "FFMPEG_EXITED" | "FFMPEG_STOP_FAILED" | "ROOM_DISCONNECTED";

export class RecordingFailedError extends Error {
  constructor(
    readonly code: RecordingFailureCode,
    message: string,
    readonly span: RecordingSpan,
  ) {
    super(message);
    this.name = "RecordingFailedError";
  }
}

/** Live figures of a running recording, for tests, benchmarks and heartbeats. */
export type RoomRecordingStats = {
  elapsedSeconds: number;
  videoFramesWritten: number;
  videoFramesRepeated: number;
  videoFramesOwed: number;
  audioSecondsWritten: number;
  /** Time the event loop spent composing the picture (scaling new frames into their tiles). */
  composeSeconds: number;
  tiles: number;
  audioSources: number;
  ffmpeg: FfmpegProgress;
};

const DEFAULT_WIDTH = 1280;
const DEFAULT_HEIGHT = 720;
const DEFAULT_FPS = 15;
/** How far behind real time audio is read: frames arriving up to this late still land in place. */
export const AUDIO_LATENCY_MS = 200;
/**
 * A source whose audio is placed later than its arrival by more than this loses frames until it
 * is back in step. Normally it never is; after its first frame (the anchor) was delayed by a busy
 * event loop it is, and without this the whole rest of its audio would stay that late.
 */
const AUDIO_MAX_AHEAD_MS = 80;
const TICK_MS = 20;
const CONNECT_TIMEOUT_MS = 20_000;
const INITIAL_SUBSCRIPTIONS_TIMEOUT_MS = 5_000;
const DISCONNECT_TIMEOUT_MS = 5_000;
const FFMPEG_EXIT_TIMEOUT_MS = 10_000;
const MEDIA_POLL_MS = 250;
/** ffmpeg's video pipe may hold this many frames before new ones are owed rather than queued. */
const MAX_QUEUED_FRAMES = 4;
const SAMPLES_PER_MS = AUDIO_SAMPLE_RATE / 1000;
/** At most one "ffmpeg is not keeping up" warning this often (it counts the spells in between). */
const BACKPRESSURE_WARNING_EVERY_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startRoomRecording(options: RoomRecordingOptions): Promise<RoomRecording> {
  const recording = new RoomRecordingSession(options);
  await recording.start();
  return recording;
}

type VideoTrackState = {
  sid: string;
  identity: string;
  screen: boolean;
  publication: RemoteTrackPublication;
  cancel: () => void;
};

type AudioTrackState = { sid: string; identity: string; cancel: () => void };

type FinishCause =
  | { kind: "stop" }
  | { kind: "ffmpeg-exited"; code: number | null; signal: NodeJS.Signals | null }
  | { kind: "room-disconnected"; reason: DisconnectReason };

/**
 * The running recording. Exported (not through index.ts) for tests and benchmarks, which need
 * ffmpegPid (to kill ffmpeg on purpose) and stats().
 */
export class RoomRecordingSession implements RoomRecording {
  readonly mediaStarted: Promise<Date>;
  readonly ended: Promise<RecordingSpan>;

  private readonly width: number;
  private readonly height: number;
  private readonly fps: number;
  private readonly logger: RecorderLogger;
  private readonly room = new Room();
  private readonly compositor: Compositor;
  private readonly mixer = new AudioMixer({ maxAheadSamples: AUDIO_MAX_AHEAD_MS * SAMPLES_PER_MS });
  private encoder: FfmpegEncoder | null = null;
  private pacer: VideoPacer | null = null;
  private state: "starting" | "recording" | "finishing" | "ended" = "starting";
  private t0 = 0;
  private startedAt = new Date(0);
  private audioSamplesWritten = 0;
  private composeMs = 0;
  private tickTimer: NodeJS.Timeout | null = null;
  private mediaPollTimer: NodeJS.Timeout | null = null;
  private mediaSeen = false;
  private finishing: Promise<RecordingSpan> | null = null;
  private readonly videoTracks = new Map<string, VideoTrackState>();
  private readonly audioTracks = new Map<string, AudioTrackState>();
  private resolveMediaStarted: (at: Date) => void = () => {};
  private rejectMediaStarted: (error: Error) => void = () => {};
  private resolveEnded: (span: RecordingSpan) => void = () => {};
  private rejectEnded: (error: Error) => void = () => {};

  constructor(private readonly options: RoomRecordingOptions) {
    this.width = options.width ?? DEFAULT_WIDTH;
    this.height = options.height ?? DEFAULT_HEIGHT;
    this.fps = options.fps ?? DEFAULT_FPS;
    if (!Number.isInteger(this.width) || !Number.isInteger(this.height) || this.width % 2 || this.height % 2) {
      throw new Error(`recording size must be even whole numbers, got ${this.width}x${this.height}`);
    }
    if (this.width < 64 || this.height < 64 || this.width > 3840 || this.height > 2160) {
      throw new Error(`recording size ${this.width}x${this.height} is outside 64x64…3840x2160`);
    }
    if (!Number.isInteger(this.fps) || this.fps < 1 || this.fps > 60) {
      throw new Error(`recording frame rate must be a whole number from 1 to 60, got ${this.fps}`);
    }
    this.logger = options.logger ?? silentLogger;
    this.compositor = new Compositor(this.width, this.height, {}, (tileId, error) =>
      this.logger.warn({ tile: tileId.split(":")[0], err: errorText(error) }, "recorder: could not draw a frame"),
    );
    this.mediaStarted = new Promise((resolve, reject) => {
      this.resolveMediaStarted = resolve;
      this.rejectMediaStarted = reject;
    });
    this.ended = new Promise((resolve, reject) => {
      this.resolveEnded = resolve;
      this.rejectEnded = reject;
    });
    // The caller may only ever await one of them; an unobserved rejection must not crash the process.
    this.mediaStarted.catch(() => {});
    this.ended.catch(() => {});
  }

  /** ffmpeg's process id (tests kill it to simulate a crash; benchmarks read its CPU). */
  get ffmpegPid(): number | undefined {
    return this.encoder?.pid;
  }

  stats(): RoomRecordingStats {
    const elapsedMs = this.state === "starting" ? 0 : performance.now() - this.t0;
    const due = Math.floor((elapsedMs * this.fps) / 1000);
    const video = this.pacer?.stats(due);
    return {
      elapsedSeconds: elapsedMs / 1000,
      videoFramesWritten: video?.framesWritten ?? 0,
      videoFramesRepeated: video?.framesRepeated ?? 0,
      videoFramesOwed: this.state === "recording" ? (video?.framesOwed ?? 0) : 0,
      audioSecondsWritten: this.audioSamplesWritten / AUDIO_SAMPLE_RATE,
      composeSeconds: this.composeMs / 1000,
      tiles: this.compositor.tileIds.length,
      audioSources: this.mixer.sourceCount,
      ffmpeg: { ...(this.encoder?.progress ?? { frame: 0, outTimeSeconds: 0, speed: null }) },
    };
  }

  async start(): Promise<void> {
    this.listenToRoom();
    try {
      await withTimeout(
        this.room.connect(this.options.url, this.options.token, { autoSubscribe: true, dynacast: false }),
        CONNECT_TIMEOUT_MS,
        "connecting to the LiveKit room",
      );
      await this.waitForInitialSubscriptions();
      await mkdir(path.dirname(this.options.outputPath), { recursive: true });
      // ffmpeg only truncates the file once its inputs are probed: an old file there would look
      // like media already being written.
      await rm(this.options.outputPath, { force: true });
      this.encoder = await FfmpegEncoder.start(
        this.options.ffmpegPath ?? "ffmpeg",
        { outputPath: this.options.outputPath, width: this.width, height: this.height, fps: this.fps },
        this.logger,
      );
    } catch (error) {
      this.state = "ended";
      this.cancelReaders();
      await this.disconnectRoom();
      const failure = error instanceof Error ? error : new Error(String(error));
      this.rejectMediaStarted(failure);
      this.rejectEnded(failure);
      throw failure;
    }

    const encoder = this.encoder;
    const frameBytes = i420ByteLength(this.width, this.height);
    let lastWarning = Number.NEGATIVE_INFINITY;
    let spells = 0;
    this.pacer = new VideoPacer(encoder.video, frameBytes, MAX_QUEUED_FRAMES * frameBytes, (owed) => {
      spells++;
      if (performance.now() - lastWarning < BACKPRESSURE_WARNING_EVERY_MS) return;
      lastWarning = performance.now();
      this.logger.warn(
        { owed, spells, pid: encoder.pid },
        "recorder: ffmpeg is not keeping up; repeating frames to hold sync",
      );
      spells = 0;
    });
    this.t0 = performance.now();
    this.startedAt = new Date();
    this.state = "recording";
    this.logger.info(
      { width: this.width, height: this.height, fps: this.fps, pid: encoder.pid },
      "recorder: recording started",
    );

    void encoder.exited.then(({ code, signal }) => {
      if (this.state === "recording") void this.finish({ kind: "ffmpeg-exited", code, signal });
    });
    // Participants and tracks that were there before our listeners could see them join.
    for (const participant of this.room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        const remote = publication as RemoteTrackPublication;
        if (remote.track) this.addTrack(remote.track as RemoteTrack, remote, participant);
      }
    }
    this.relayout();
    if (!this.room.isConnected) {
      void this.finish({ kind: "room-disconnected", reason: DisconnectReason.UNKNOWN_REASON });
      return;
    }
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
    this.mediaPollTimer = setInterval(() => void this.checkMediaWritten(), MEDIA_POLL_MS);
  }

  stop(): Promise<RecordingSpan> {
    return this.finish({ kind: "stop" });
  }

  /**
   * The file starts once the tracks already published are subscribed (bounded), so that the
   * first seconds have everyone in them rather than whoever LiveKit happened to deliver first.
   */
  private async waitForInitialSubscriptions() {
    const deadline = performance.now() + INITIAL_SUBSCRIPTIONS_TIMEOUT_MS;
    const pending = () => {
      let count = 0;
      for (const participant of this.room.remoteParticipants.values()) {
        if (!isRecorded(participant)) continue;
        for (const publication of participant.trackPublications.values()) if (!publication.track) count++;
      }
      return count;
    };
    while (pending() > 0 && performance.now() < deadline) await sleep(50);
    const left = pending();
    if (left > 0) this.logger.warn({ tracks: left }, "recorder: starting before every track was subscribed");
  }

  // ------------------------------------------------------------------------------ the room ---

  private listenToRoom() {
    const room = this.room;
    // rtc-node adds a listener to the Room for every subscribed track: a visit with more than five
    // people would otherwise print Node's "possible memory leak" warning.
    room.setMaxListeners(0);
    room.on(RoomEvent.TrackSubscribed, (track, publication, participant) => {
      this.addTrack(track, publication, participant);
      this.relayout();
    });
    room.on(RoomEvent.TrackUnsubscribed, (_track, publication) => {
      if (publication.sid) this.removeTrack(publication.sid);
      this.relayout();
    });
    room.on(RoomEvent.ParticipantConnected, (participant) => {
      this.logger.info({ participantSid: participant.sid }, "recorder: participant joined");
      this.relayout();
    });
    room.on(RoomEvent.ParticipantDisconnected, (participant) => {
      this.logger.info({ participantSid: participant.sid }, "recorder: participant left");
      for (const [sid, track] of [...this.videoTracks, ...this.audioTracks]) {
        if (track.identity === participant.identity) this.removeTrack(sid);
      }
      this.relayout();
    });
    const onMuteChange = (publication: TrackPublication) => {
      if (publication.kind === TrackKind.KIND_VIDEO) this.relayout();
    };
    room.on(RoomEvent.TrackMuted, onMuteChange);
    room.on(RoomEvent.TrackUnmuted, onMuteChange);
    room.on(RoomEvent.Reconnecting, () => this.logger.warn({}, "recorder: connection to LiveKit lost; reconnecting"));
    room.on(RoomEvent.Reconnected, () => this.logger.info({}, "recorder: reconnected to LiveKit"));
    room.on(RoomEvent.Disconnected, (reason) => {
      if (this.state === "recording") void this.finish({ kind: "room-disconnected", reason });
    });
  }

  private addTrack(track: RemoteTrack, publication: RemoteTrackPublication, participant: RemoteParticipant) {
    const sid = publication.sid ?? track.sid;
    if (!sid || this.videoTracks.has(sid) || this.audioTracks.has(sid)) return;
    if (this.state === "finishing" || this.state === "ended") return;
    if (!isRecorded(participant)) return;
    const identity = participant.identity;
    this.logger.info(
      { trackSid: sid, participantSid: participant.sid, kind: track.kind, source: publication.source },
      "recorder: track subscribed",
    );
    if (track.kind === TrackKind.KIND_VIDEO) {
      const screen = publication.source === TrackSource.SOURCE_SCREENSHARE;
      const reader = new VideoStream(track).getReader();
      this.videoTracks.set(sid, {
        sid,
        identity,
        screen,
        publication,
        cancel: () => void reader.cancel().catch(() => {}),
      });
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            const tileId = this.tileOfVideoTrack(sid);
            if (tileId) this.compositor.updateFrame(tileId, frameSource(value.frame, value.rotation));
          }
        } catch (error) {
          if (this.state === "recording")
            this.logger.warn({ trackSid: sid, err: errorText(error) }, "recorder: video stream failed");
        }
      })();
    } else if (track.kind === TrackKind.KIND_AUDIO) {
      const reader = new AudioStream(track, { sampleRate: AUDIO_SAMPLE_RATE, numChannels: 1 }).getReader();
      this.audioTracks.set(sid, { sid, identity, cancel: () => void reader.cancel().catch(() => {}) });
      this.mixer.addSource(sid);
      let warned = false;
      void (async () => {
        try {
          for (;;) {
            const { done, value: frame } = await reader.read();
            if (done) return;
            // Only frames from the start of the recording; none after the mixer let go of the source.
            if (this.state === "starting" || !this.audioTracks.has(sid)) continue;
            if (frame.sampleRate !== AUDIO_SAMPLE_RATE) {
              if (!warned)
                this.logger.warn(
                  { trackSid: sid, sampleRate: frame.sampleRate },
                  "recorder: unexpected sample rate; audio skipped",
                );
              warned = true;
              continue;
            }
            const mono =
              frame.channels === 1 ? frame.data : downmix(frame.data, frame.channels, frame.samplesPerChannel);
            this.mixer.push(sid, mono, this.samplesAt(performance.now()));
          }
        } catch (error) {
          if (this.state === "recording")
            this.logger.warn({ trackSid: sid, err: errorText(error) }, "recorder: audio stream failed");
        }
      })();
    }
  }

  private removeTrack(sid: string) {
    const video = this.videoTracks.get(sid);
    if (video) {
      this.videoTracks.delete(sid);
      video.cancel();
      this.logger.info({ trackSid: sid }, "recorder: video track ended");
    }
    const audio = this.audioTracks.get(sid);
    if (audio) {
      this.audioTracks.delete(sid);
      audio.cancel();
      this.mixer.removeSource(sid);
      this.logger.info({ trackSid: sid }, "recorder: audio track ended");
    }
  }

  private cancelReaders() {
    for (const sid of [...this.videoTracks.keys(), ...this.audioTracks.keys()]) this.removeTrack(sid);
  }

  /** The tile a video track draws into: its screen-share tile, or its participant's camera tile (first camera wins). */
  private tileOfVideoTrack(sid: string): string | null {
    const track = this.videoTracks.get(sid);
    if (!track) return null;
    if (track.screen) return `screen:${sid}`;
    return this.cameraOf(track.identity)?.sid === sid ? `camera:${track.identity}` : null;
  }

  private cameraOf(identity: string): VideoTrackState | undefined {
    for (const track of this.videoTracks.values()) if (track.identity === identity && !track.screen) return track;
    return undefined;
  }

  /**
   * Tiles follow who is in the room: a tile per participant (their camera, or a grey placeholder
   * when they have no camera or it is muted), plus one per screen share; the first share takes focus.
   */
  private relayout() {
    if (this.state === "ended") return;
    const tiles: CompositorTile[] = [];
    for (const participant of this.room.remoteParticipants.values()) {
      if (!isRecorded(participant)) continue;
      const camera = this.cameraOf(participant.identity);
      tiles.push({ id: `camera:${participant.identity}`, hasVideo: Boolean(camera && !camera.publication.muted) });
    }
    for (const track of this.videoTracks.values()) {
      if (track.screen) tiles.push({ id: `screen:${track.sid}`, focus: true, hasVideo: !track.publication.muted });
    }
    const before = this.compositor.tileIds.length;
    this.compositor.setTiles(tiles);
    if (tiles.length !== before) this.logger.info({ tiles: tiles.length }, "recorder: layout changed");
  }

  // ---------------------------------------------------------------------------- the clock ---

  private samplesAt(now: number): number {
    return Math.floor((now - this.t0) * SAMPLES_PER_MS);
  }

  private tick() {
    if (this.state !== "recording") return;
    const elapsedMs = performance.now() - this.t0;
    this.writeVideo(Math.floor((elapsedMs * this.fps) / 1000));
    // Audio is mixed after the event loop's poll phase: if the loop was blocked, the audio frames
    // the FFI queued meanwhile are delivered (at their contiguous places) before the mix moves on.
    setImmediate(() => {
      if (this.state === "recording") this.writeAudio(this.samplesAt(performance.now() - AUDIO_LATENCY_MS));
    });
  }

  private writeVideo(frameCount: number, force = false) {
    if (!this.pacer || this.encoder?.hasExited) return;
    this.pacer.advanceTo(
      frameCount,
      () => {
        const began = performance.now();
        const canvas = this.compositor.compose().data;
        this.composeMs += performance.now() - began;
        return canvas;
      },
      { force },
    );
  }

  private writeAudio(endSample: number) {
    if (!this.encoder || this.encoder.hasExited || endSample <= this.mixer.mixedUntil) return;
    const pcm = this.mixer.mixUntil(endSample);
    this.audioSamplesWritten += pcm.length;
    this.encoder.audio.write(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  }

  private async checkMediaWritten() {
    if (this.mediaSeen) return;
    if (await hasMediaFragment(this.options.outputPath)) this.markMediaWritten();
  }

  private markMediaWritten() {
    if (this.mediaSeen) return;
    this.mediaSeen = true;
    if (this.mediaPollTimer) clearInterval(this.mediaPollTimer);
    this.logger.info({ pid: this.encoder?.pid }, "recorder: media is being written");
    this.resolveMediaStarted(this.startedAt);
  }

  // -------------------------------------------------------------------------- the ending ---

  private finish(cause: FinishCause): Promise<RecordingSpan> {
    this.finishing ??= this.runFinish(cause);
    return this.finishing;
  }

  private async runFinish(cause: FinishCause): Promise<RecordingSpan> {
    const endMs = performance.now() - this.t0;
    const endedAt = new Date(this.startedAt.getTime() + endMs);
    this.state = "finishing";
    if (this.tickTimer) clearInterval(this.tickTimer);
    const encoder = this.encoder as FfmpegEncoder;

    if (cause.kind !== "ffmpeg-exited") {
      // Every frame period up to the end, including any owed to a slow ffmpeg.
      this.writeVideo(Math.floor((endMs * this.fps) / 1000), true);
      if (cause.kind === "stop") {
        // Audio that was spoken before the stop is still on its way for up to the latency.
        const endSample = Math.floor(endMs * SAMPLES_PER_MS);
        while (performance.now() - this.t0 - AUDIO_LATENCY_MS < endMs && !encoder.hasExited) {
          await sleep(TICK_MS);
          await new Promise((resolve) => setImmediate(resolve)); // as in tick()
          this.writeAudio(Math.min(endSample, this.samplesAt(performance.now() - AUDIO_LATENCY_MS)));
        }
        this.writeAudio(endSample);
      } else {
        this.writeAudio(Math.floor(endMs * SAMPLES_PER_MS));
      }
    }

    this.cancelReaders();
    await this.disconnectRoom();
    const exit = await encoder.close(FFMPEG_EXIT_TIMEOUT_MS);
    if (this.mediaPollTimer) clearInterval(this.mediaPollTimer);
    if (!this.mediaSeen && (await hasMediaFragment(this.options.outputPath))) this.markMediaWritten();
    if (!this.mediaSeen) this.rejectMediaStarted(new Error("the recording ended before any media was written"));

    const span: RecordingSpan = { startedAt: this.startedAt, endedAt, bytes: await fileSize(this.options.outputPath) };
    this.state = "ended";
    const failure = this.failureOf(cause, exit, span, encoder);
    const logged = { pid: encoder.pid, seconds: Math.round(endMs / 100) / 10, bytes: span.bytes, ...this.stats() };
    if (failure) {
      this.logger.error({ ...logged, code: failure.code, err: failure.message }, "recorder: recording failed");
      this.rejectEnded(failure);
    } else {
      this.logger.info(logged, "recorder: recording stopped");
      this.resolveEnded(span);
    }
    return span;
  }

  private failureOf(
    cause: FinishCause,
    exit: { code: number | null; signal: NodeJS.Signals | null; killed: boolean },
    span: RecordingSpan,
    encoder: FfmpegEncoder,
  ): RecordingFailedError | null {
    const how = (e: { code: number | null; signal: NodeJS.Signals | null }) =>
      e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
    const tail = encoder.stderrTail();
    const detail = tail ? `: ${tail.split("\n").slice(-3).join(" | ")}` : "";
    if (cause.kind === "ffmpeg-exited") {
      return new RecordingFailedError(
        "FFMPEG_EXITED",
        `ffmpeg exited during the recording (${how(cause)})${detail}`,
        span,
      );
    }
    if (cause.kind === "room-disconnected") {
      return new RecordingFailedError(
        "ROOM_DISCONNECTED",
        `the connection to the LiveKit room was lost (${DisconnectReason[cause.reason] ?? cause.reason})`,
        span,
      );
    }
    if (exit.killed) {
      return new RecordingFailedError("FFMPEG_STOP_FAILED", "ffmpeg did not finish in time and was killed", span);
    }
    if (exit.code !== 0) {
      return new RecordingFailedError("FFMPEG_EXITED", `ffmpeg failed while stopping (${how(exit)})${detail}`, span);
    }
    return null;
  }

  private async disconnectRoom() {
    try {
      await withTimeout(this.room.disconnect(), DISCONNECT_TIMEOUT_MS, "leaving the LiveKit room");
    } catch (error) {
      this.logger.warn({ err: errorText(error) }, "recorder: leaving the room failed");
    }
  }
}

/** Everyone in the room except other recorders (egress); hidden participants are never listed. */
function isRecorded(participant: RemoteParticipant): boolean {
  return participant.kind !== ParticipantKind.EGRESS;
}

function frameSource(frame: VideoFrame, rotation: number): FrameSource {
  let converted: { width: number; height: number; data: Uint8Array } | null = null;
  return {
    turns: (rotation & 3) as QuarterTurns,
    toI420: () => {
      converted ??= frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
      return converted;
    },
  };
}

function downmix(data: Int16Array, channels: number, samplesPerChannel: number): Int16Array {
  const mono = new Int16Array(samplesPerChannel);
  for (let i = 0; i < samplesPerChannel; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += data[i * channels + c] as number;
    mono[i] = Math.round(sum / channels);
  }
  return mono;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
