import "server-only";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { isOpenStatus, joinWindow, lapsedStatus } from "@/lib/consultations/join-window";
import { isVisitRoomName } from "@/lib/consultations/room-name";
import { consultationWindowSelect } from "@/lib/consultations/window-select";
import { db } from "@/lib/db";
import { deleteRoomIfExists, roomService } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import { deleteExpiredRecordings } from "@/lib/server/recordings/retention";
import { stopRecordingsBeforeRoomCloses } from "@/lib/server/recordings/stop-recording";

export type SweepResult = { lapsed: number; roomsDeleted: number; recordingsDeleted: number };

const OPEN_STATUSES = ["SCHEDULED", "IN_PROGRESS"] as const;

const windowSelect = {
  id: true,
  roomName: true,
  ...consultationWindowSelect,
} as const;

/**
 * One pass of the background sweep, so nothing stays open forever even when
 * webhooks are lost: (a) visits whose join window has closed become NO_SHOW or
 * EXPIRED with every link revoked; (b) every LiveKit room that does not belong
 * to an open visit is deleted. LiveKit being down skips (b) and is logged.
 */
export async function sweepOnce(at: Date = now()): Promise<SweepResult> {
  const lapsedRooms = await lapseClosedConsultations(at);
  await forgetOldWebhookIds(at);
  let roomsDeleted = 0;
  try {
    roomsDeleted = await deleteRoomsNotOpen(at);
  } catch (error) {
    logger().warn({ err: error }, "sweep: could not reconcile LiveKit rooms; trying the lapsed visits' rooms");
    await Promise.all(lapsedRooms.map((roomName) => deleteQuietly(roomName)));
  }
  let recordingsDeleted = 0;
  try {
    recordingsDeleted = await deleteExpiredRecordings(at);
  } catch (error) {
    logger().error({ err: error }, "sweep: retention pass failed");
  }
  return { lapsed: lapsedRooms.length, roomsDeleted, recordingsDeleted };
}

/** LiveKit redelivers a webhook within minutes; ids older than a week can no longer come back. */
const WEBHOOK_ID_RETENTION_MS = 7 * 24 * 3_600_000;

async function forgetOldWebhookIds(at: Date): Promise<void> {
  await db().webhookEvent.deleteMany({
    where: { createdAt: { lt: new Date(at.getTime() - WEBHOOK_ID_RETENTION_MS) } },
  });
}

/** Returns the room names of the consultations it closed. */
async function lapseClosedConsultations(at: Date): Promise<string[]> {
  // A window closes after the scheduled start, so the index on (status, scheduledStart) narrows it; JS checks the rest.
  const candidates = await db().consultation.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, scheduledStart: { lt: at } },
    select: windowSelect,
  });
  const lapsed: string[] = [];
  for (const consultation of candidates) {
    const status = lapsedStatus(consultation, at);
    if (!status) continue;
    try {
      // A recording still running stops first, keeping its tail, while the room exists.
      await stopRecordingsBeforeRoomCloses(consultation.id, { type: "SYSTEM" });
      const changed = await db().$transaction(async (tx) => {
        // Conditional on the status we read: a visit ended or started meanwhile is left to that change.
        const { count } = await tx.consultation.updateMany({
          where: { id: consultation.id, status: consultation.status },
          data: { status, endedAt: at },
        });
        if (count === 0) return false;
        await tx.participant.updateMany({
          where: { consultationId: consultation.id, revokedAt: null },
          data: { revokedAt: at },
        });
        await audit(
          {
            actor: { type: "SYSTEM" },
            action: "consultation.lapse",
            objectType: "Consultation",
            objectId: consultation.id,
            detail: { status },
          },
          tx,
        );
        return true;
      });
      if (changed) lapsed.push(consultation.roomName);
    } catch (error) {
      logger().error({ err: error, consultationId: consultation.id }, "sweep: could not close a lapsed consultation");
    }
  }
  return lapsed;
}

/**
 * Deletes every visit room (by its name's prefix) that is not an open visit's; returns how many.
 * Media-check rooms close themselves (their own empty timeout), and rooms of other apps on a
 * shared LiveKit project are none of ours.
 */
async function deleteRoomsNotOpen(at: Date): Promise<number> {
  const rooms = await roomService().listRooms();
  const names = rooms.map((room) => room.name).filter(isVisitRoomName);
  if (names.length === 0) return 0;
  const owners = await db().consultation.findMany({ where: { roomName: { in: names } }, select: windowSelect });
  const byRoom = new Map(owners.map((c) => [c.roomName, c]));
  const doomed = names.filter((name) => {
    const consultation = byRoom.get(name);
    if (!consultation) return true;
    return !isOpenStatus(consultation.status) || at.getTime() >= joinWindow(consultation).closesAt.getTime();
  });
  const results = await Promise.all(doomed.map((name) => deleteQuietly(name)));
  return results.filter(Boolean).length;
}

async function deleteQuietly(roomName: string): Promise<boolean> {
  try {
    await deleteRoomIfExists(roomName);
    return true;
  } catch (error) {
    logger().warn({ err: error, roomName }, "sweep: could not delete a LiveKit room");
    return false;
  }
}
