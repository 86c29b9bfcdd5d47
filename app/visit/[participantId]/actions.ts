"use server";

import { inviteeAction } from "@/lib/actions/invitee-action";
import { AppError } from "@/lib/errors";
import { enterWaitingRoom } from "@/lib/server/admission/enter-waiting-room";
import { visitStatus } from "@/lib/server/admission/visit-status";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { participantIdSchema } from "@/lib/validations/consultation";

// Every action here resolves the invitee from the device cookie the link was
// bound to; the participant id in the input only says which of their visits.

async function invitee(participantId: string) {
  const found = await resolveInvitee(participantId);
  if (!found) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
  return found;
}

/** A fresh 10-minute LiveKit token, once the host has admitted this invitee. */
export const requestVisitTokenAction = inviteeAction(
  "requestVisitToken",
  participantIdSchema,
  async ({ participantId }, request) => {
    const { id } = await invitee(participantId);
    return issueParticipantToken(id, { type: "PARTICIPANT", id }, request);
  },
);

/**
 * After the device check: the host now sees this person waiting (or auto-admit lets them in).
 * Someone already admitted gets their token in the same answer, one round trip fewer on Join;
 * a refusal of that token (e.g. a recording they have not answered) comes back as the error.
 */
export const enterWaitingRoomAction = inviteeAction(
  "enterWaitingRoom",
  participantIdSchema,
  async ({ participantId }, request) => {
    const { id } = await invitee(participantId);
    const { admission } = await enterWaitingRoom(id, request);
    const credentials =
      admission === "ADMITTED" ? await issueParticipantToken(id, { type: "PARTICIPANT", id }, request) : null;
    return { admission, credentials };
  },
);

/** Polled by the waiting room: is the visit open, and have I been let in? */
export const visitStatusAction = inviteeAction("visitStatus", participantIdSchema, async ({ participantId }) =>
  visitStatus((await invitee(participantId)).id),
);
