import { z } from "zod";
import { MAX_CHAT_LENGTH } from "@/lib/chat-limits";

export { MAX_CHAT_LENGTH };

const id = z.string().trim().min(1, "Missing id").max(64, "That id is not valid");

export const chatTextSchema = z
  .string({ error: "Type a message" })
  .trim()
  .min(1, "Type a message before sending")
  .max(MAX_CHAT_LENGTH, `A message can be at most ${MAX_CHAT_LENGTH} characters`);

export const postVisitChatSchema = z.object({ participantId: id, text: chatTextSchema });

export const postStaffChatSchema = z.object({ consultationId: id, text: chatTextSchema });

/** A message that arrived over LiveKit, to be confirmed against the record (the sender is LiveKit's identity). */
const confirmChatFields = { messageId: id, senderParticipantId: id };

export const confirmVisitChatSchema = z.object({ participantId: id, ...confirmChatFields });

export const confirmStaffChatSchema = z.object({ consultationId: id, ...confirmChatFields });

export type PostedChatMessage = { id: string; createdAt: string };
