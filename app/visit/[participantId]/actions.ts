"use server";

import { inviteeAction } from "@/lib/actions/invitee-action";
import { AppError } from "@/lib/errors";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { participantIdSchema } from "@/lib/validations/consultation";

/** A fresh 10-minute LiveKit token for the invitee bound to this browser. */
export const requestVisitTokenAction = inviteeAction(
  "requestVisitToken",
  participantIdSchema,
  async ({ participantId }, request) => {
    const invitee = await resolveInvitee(participantId);
    if (!invitee) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
    return issueParticipantToken(invitee.id, { type: "PARTICIPANT", id: invitee.id }, request);
  },
);
