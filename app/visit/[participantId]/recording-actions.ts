"use server";

import { inviteeAction } from "@/lib/actions/invitee-action";
import { AppError } from "@/lib/errors";
import { resolveInvitee } from "@/lib/server/invites/resolve-invitee";
import { answerConsent, withdrawConsent } from "@/lib/server/recordings/answer-consent";
import { recordingStatusForParticipant } from "@/lib/server/recordings/recording-status";
import { participantIdSchema } from "@/lib/validations/consultation";
import { visitConsentAnswerSchema, visitWithdrawSchema } from "@/lib/validations/recording";

// The answering person is the invitee bound to this browser (device cookie), never who the input names.
async function invitee(participantId: string) {
  const found = await resolveInvitee(participantId);
  if (!found) throw new AppError("NOT_FOUND", "Open your visit from your invitation link on this device.");
  return found;
}

export const visitAnswerConsentAction = inviteeAction(
  "visitAnswerConsent",
  visitConsentAnswerSchema,
  async ({ participantId, ...answer }, request) => {
    const { id } = await invitee(participantId);
    return answerConsent(id, answer, { type: "PARTICIPANT", id }, request);
  },
);

export const visitWithdrawConsentAction = inviteeAction(
  "visitWithdrawConsent",
  visitWithdrawSchema,
  async ({ participantId, recordingId }, request) => {
    const { id } = await invitee(participantId);
    return withdrawConsent(id, recordingId, { type: "PARTICIPANT", id }, request);
  },
);

export const visitRecordingStatusAction = inviteeAction(
  "visitRecordingStatus",
  participantIdSchema,
  async ({ participantId }) => recordingStatusForParticipant((await invitee(participantId)).id),
);
