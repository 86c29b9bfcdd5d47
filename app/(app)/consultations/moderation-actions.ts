"use server";

import { staffAction } from "@/lib/actions/safe-action";
import { muteParticipant } from "@/lib/server/moderation/mute-participant";
import { participantIdSchema } from "@/lib/validations/consultation";

// Moderation during a visit. Removing someone and ending the visit are the
// consultation actions (actions.ts); sending back to the waiting room is an
// admission action. Each door checks the session here and the consultation in its query.

export const muteParticipantAction = staffAction(
  "muteParticipant",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => muteParticipant(staff, participantId, request),
);
