"use server";

import { staffAction } from "@/lib/actions/safe-action";
import { findStaffSender } from "@/lib/server/chat/find-staff-sender";
import { postChatMessage } from "@/lib/server/chat/post-chat-message";
import { postStaffChatSchema } from "@/lib/validations/chat";

/** Stores a chat message from the signed-in member of staff, as their own participant in this visit. */
export const postStaffChatAction = staffAction(
  "postStaffChat",
  { permission: "consultation:manage", schema: postStaffChatSchema },
  async ({ consultationId, text }, { staff, request }) => {
    const participantId = await findStaffSender(staff, consultationId);
    return postChatMessage({ participantId, text }, { type: "USER", id: staff.id }, request);
  },
);
