import "server-only";
import fs from "node:fs/promises";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { finaliseRecordingFile } from "@/recorder/media/finalise";
import { publishRecordingState } from "./publish-recording-state";
import { recordingStorage } from "./storage";

export type CompletedState = "READY" | "PARTIAL" | "FAILED";

/**
 * Turns the recorder's working file (fragmented MP4, whole or cut short by a
 * crash) into the stored, seekable file with its checksum, and records the
 * outcome: READY after a clean stop, PARTIAL when the recorder failed after
 * capturing something, FAILED when nothing playable was captured. The row
 * must already be PROCESSING and held by the caller (`holder`).
 */
export async function completeRecording(
  recordingId: string,
  input: {
    holder: string;
    outcome: "READY" | "PARTIAL";
    failureReason?: string;
    mediaStartedAt?: Date;
    mediaEndedAt?: Date;
    actor?: AuditActor;
  },
): Promise<CompletedState> {
  const actor = input.actor ?? { type: "SYSTEM" };
  const recording = await db().recording.findUniqueOrThrow({
    where: { id: recordingId },
    select: { storageKey: true, consultationId: true, consultation: { select: { roomName: true } } },
  });
  const storage = recordingStorage();
  let state: CompletedState = "FAILED";
  let facts: { durationSeconds: number; bytes: number; sha256: string } | null = null;
  if (recording.storageKey) {
    const working = storage.workingPath(recording.storageKey);
    const finished = `${working}.final.mp4`;
    try {
      facts = await finaliseRecordingFile(working, finished, {
        ffmpegPath: env().FFMPEG_PATH,
        ffprobePath: env().FFPROBE_PATH,
      });
      await storage.put(recording.storageKey, finished);
      await fs.rm(working, { force: true });
      state = input.outcome;
    } catch (error) {
      logger().warn({ err: error, recordingId }, "recording: nothing playable was captured");
      await fs.rm(finished, { force: true }).catch(() => {});
    }
  }
  const at = now();
  const { count } = await db().recording.updateMany({
    where: { id: recordingId, state: "PROCESSING", workerId: input.holder },
    data: {
      state,
      readyAt: state === "FAILED" ? null : at,
      failureReason: state === "READY" ? null : (input.failureReason ?? "NOTHING_CAPTURED"),
      sha256: facts?.sha256 ?? null,
      bytes: facts?.bytes ?? null,
      durationSeconds: facts?.durationSeconds ?? null,
      ...(input.mediaStartedAt ? { mediaStartedAt: input.mediaStartedAt } : {}),
      ...(input.mediaEndedAt ? { mediaEndedAt: input.mediaEndedAt } : {}),
      leaseExpiresAt: null,
    },
  });
  if (count === 0) return state;
  await audit({
    actor,
    action: state === "READY" ? "recording.ready" : state === "PARTIAL" ? "recording.partial" : "recording.failed",
    objectType: "Recording",
    objectId: recordingId,
    detail: {
      consultationId: recording.consultationId,
      reason: state === "READY" ? null : (input.failureReason ?? "NOTHING_CAPTURED"),
      seconds: facts ? Math.round(facts.durationSeconds) : null,
    },
  });
  await publishRecordingState(recording.consultation.roomName, { id: recordingId, state });
  return state;
}
