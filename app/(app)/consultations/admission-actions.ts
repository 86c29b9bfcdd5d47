"use server";

import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { decideAdmission } from "@/lib/server/admission/admit-participants";
import { listWaiting } from "@/lib/server/admission/list-waiting";
import { sendToWaitingRoom } from "@/lib/server/admission/send-to-waiting-room";
import { setAutoAdmit } from "@/lib/server/admission/set-auto-admit";
import { consultationIdSchema, participantIdSchema } from "@/lib/validations/consultation";

const decisionSchema = z.object({
  consultationId: z.string().min(1).max(64),
  /** Empty: everyone waiting now ("Admit all"). */
  participantIds: z.array(z.string().min(1).max(64)).max(25),
});

export const waitingListAction = staffAction(
  "waitingList",
  { permission: "consultation:manage", schema: consultationIdSchema },
  ({ consultationId }, { staff }) => listWaiting(staff, consultationId),
);

export const admitParticipantsAction = staffAction(
  "admitParticipants",
  { permission: "consultation:manage", schema: decisionSchema },
  ({ consultationId, participantIds }, { staff, request }) =>
    decideAdmission(staff, consultationId, participantIds, "ADMITTED", request),
);

export const denyParticipantAction = staffAction(
  "denyParticipant",
  { permission: "consultation:manage", schema: decisionSchema },
  ({ consultationId, participantIds }, { staff, request }) =>
    decideAdmission(staff, consultationId, participantIds, "DENIED", request),
);

export const sendToWaitingRoomAction = staffAction(
  "sendToWaitingRoom",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => sendToWaitingRoom(staff, participantId, request),
);

export const setAutoAdmitAction = staffAction(
  "setAutoAdmit",
  {
    permission: "consultation:manage",
    schema: z.object({ consultationId: z.string().min(1).max(64), autoAdmit: z.boolean() }),
  },
  ({ consultationId, autoAdmit }, { staff, request }) => setAutoAdmit(staff, consultationId, autoAdmit, request),
);
