import "server-only";
import type { WebhookEvent } from "livekit-server-sdk";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { roomService } from "@/lib/livekit/room-service";
import { logger } from "@/lib/logger";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";
import { MEDIA_CHECK_ROOM_PATTERN } from "@/lib/validations/media-check";
import { type Attendance, type AttendanceChange, applyJoined, applyLeft, applyRoomFinished } from "./attendance";

export type WebhookOutcome = "handled" | "ignored" | "duplicate";

const PARTICIPANT_EVENTS = new Set(["participant_joined", "participant_left", "participant_connection_aborted"]);

const attendanceSelect = {
  id: true,
  firstJoinedAt: true,
  lastJoinedAt: true,
  lastLeftAt: true,
  connectedSince: true,
} as const;

type Tx = Prisma.TransactionClient;
type ConsultationRow = { id: string; status: string };

/** Thrown inside the transaction so the whole delivery rolls back when its id was seen before. */
class DuplicateDelivery extends Error {}

/** LiveKit's timestamps are whole seconds (int64); 0 means "not set". */
function secondsToDate(seconds: bigint | undefined): Date | null {
  const value = Number(seconds ?? 0n);
  return value > 0 ? new Date(value * 1000) : null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/**
 * Applies one verified LiveKit webhook: attendance, the start of a visit, and
 * the room closing. Idempotent on the event id: the id is stored in the same
 * transaction as the effects, so a redelivery changes nothing. Events for rooms
 * that are not consultations (media checks) or identities that are not its
 * participants (the recorder) are ignored.
 */
export async function handleWebhookEvent(event: WebhookEvent): Promise<WebhookOutcome> {
  const outcome = await applyWebhookEvent(event);
  if (outcome === "handled" && event.event === "participant_joined") await removeIfNotAllowed(event);
  return outcome;
}

/**
 * A token stays valid for its 10 minutes, so someone sent back to the waiting
 * room, denied or removed could reconnect with the one they had. The server
 * hears of every join: anyone in the room who may not be there is removed.
 */
async function removeIfNotAllowed(event: WebhookEvent): Promise<void> {
  const identity = event.participant?.identity;
  const roomName = event.room?.name;
  if (!identity || !roomName) return;
  const participant = await db().participant.findUnique({
    where: { id: identity },
    select: { admission: true, revokedAt: true, consultationId: true },
  });
  if (!participant) return;
  const allowed =
    participant.admission === "ADMITTED" &&
    !participant.revokedAt &&
    // While recording, a yes to it is needed too (a token from before the start would not carry that).
    !(await consentGateFor(identity, participant.consultationId));
  if (allowed) return;
  try {
    await roomService().removeParticipant(roomName, identity);
    logger().warn({ participantId: identity }, "removed a participant who joined without being admitted");
  } catch (error) {
    logger().debug({ err: error, participantId: identity }, "could not remove a participant who was not admitted");
  }
}

async function applyWebhookEvent(event: WebhookEvent): Promise<WebhookOutcome> {
  const roomName = event.room?.name;
  const isParticipantEvent = PARTICIPANT_EVENTS.has(event.event);
  if (!event.id || !roomName || (!isParticipantEvent && event.event !== "room_finished")) return "ignored";
  // Media-check rooms are never visits: no transaction for them.
  if (MEDIA_CHECK_ROOM_PATTERN.test(roomName)) return "ignored";
  const at = secondsToDate(event.createdAt) ?? now();

  try {
    return await db().$transaction(
      async (tx) => {
        const consultation = await tx.consultation.findUnique({
          where: { roomName },
          select: { id: true, status: true },
        });
        if (!consultation) return "ignored";

        if (event.event === "room_finished") {
          await recordDelivery(tx, event, roomName);
          await closeRoom(tx, consultation, at);
          return "handled";
        }

        const identity = event.participant?.identity;
        if (!identity) return "ignored";
        const participant = await tx.participant.findFirst({
          where: { id: identity, consultationId: consultation.id },
          select: attendanceSelect,
        });
        if (!participant) return "ignored";

        await recordDelivery(tx, event, roomName);
        await tx.attendanceEvent.create({
          data: {
            consultationId: consultation.id,
            participantId: participant.id,
            kind: event.event === "participant_joined" ? "JOINED" : "LEFT",
            at,
          },
        });
        if (event.event === "participant_joined") {
          await saveAttendance(tx, consultation.id, participant.id, applyJoined(participant, at));
          await markStarted(tx, consultation, participant.id, at);
        } else {
          const sessionJoinedAt = secondsToDate(event.participant?.joinedAt);
          await saveAttendance(tx, consultation.id, participant.id, applyLeft(participant, at, sessionJoinedAt));
          // Its `joined` may be late or lost; someone was there all the same.
          await markStarted(tx, consultation, participant.id, sessionJoinedAt ?? at);
        }
        return "handled";
      },
      // Transactions on SQLite run one at a time; a burst (everyone leaving a deleted room) waits its turn.
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (error) {
    if (error instanceof DuplicateDelivery) return "duplicate";
    throw error;
  }
}

async function recordDelivery(tx: Tx, event: WebhookEvent, roomName: string): Promise<void> {
  try {
    await tx.webhookEvent.create({ data: { id: event.id, event: event.event, roomName } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateDelivery();
    throw error;
  }
}

async function saveAttendance(
  tx: Tx,
  consultationId: string,
  participantId: string,
  { next, addSeconds }: AttendanceChange,
): Promise<void> {
  const fields: Attendance = {
    firstJoinedAt: next.firstJoinedAt,
    lastJoinedAt: next.lastJoinedAt,
    lastLeftAt: next.lastLeftAt,
    connectedSince: next.connectedSince,
  };
  await tx.participant.update({
    where: { id: participantId },
    data: { ...fields, attendedSeconds: { increment: addSeconds } },
  });
  if (addSeconds > 0) {
    await tx.consultation.update({
      where: { id: consultationId },
      data: { participantSeconds: { increment: addSeconds } },
    });
  }
}

/** SCHEDULED → IN_PROGRESS on the first presence; an ended visit never reopens. */
async function markStarted(tx: Tx, consultation: ConsultationRow, participantId: string, at: Date): Promise<void> {
  if (consultation.status !== "SCHEDULED") return;
  const { count } = await tx.consultation.updateMany({
    where: { id: consultation.id, status: "SCHEDULED" },
    data: { status: "IN_PROGRESS", startedAt: at },
  });
  if (count === 0) return;
  await audit(
    {
      actor: { type: "SYSTEM" },
      action: "consultation.start",
      objectType: "Consultation",
      objectId: consultation.id,
      detail: { participantId },
    },
    tx,
  );
}

async function closeRoom(tx: Tx, consultation: ConsultationRow, at: Date): Promise<void> {
  const connected = await tx.participant.findMany({
    where: { consultationId: consultation.id, connectedSince: { not: null } },
    select: attendanceSelect,
  });
  for (const participant of connected) {
    await saveAttendance(tx, consultation.id, participant.id, applyRoomFinished(participant, at));
  }
  await audit(
    {
      actor: { type: "SYSTEM" },
      action: "consultation.room_closed",
      objectType: "Consultation",
      objectId: consultation.id,
      detail: { participantsClosed: connected.length },
    },
    tx,
  );
}
