import "server-only";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recordingStorage } from "./storage";

const DAY_MS = 24 * 3_600_000;

/**
 * Deletes recordings older than RECORDING_RETENTION_DAYS (counted from the
 * request): the file goes, the row stays as a tombstone (deletedAt, no storage
 * key) so replay answers "deleted" and the audit trail still makes sense.
 * Each deletion is audited. Returns how many were deleted.
 */
export async function deleteExpiredRecordings(at: Date = now()): Promise<number> {
  const cutoff = new Date(at.getTime() - env().RECORDING_RETENTION_DAYS * DAY_MS);
  const expired = await db().recording.findMany({
    where: {
      deletedAt: null,
      requestedAt: { lt: cutoff },
      state: { in: ["READY", "PARTIAL", "FAILED", "DECLINED"] },
    },
    select: { id: true, storageKey: true, consultationId: true },
    take: 100,
  });
  let deleted = 0;
  for (const recording of expired) {
    try {
      if (recording.storageKey) await recordingStorage().remove(recording.storageKey);
      await db().$transaction(async (tx) => {
        await tx.recording.update({
          where: { id: recording.id },
          data: { deletedAt: at, storageKey: null },
        });
        // Playback grants die with the file.
        await tx.recordingPlayback.deleteMany({ where: { recordingId: recording.id } });
        await audit(
          {
            actor: { type: "SYSTEM" },
            action: "recording.delete",
            objectType: "Recording",
            objectId: recording.id,
            detail: {
              consultationId: recording.consultationId,
              reason: "RETENTION",
              retentionDays: env().RECORDING_RETENTION_DAYS,
            },
          },
          tx,
        );
      });
      deleted++;
    } catch (error) {
      logger().error({ err: error, recordingId: recording.id }, "retention: could not delete a recording");
    }
  }
  return deleted;
}
