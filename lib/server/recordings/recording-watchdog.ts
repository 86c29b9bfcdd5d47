import "server-only";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { LEASED_STATES } from "@/lib/recording/recording-state";
import { completeRecording } from "./complete-recording";
import { publishRecordingState } from "./publish-recording-state";

/** A STARTING recording no recorder has taken after this long fails (no recorder is running). */
export const CLAIM_TIMEOUT_MS = 20_000;
const WATCHDOG_HOLDER = `watchdog:${process.pid}`;

/**
 * Keeps recording states true when a recorder dies: a recording whose lease
 * has lapsed is taken over, its working file made playable and stored, and it
 * becomes PARTIAL (or FAILED when nothing was written). A recording that no
 * recorder took up fails with NO_RECORDER. Returns how many it settled.
 */
export async function settleLostRecordings(at: Date = now()): Promise<number> {
  let settled = 0;
  const unclaimed = await db().recording.findMany({
    where: { state: "STARTING", workerId: null, startingAt: { lt: new Date(at.getTime() - CLAIM_TIMEOUT_MS) } },
    select: { id: true, consultationId: true, consultation: { select: { roomName: true } } },
  });
  for (const recording of unclaimed) {
    const { count } = await db().recording.updateMany({
      where: { id: recording.id, state: "STARTING", workerId: null },
      data: { state: "FAILED", failureReason: "NO_RECORDER" },
    });
    if (count === 0) continue;
    settled++;
    logger().error(
      { recordingId: recording.id },
      "recording failed: no recorder took it up (is the recorder running?)",
    );
    await audit({
      actor: { type: "SYSTEM" },
      action: "recording.failed",
      objectType: "Recording",
      objectId: recording.id,
      detail: { consultationId: recording.consultationId, reason: "NO_RECORDER" },
    });
    await publishRecordingState(recording.consultation.roomName, { id: recording.id, state: "FAILED" });
  }

  const lapsed = await db().recording.findMany({
    where: { state: { in: [...LEASED_STATES] }, workerId: { not: null }, leaseExpiresAt: { lt: at } },
    select: { id: true, state: true, consultation: { select: { roomName: true } } },
  });
  for (const recording of lapsed) {
    // Take it over only if nobody renewed the lease meanwhile.
    const { count } = await db().recording.updateMany({
      where: { id: recording.id, state: recording.state, leaseExpiresAt: { lt: at } },
      data: {
        state: "PROCESSING",
        workerId: WATCHDOG_HOLDER,
        leaseExpiresAt: new Date(at.getTime() + 5 * 60_000),
        mediaEndedAt: at,
      },
    });
    if (count === 0) continue;
    settled++;
    logger().error({ recordingId: recording.id }, "recorder lost: keeping what it wrote");
    await publishRecordingState(recording.consultation.roomName, { id: recording.id, state: "PROCESSING" });
    await completeRecording(recording.id, {
      holder: WATCHDOG_HOLDER,
      outcome: "PARTIAL",
      failureReason: "RECORDER_LOST",
    });
  }
  return settled;
}

const globalForWatchdog = globalThis as unknown as { openConsultRecordingWatchdog?: NodeJS.Timeout };
export const WATCHDOG_INTERVAL_MS = 5_000;

/** Checks every few seconds in the app process (leases last 10 s, so a dead recorder is settled within ~20 s). */
export function startRecordingWatchdog(): void {
  if (globalForWatchdog.openConsultRecordingWatchdog) return;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await settleLostRecordings();
    } catch (error) {
      logger().error({ err: error }, "recording watchdog failed");
    } finally {
      running = false;
    }
  }, WATCHDOG_INTERVAL_MS);
  timer.unref();
  globalForWatchdog.openConsultRecordingWatchdog = timer;
}

export function stopRecordingWatchdog(): void {
  clearInterval(globalForWatchdog.openConsultRecordingWatchdog);
  globalForWatchdog.openConsultRecordingWatchdog = undefined;
}
