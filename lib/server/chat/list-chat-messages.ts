import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { visibleTo } from "@/lib/server/consultations/consultation-scope";

export type ChatMessageDto = {
  id: string;
  senderParticipantId: string;
  createdAt: string;
  senderName: string;
  senderRole: "HOST" | "CLINICIAN" | "PATIENT" | "GUEST" | "OBSERVER";
  text: string;
};

/** A visit's chat, oldest first, for staff who may see the visit; others get "not found". */
export async function listChatMessages(staff: Staff, consultationId: string): Promise<ChatMessageDto[]> {
  const consultation = await db().consultation.findFirst({
    where: { AND: [{ id: consultationId }, visibleTo(staff)] },
    select: {
      chatMessages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          createdAt: true,
          text: true,
          participant: { select: { id: true, displayName: true, role: true } },
        },
      },
    },
  });
  if (!consultation) throw new AppError("NOT_FOUND");
  return consultation.chatMessages.map(toChatMessageDto);
}

type MessageRow = {
  id: string;
  createdAt: Date;
  text: string;
  participant: { id: string; displayName: string; role: ChatMessageDto["senderRole"] };
};

export function toChatMessageDto(message: MessageRow): ChatMessageDto {
  return {
    id: message.id,
    senderParticipantId: message.participant.id,
    createdAt: message.createdAt.toISOString(),
    senderName: message.participant.displayName,
    senderRole: message.participant.role,
    text: message.text,
  };
}

/**
 * The chat an invitee may read again after a reload or a rejoin: what was said
 * since they first came into the visit, never what was said before they came.
 */
export async function listChatForParticipant(participantId: string): Promise<ChatMessageDto[]> {
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: { consultationId: true, firstJoinedAt: true, admittedAt: true, revokedAt: true },
  });
  if (!participant || participant.revokedAt) throw new AppError("NOT_FOUND");
  const times = [participant.firstJoinedAt, participant.admittedAt].filter((t): t is Date => t !== null);
  if (times.length === 0) return [];
  const since = new Date(Math.min(...times.map((t) => t.getTime())));
  const messages = await db().chatMessage.findMany({
    where: { consultationId: participant.consultationId, createdAt: { gte: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      createdAt: true,
      text: true,
      participant: { select: { id: true, displayName: true, role: true } },
    },
  });
  return messages.map(toChatMessageDto);
}
