import "server-only";

/**
 * What the app asks of whatever makes the recording file. The default is the
 * recorder worker (recorder/, a separate process): it takes STARTING
 * recordings from the database and notices STOPPING ones itself, holding a
 * lease it renews, so here both calls have nothing to send. A deployment with
 * LiveKit Egress implements this with EgressClient (start a room composite,
 * stop it) and the same states.
 */
export interface RecorderBackend {
  start(job: { recordingId: string; roomName: string }): Promise<void>;
  stop(job: { recordingId: string; roomName: string }): Promise<void>;
}

const workerQueue: RecorderBackend = {
  async start() {
    // The worker polls for STARTING recordings (recorder/worker.ts).
  },
  async stop() {
    // The worker polls its recordings for STOPPING.
  },
};

export function recorderBackend(): RecorderBackend {
  return workerQueue;
}
