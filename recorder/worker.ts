import { hostname } from "node:os";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mintJoinToken } from "@/lib/livekit/mint-token";
import { logger } from "@/lib/logger";
import { randomBase62 } from "@/lib/random-id";
import { completeRecording } from "@/lib/server/recordings/complete-recording";
import { publishRecordingState } from "@/lib/server/recordings/publish-recording-state";
import { recordingStorage } from "@/lib/server/recordings/storage";
import { type RoomRecording, startRoomRecording } from "./media";

/**
 * The recorder worker: takes STARTING recordings from the database, records
 * each room with the media engine (./media), and holds a lease it renews every
 * few seconds. The app only ever writes states; the worker notices STOPPING
 * itself. If this process dies, the lease lapses and the app's watchdog keeps
 * what was written (PARTIAL) — see lib/server/recordings/recording-watchdog.ts.
 */
export const LEASE_MS = 10_000;
const HEARTBEAT_MS = 2_000;
const POLL_MS = 400;

type Job = {
  recordingId: string;
  roomName: string;
  media: RoomRecording | null;
  /** Set when the media engine failed (ffmpeg died, the room went away): what was written is kept as PARTIAL. */
  failure: unknown;
  stopping: boolean;
  finished: Promise<void> | null;
  lastHeartbeat: number;
};

export type RecorderWorker = { workerId: string; stop(): Promise<void> };

