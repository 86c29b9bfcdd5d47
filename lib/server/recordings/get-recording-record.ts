import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ChatMessageDto } from "@/lib/server/chat/list-chat-messages";
import { watchableBy } from "./recording-scope";

export type TimelineEvent = {
  at: string;
  kind: "JOINED" | "LEFT" | "CONSENT" | "CHAT" | "RECORDING";
  label: string;
};

/**
 * Everything shown beside the player: the recording's facts, the consent
 * record (who was asked, what they answered, when, which text), the chat of
 * the visit and a timeline of arrivals, departures, answers and messages.
 * Someone who may not watch it gets "not found".
 */
export async function getRecordingRecord(staff: Staff, recordingId: string) {
  const recording = await db().recording.findFirst({
    where: { AND: [{ id: recordingId }, watchableBy(staff)] },
    select: {
      id: true,
      state: true,
      consentTextVersion: true,
      failureReason: true,
      stopReason: true,
      requestedAt: true,
      mediaStartedAt: true,
      mediaEndedAt: true,
      durationSeconds: true,
      bytes: true,
      deletedAt: true,
      consultationId: true,
      consultation: { select: { host: { select: { displayName: true } }, scheduledStart: true, timeZone: true } },
      consents: {
        orderBy: { askedAt: "asc" },
        select: {
          decision: true,
          textVersion: true,
          askedAt: true,
          decidedAt: true,
          withdrawnAt: true,
          participant: { select: { displayName: true, role: true } },
        },
      },
    },
  });
  if (!recording) throw new AppError("NOT_FOUND");

  // The visit's events around the recording (a little before, for context).
  const from = new Date((recording.mediaStartedAt ?? recording.requestedAt).getTime() - 10 * 60_000);
  const to = recording.mediaEndedAt ?? new Date();
  const [chat, attendance] = await Promise.all([
    db().chatMessage.findMany({
      where: { consultationId: recording.consultationId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        text: true,
        createdAt: true,
        participant: { select: { id: true, displayName: true, role: true } },
      },
    }),
    db().attendanceEvent.findMany({
      where: { consultationId: recording.consultationId, at: { gte: from, lte: to } },
      orderBy: { at: "asc" },
      select: { kind: true, at: true, participant: { select: { displayName: true } } },
    }),
  ]);

  const timeline: TimelineEvent[] = [
    ...attendance.map((event) => ({
      at: event.at.toISOString(),
      kind: event.kind === "JOINED" ? ("JOINED" as const) : ("LEFT" as const),
      label: `${event.participant.displayName} ${event.kind === "JOINED" ? "joined" : "left"}`,
    })),
    ...recording.consents.flatMap((consent) => {
      const events: TimelineEvent[] = [];
      const who = consent.participant.displayName;
      if (consent.decidedAt) {
        const said = consent.decision === "DECLINED" ? "declined" : "agreed to";
        events.push({ at: consent.decidedAt.toISOString(), kind: "CONSENT", label: `${who} ${said} recording` });
      }
      if (consent.withdrawnAt) {
        events.push({ at: consent.withdrawnAt.toISOString(), kind: "CONSENT", label: `${who} withdrew consent` });
      }
      return events;
    }),
    ...chat
      .filter((message) => message.createdAt >= from && message.createdAt <= to)
      .map((message) => ({
        at: message.createdAt.toISOString(),
        kind: "CHAT" as const,
        label: `${message.participant.displayName}: ${message.text.length > 80 ? `${message.text.slice(0, 80)}…` : message.text}`,
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    id: recording.id,
    state: recording.state,
    deleted: recording.deletedAt !== null,
    consentTextVersion: recording.consentTextVersion,
    failureReason: recording.failureReason,
    stopReason: recording.stopReason,
    requestedAt: recording.requestedAt.toISOString(),
    mediaStartedAt: recording.mediaStartedAt?.toISOString() ?? null,
    mediaEndedAt: recording.mediaEndedAt?.toISOString() ?? null,
    durationSeconds: recording.durationSeconds,
    bytes: recording.bytes,
    clinicianName: recording.consultation.host.displayName,
    consents: recording.consents.map((consent) => ({
      name: consent.participant.displayName,
      role: consent.participant.role,
      decision: consent.decision,
      textVersion: consent.textVersion,
      askedAt: consent.askedAt.toISOString(),
      decidedAt: consent.decidedAt?.toISOString() ?? null,
      withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    })),
    chat: chat.map(
      (message): ChatMessageDto => ({
        id: message.id,
        senderParticipantId: message.participant.id,
        senderName: message.participant.displayName,
        senderRole: message.participant.role,
        text: message.text,
        createdAt: message.createdAt.toISOString(),
      }),
    ),
    timeline,
  };
}

export type RecordingRecord = Awaited<ReturnType<typeof getRecordingRecord>>;
