import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type ChatMessageDto, toChatMessageDto } from "./list-chat-messages";

/**
 * A chat message that reached a reader over LiveKit, checked against the record before it is
 * shown: it must be in the reader's visit and stored as sent by the participant LiveKit says
 * sent it. The reader shows the record (its text and sender), so a message a modified browser
 * put straight into the room, without the server storing it, is never shown to anyone; what
 * people read in the visit is what is on the consultation afterwards.
 */
export async function confirmChatMessage(
  readerParticipantId: string,
  message: { id: string; senderParticipantId: string },
): Promise<ChatMessageDto> {
  const reader = await db().participant.findUnique({
    where: { id: readerParticipantId },
    select: { consultationId: true, admission: true, revokedAt: true },
  });
  if (!reader || reader.revokedAt || reader.admission !== "ADMITTED") throw new AppError("NOT_FOUND");
  const stored = await db().chatMessage.findFirst({
    where: { id: message.id, consultationId: reader.consultationId, participantId: message.senderParticipantId },
    select: {
      id: true,
      createdAt: true,
      text: true,
      participant: { select: { id: true, displayName: true, role: true } },
    },
  });
  if (!stored) throw new AppError("NOT_FOUND", "This message is not in the visit's record.");
  return toChatMessageDto(stored);
}
