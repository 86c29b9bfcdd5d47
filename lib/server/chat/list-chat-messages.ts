import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { visibleTo } from "@/lib/server/consultations/consultation-scope";

export type ChatMessageDto = {
  id: string;
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
          participant: { select: { displayName: true, role: true } },
        },
      },
    },
  });
  if (!consultation) throw new AppError("NOT_FOUND");
  return consultation.chatMessages.map((message) => ({
    id: message.id,
    createdAt: message.createdAt.toISOString(),
    senderName: message.participant.displayName,
    senderRole: message.participant.role,
    text: message.text,
  }));
}
