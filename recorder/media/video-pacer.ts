// Feeds composed frames to ffmpeg's raw video pipe at exactly the declared frame rate.
//
// A raw pipe carries no timestamps: ffmpeg times frame n at n / fps. So the pacer writes exactly
// one frame per frame period of the wall clock: the freshly composed canvas when it is on time,
// and copies of the previous frame for periods it is late for (the picture freezes, nothing
// shifts). When ffmpeg does not keep up and the pipe's queue is full, the pacer writes nothing
// and owes those frames; it pays them back as copies of the last frame (no composing, no new
// memory: the same buffer is queued again) once the queue drains, so the count stays exact and
// audio stays in sync while memory stays bounded. Audio is never dropped for video.

export type FrameSink = {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  readonly writableLength: number;
};

type PooledFrame = { buffer: Uint8Array; pendingWrites: number };

export type VideoPacerStats = {
  framesWritten: number;
  /** Frames written as copies of the previous one (late ticks, paid-back debt). */
  framesRepeated: number;
  /** Frames due but not yet written because ffmpeg's pipe was full. */
  framesOwed: number;
  /** Periods in which the pipe was full (each starts a warning). */
  backpressureEpisodes: number;
};

export class VideoPacer {
  private written = 0;
  private repeated = 0;
  private episodes = 0;
  private inBackpressure = false;
  private last: PooledFrame | null = null;
  private pool: PooledFrame[] = [];

  constructor(
    private readonly sink: FrameSink,
    private readonly frameBytes: number,
    /** Queue limit in bytes of ffmpeg's video pipe before frames are owed instead of written. */
    private readonly maxQueuedBytes: number,
    private readonly onBackpressure: (owed: number) => void = () => {},
  ) {}

  stats(due = this.written): VideoPacerStats {
    return {
      framesWritten: this.written,
      framesRepeated: this.repeated,
      framesOwed: Math.max(0, due - this.written),
      backpressureEpisodes: this.episodes,
    };
  }

  /**
   * Brings the stream up to `frameCount` frames (the number the wall clock calls for). `compose`
   * returns the current canvas; it is only called when a fresh frame is written.
   */
  advanceTo(frameCount: number, compose: () => Uint8Array, { force = false } = {}): void {
    if (frameCount <= this.written) return;
    if (!force && this.sink.writableLength > this.maxQueuedBytes) {
      if (!this.inBackpressure) {
        this.inBackpressure = true;
        this.episodes++;
        this.onBackpressure(frameCount - this.written);
      }
      return;
    }
    // Periods already past are repeats of the frame before them; the current period gets a new frame.
    while (this.last && this.written < frameCount - 1) {
      if (!force && this.sink.writableLength > this.maxQueuedBytes) return;
      this.writeFrame(this.last);
      this.repeated++;
    }
    const fresh = this.acquire();
    fresh.buffer.set(compose());
    this.last = fresh;
    this.writeFrame(fresh);
    // With no previous frame (the very first tick came late), the first picture fills every period.
    while (this.written < frameCount) {
      this.writeFrame(fresh);
      this.repeated++;
    }
    this.inBackpressure = false;
  }

  private writeFrame(frame: PooledFrame) {
    frame.pendingWrites++;
    this.written++;
    this.sink.write(frame.buffer, () => {
      frame.pendingWrites--;
    });
  }

  /** A buffer no queued write still points at (a queued write reads the buffer later, so never reuse one early). */
  private acquire(): PooledFrame {
    const free = this.pool.find((frame) => frame.pendingWrites === 0 && frame !== this.last);
    if (free) return free;
    const frame = { buffer: new Uint8Array(this.frameBytes), pendingWrites: 0 };
    this.pool.push(frame);
    return frame;
  }
}
