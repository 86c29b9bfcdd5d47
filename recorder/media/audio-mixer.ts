// Mixes every participant's audio into one mono 48 kHz track on the recording's timeline.
//
// Each source's frames are placed where they arrived on the wall clock (sample index since the
// recording started), back to back while they keep coming at real-time pace, so audio stays in
// step with the video, which is composed from whatever frame is newest at each instant. The
// output is read a fixed latency behind real time (the caller's choice): frames that arrive a
// little late (network, a busy event loop) still land in time. A source that falls further
// behind than that (a gap, a long stall) restarts at its arrival time; one placed later than its
// arrival by more than `maxAhead` (its first frame came late, so everything after it would be
// late too) loses frames until it is back in step. Missing audio is silence; the sum is clamped
// to 16 bits.

export type AudioMixerOptions = {
  /** How much later than its arrival a source's audio may be placed before frames are dropped, in samples. */
  maxAheadSamples: number;
};

type Chunk = { start: number; samples: Int16Array };

type SourceState = {
  chunks: Chunk[];
  /** Timeline position right after the last queued sample; null until the first frame. */
  next: number | null;
  droppedSamples: number;
};

export class AudioMixer {
  private sources = new Map<string, SourceState>();
  /** Everything before this timeline position has been mixed and handed out. */
  private position = 0;

  constructor(private readonly options: AudioMixerOptions) {}

  get mixedUntil(): number {
    return this.position;
  }

  addSource(id: string): void {
    if (!this.sources.has(id)) this.sources.set(id, { chunks: [], next: null, droppedSamples: 0 });
  }

  /** Forgets a source; audio it queued but that was not mixed yet is dropped. */
  removeSource(id: string): void {
    this.sources.delete(id);
  }

  get sourceCount(): number {
    return this.sources.size;
  }

  /** Samples this source lost (ran ahead of real time, or arrived after its turn). */
  droppedSamples(id: string): number {
    return this.sources.get(id)?.droppedSamples ?? 0;
  }

  /** Samples queued for a source ahead of the mixing position. */
  bufferedSamples(id: string): number {
    const source = this.sources.get(id);
    return source?.next == null ? 0 : Math.max(0, source.next - this.position);
  }

  /**
   * Queues a frame of mono samples that finished arriving at timeline position `arrivedAt`
   * (a sample index). Unknown sources are added.
   */
  push(id: string, samples: Int16Array, arrivedAt: number): void {
    if (samples.length === 0) return;
    this.addSource(id);
    const source = this.sources.get(id) as SourceState;
    const ideal = arrivedAt - samples.length;
    if (source.next === null || source.next < this.position) {
      // First frame, or the source fell behind the mixing position (gap, long stall): start again
      // where the frame arrived, which leaves it the full latency of headroom.
      source.next = Math.max(ideal, this.position);
    } else if (source.next - ideal > this.options.maxAheadSamples) {
      // Placed too late for when it arrived (a late anchor, a fast sender clock): drop to catch up.
      source.droppedSamples += samples.length;
      return;
    }
    source.chunks.push({ start: source.next, samples });
    source.next += samples.length;
  }

  /** Mixes and hands out the timeline from the current position up to `end` (exclusive). */
  mixUntil(end: number): Int16Array {
    const length = Math.max(0, Math.floor(end) - this.position);
    const out = new Int16Array(length);
    if (length === 0) return out;
    const from = this.position;
    const to = from + length;
    const sum = new Int32Array(length);
    for (const source of this.sources.values()) {
      let keep = 0;
      for (const chunk of source.chunks) {
        const chunkEnd = chunk.start + chunk.samples.length;
        const a = Math.max(chunk.start, from);
        const b = Math.min(chunkEnd, to);
        const { samples } = chunk;
        for (let t = a; t < b; t++) sum[t - from] = (sum[t - from] as number) + (samples[t - chunk.start] as number);
        if (chunkEnd > to) source.chunks[keep++] = chunk;
      }
      source.chunks.length = keep;
    }
    for (let i = 0; i < length; i++) {
      const value = sum[i] as number;
      out[i] = Math.min(32767, Math.max(-32768, value));
    }
    this.position = to;
    return out;
  }
}
