"use server";

import { inviteeAction } from "@/lib/actions/invitee-action";
import { AppError } from "@/lib/errors";
import { confirmChatMessage } from "@/lib/server/chat/confirm-chat-message";
import { listChatForParticipant } from "@/lib/server/chat/list-chat-messages";
import { postChatMessage } from "@/lib/server/chat/post-chat-message";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";
import { confirmVisitChatSchema, postVisitChatSchema } from "@/lib/validations/chat";
import { participantIdSchema } from "@/lib/validations/consultation";

/** Stores a chat message from the invitee bound to this browser (the sender comes from the device cookie). */
export const postVisitChatAction = inviteeAction(
  "postVisitChat",
  postVisitChatSchema,
  async ({ participantId, text }, request) => {
    const invitee = await resolveInvitee(participantId);
    if (!invitee) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
    return postChatMessage({ participantId: invitee.id, text }, { type: "PARTICIPANT", id: invitee.id }, request);
  },
);

/** The chat since this invitee came into the visit, to show again after a reload or a rejoin. */
export const visitChatHistoryAction = inviteeAction(
  "visitChatHistory",
  participantIdSchema,
  async ({ participantId }) => {
    const invitee = await resolveInvitee(participantId);
    if (!invitee) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
    return listChatForParticipant(invitee.id);
  },
);

/** A message that reached this invitee over LiveKit, as the record has it (or refused: not on the record). */
export const confirmVisitChatAction = inviteeAction(
  "confirmVisitChat",
  confirmVisitChatSchema,
  async ({ participantId, messageId, senderParticipantId }) => {
    const invitee = await resolveInvitee(participantId);
    if (!invitee) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
    return confirmChatMessage(invitee.id, { id: messageId, senderParticipantId });
  },
);