export function startRecorderWorker(options: { workerId?: string } = {}): RecorderWorker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBase62(6)}`;
  const log = logger().child({ workerId });
  const jobs = new Map<string, Job>();
  let closed = false;
  let ticking = false;

  const leaseUntil = () => new Date(now().getTime() + LEASE_MS);

  async function claimNext(): Promise<void> {
    const candidates = await db().recording.findMany({
      where: { state: "STARTING", workerId: null },
      orderBy: { startingAt: "asc" },
      take: 4,
      select: { id: true, consultation: { select: { roomName: true } } },
    });
    for (const candidate of candidates) {
      const storageKey = randomBase62(32);
      const { count } = await db().recording.updateMany({
        where: { id: candidate.id, state: "STARTING", workerId: null },
        data: { workerId, leaseExpiresAt: leaseUntil(), storageKey },
      });
      if (count === 0) continue; // another worker was quicker
      const job: Job = {
        recordingId: candidate.id,
        roomName: candidate.consultation.roomName,
        media: null,
        failure: null,
        stopping: false,
        finished: null,
        lastHeartbeat: Date.now(),
      };
      jobs.set(candidate.id, job);
      log.info({ recordingId: candidate.id }, "recorder: claimed a recording");
      void begin(job, storageKey);
    }
  }

  async function begin(job: Job, storageKey: string): Promise<void> {
    try {
      const credentials = await mintJoinToken({
        identity: `recorder-${job.recordingId}`,
        name: "Recorder",
        room: job.roomName,
        role: "RECORDER",
      });
      const outputPath = recordingStorage().workingPath(storageKey);
      job.media = await startRoomRecording({
        url: env().LIVEKIT_URL,
        token: credentials.token,
        outputPath,
        ffmpegPath: env().FFMPEG_PATH,
        logger: log,
      });
    } catch (error) {
      log.error({ err: error, recordingId: job.recordingId }, "recorder: could not start");
      job.finished = finish(job, "PARTIAL", "RECORDER_START_FAILED");
      return;
    }
    const media = job.media;
    media.mediaStarted.then(
      (at) => void markRecording(job, at),
      () => {},
    );
    media.ended.then(
      () => {},
      (error: unknown) => {
        job.failure = error;
        if (job.stopping || job.finished) return;
        log.error({ err: error, recordingId: job.recordingId }, "recorder: recording failed");
        job.finished = finish(job, "PARTIAL", "RECORDER_ERROR");
      },
    );
    // A stop may have come while we were connecting.
    if (job.stopping) job.finished ??= finish(job, "READY");
  }

  async function markRecording(job: Job, at: Date): Promise<void> {
    const { count } = await db().recording.updateMany({
      where: { id: job.recordingId, state: "STARTING", workerId },
      data: { state: "RECORDING", mediaStartedAt: at },
    });
    if (count === 0) return;
    await audit({
      actor: { type: "SYSTEM" },
      action: "recording.media_started",
      objectType: "Recording",
      objectId: job.recordingId,
    });
    await publishRecordingState(job.roomName, { id: job.recordingId, state: "RECORDING" });
    log.info({ recordingId: job.recordingId }, "recorder: media is being written");
  }

  /** Stops the media (keeping everything up to now), then stores the file. */
  async function finish(job: Job, outcome: "READY" | "PARTIAL", failureReason?: string): Promise<void> {
    job.stopping = true;
    let span: { startedAt: Date; endedAt: Date } | undefined;
    // stop() never throws: it says what was written; whether that is all of it, `ended` says.
    if (job.media) span = await job.media.stop();
    if (job.failure && outcome === "READY") {
      log.warn({ err: job.failure, recordingId: job.recordingId }, "recorder: the media engine had failed before stop");
      outcome = "PARTIAL";
      failureReason = "RECORDER_ERROR";
    }
    try {
      const { count } = await db().recording.updateMany({
        where: { id: job.recordingId, workerId, state: { in: ["STARTING", "RECORDING", "STOPPING"] } },
        data: { state: "PROCESSING", leaseExpiresAt: leaseUntil(), ...(span ? { mediaEndedAt: span.endedAt } : {}) },
      });
      if (count > 0) {
        await publishRecordingState(job.roomName, { id: job.recordingId, state: "PROCESSING" });
        const state = await completeRecording(job.recordingId, {
          holder: workerId,
          outcome,
          failureReason,
          mediaStartedAt: span?.startedAt,
          mediaEndedAt: span?.endedAt,
        });
        log.info({ recordingId: job.recordingId, state }, "recorder: recording finished");
      }
    } catch (error) {
      log.error({ err: error, recordingId: job.recordingId }, "recorder: could not store the recording");
    } finally {
      jobs.delete(job.recordingId);
    }
  }

  /** Renews leases, and notices recordings the app has asked to stop (or that were taken from us). */
  async function tendJobs(): Promise<void> {
    if (jobs.size === 0) return;
    const rows = await db().recording.findMany({
      where: { id: { in: [...jobs.keys()] } },
      select: { id: true, state: true, workerId: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const job of jobs.values()) {
      if (job.finished) continue;
      const row = byId.get(job.recordingId);
      if (!row || row.workerId !== workerId || !["STARTING", "RECORDING", "STOPPING"].includes(row.state)) {
        // The watchdog declared us dead (or the row is gone): let go without touching it.
        log.warn({ recordingId: job.recordingId }, "recorder: lost the lease; stopping without storing");
        job.stopping = true;
        job.finished = (job.media?.stop() ?? Promise.resolve()).then(
          () => void jobs.delete(job.recordingId),
          () => void jobs.delete(job.recordingId),
        );
        continue;
      }
      if (row.state === "STOPPING" && !job.stopping) {
        job.stopping = true;
        if (job.media) job.finished = finish(job, "READY");
        continue;
      }
      if (Date.now() - job.lastHeartbeat >= HEARTBEAT_MS) {
        job.lastHeartbeat = Date.now();
        await db().recording.updateMany({
          where: { id: job.recordingId, workerId },
          data: { leaseExpiresAt: leaseUntil() },
        });
      }
    }
  }

  const timer = setInterval(async () => {
    if (ticking || closed) return;
    ticking = true;
    try {
      await tendJobs();
      await claimNext();
    } catch (error) {
      log.error({ err: error }, "recorder: poll failed");
    } finally {
      ticking = false;
    }
  }, POLL_MS);

  log.info("recorder: waiting for recordings");
  return {
    workerId,
    async stop() {
      closed = true;
      clearInterval(timer);
      // A clean shutdown keeps what was recorded: each recording stops and is stored.
      await Promise.allSettled(
        [...jobs.values()].map((job) => {
          if (!job.finished) {
            void db()
              .recording.updateMany({
                where: { id: job.recordingId, workerId, state: { in: ["STARTING", "RECORDING"] } },
                data: { state: "STOPPING", stopReason: "RECORDER_SHUTDOWN", stopRequestedAt: now() },
              })
              .catch(() => {});
            job.finished = finish(job, "READY");
          }
          return job.finished;
        }),
      );
    },
  };
}
