import "server-only";
import { createHash } from "node:crypto";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { randomBase62 } from "@/lib/random-id";
import { isPlayable, type RecordingState } from "@/lib/recording/recording-state";
import type { RequestMeta } from "@/lib/request-meta";
import { watchableBy } from "./recording-scope";
import { recordingStorage } from "./storage";

/** A playback grant lasts as long as someone might keep a player open. */
const PLAYBACK_TTL_MS = 4 * 3_600_000;

export type PlaybackKind = "VIEW" | "DOWNLOAD";

async function sha256Of(key: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of recordingStorage().read(key)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * One playback (or download) of a recording: checks the caller may watch it,
 * that it still exists, and that the file is the one that was stored (its
 * SHA-256); then grants a playback id for the media route and writes the one
 * audit event of this playback. Range requests that follow are not audited.
 */
export async function startPlayback(staff: Staff, recordingId: string, kind: PlaybackKind, request: RequestMeta) {
  const recording = await db().recording.findFirst({
    where: { AND: [{ id: recordingId }, watchableBy(staff)] },
    select: { id: true, state: true, storageKey: true, sha256: true, deletedAt: true, consultationId: true },
  });
  if (!recording) throw new AppError("NOT_FOUND");
  if (recording.deletedAt) throw new AppError("RECORDING_DELETED");
  if (!isPlayable(recording.state as RecordingState) || !recording.storageKey || !recording.sha256) {
    throw new AppError("NOT_FOUND", "This recording has no video to play.");
  }
  const actual = await sha256Of(recording.storageKey).catch(() => null);
  if (actual !== recording.sha256) {
    logger().error({ recordingId }, "recording failed its integrity check; not served");
    await audit({
      actor: { type: "USER", id: staff.id },
      action: "recording.integrity_failed",
      objectType: "Recording",
      objectId: recordingId,
      detail: { consultationId: recording.consultationId, missing: actual === null },
      request,
    });
    throw new AppError("RECORDING_INTEGRITY");
  }
  const id = randomBase62(32);
  const at = now();
  await db().$transaction(async (tx) => {
    await tx.recordingPlayback.create({
      data: {
        id,
        recordingId,
        userId: staff.id,
        kind,
        createdAt: at,
        expiresAt: new Date(at.getTime() + PLAYBACK_TTL_MS),
      },
    });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: kind === "VIEW" ? "recording.view" : "recording.download",
        objectType: "Recording",
        objectId: recordingId,
        detail: { consultationId: recording.consultationId },
        request,
      },
      tx,
    );
  });
  return { playbackId: id };
}

/**
 * For each media request: the playback must be this person's, for this
 * recording, unexpired, and they must still be allowed to watch it.
 */
export async function resolvePlayback(staff: Staff, recordingId: string, playbackId: string) {
  const playback = await db().recordingPlayback.findFirst({
    where: { id: playbackId, recordingId, userId: staff.id, expiresAt: { gt: now() } },
    select: { kind: true },
  });
  const recording = await db().recording.findFirst({
    where: { AND: [{ id: recordingId }, watchableBy(staff)] },
    select: { storageKey: true, deletedAt: true },
  });
  if (!recording) throw new AppError("NOT_FOUND");
  if (recording.deletedAt) throw new AppError("RECORDING_DELETED");
  if (!playback || !recording.storageKey) throw new AppError("NOT_FOUND");
  return { kind: playback.kind as PlaybackKind, storageKey: recording.storageKey };
}
