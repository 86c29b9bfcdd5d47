import type { ActionResult } from "@/lib/actions/action-result";
import type { ChatMessageDto } from "@/lib/server/chat/list-chat-messages";
import type { PostedChatMessage } from "@/lib/validations/chat";

/**
 * The chat calls a room makes, bound by the page to the right server actions (invitee or
 * staff). Every one is checked on the server, which also decides who the sender is.
 */
export type ChatApi = {
  /** Stores a message; only then is it sent to the room. */
  persist: (text: string) => Promise<ActionResult<PostedChatMessage>>;
  /** What was said before this page was opened (a reload, a rejoin), from the server's record. */
  loadHistory: () => Promise<ActionResult<ChatMessageDto[]>>;
  /** A message that arrived over LiveKit, as the record has it; refused if it is not on the record. */
  confirm: (message: { id: string; senderParticipantId: string }) => Promise<ActionResult<ChatMessageDto>>;
};
