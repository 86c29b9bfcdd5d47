"use server";

import { staffAction } from "@/lib/actions/safe-action";
import { confirmChatMessage } from "@/lib/server/chat/confirm-chat-message";
import { findStaffSender } from "@/lib/server/chat/find-staff-sender";
import { listChatMessages } from "@/lib/server/chat/list-chat-messages";
import { postChatMessage } from "@/lib/server/chat/post-chat-message";
import { confirmStaffChatSchema, postStaffChatSchema } from "@/lib/validations/chat";
import { consultationIdSchema } from "@/lib/validations/consultation";

/** Stores a chat message from the signed-in member of staff, as their own participant in this visit. */
export const postStaffChatAction = staffAction(
  "postStaffChat",
  { permission: "consultation:manage", schema: postStaffChatSchema },
  async ({ consultationId, text }, { staff, request }) => {
    const participantId = await findStaffSender(staff, consultationId);
    return postChatMessage({ participantId, text }, { type: "USER", id: staff.id }, request);
  },
);

/** The visit's chat so far, for staff who may see the visit (shown again after a reload or a rejoin). */
export const staffChatHistoryAction = staffAction(
  "staffChatHistory",
  { permission: "consultation:manage", schema: consultationIdSchema },
  ({ consultationId }, { staff }) => listChatMessages(staff, consultationId),
);

/** A message that reached this member of staff in the room over LiveKit, as the record has it. */
export const confirmStaffChatAction = staffAction(
  "confirmStaffChat",
  { permission: "consultation:manage", schema: confirmStaffChatSchema },
  async ({ consultationId, messageId, senderParticipantId }, { staff }) => {
    const readerParticipantId = await findStaffSender(staff, consultationId);
    return confirmChatMessage(readerParticipantId, { id: messageId, senderParticipantId });
  },
);
