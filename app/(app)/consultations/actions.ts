"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { addParticipant } from "@/lib/server/consultations/add-participant";
import { cancelConsultation } from "@/lib/server/consultations/cancel-consultation";
import { endConsultation } from "@/lib/server/consultations/end-consultation";
import { issueInviteLink } from "@/lib/server/consultations/issue-invite-link";
import { removeParticipant } from "@/lib/server/consultations/remove-participant";
import { rescheduleConsultation } from "@/lib/server/consultations/reschedule-consultation";
import { resetDeviceBinding } from "@/lib/server/consultations/reset-device-binding";
import { scheduleConsultation } from "@/lib/server/consultations/schedule-consultation";
import { searchPatients } from "@/lib/server/consultations/search-patients";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { resolveStaffParticipant } from "@/lib/server/tokens/resolve-staff-participant";
import {
  addParticipantSchema,
  cancelConsultationSchema,
  consultationIdSchema,
  participantIdSchema,
  rescheduleConsultationSchema,
  scheduleConsultationSchema,
  searchPatientsSchema,
} from "@/lib/validations/consultation";

// Thin doors: each checks the session and permission (staffAction), validates,
// and calls one data function that scopes its queries to what the caller may touch.

export const scheduleConsultationAction = staffAction(
  "scheduleConsultation",
  { permission: "consultation:schedule", schema: scheduleConsultationSchema },
  async (input, { staff, request }) => {
    const result = await scheduleConsultation(staff, input, request);
    revalidatePath("/dashboard");
    return result;
  },
);

export const searchPatientsAction = staffAction(
  "searchPatients",
  { permission: "patient:search", schema: searchPatientsSchema },
  ({ query }) => searchPatients(query),
);

export const rescheduleConsultationAction = staffAction(
  "rescheduleConsultation",
  { permission: "consultation:manage", schema: rescheduleConsultationSchema },
  async (input, { staff, request }) => {
    await rescheduleConsultation(staff, input, request);
    revalidatePath(`/consultations/${input.consultationId}`);
  },
);

export const cancelConsultationAction = staffAction(
  "cancelConsultation",
  { permission: "consultation:manage", schema: cancelConsultationSchema },
  async ({ consultationId, reason }, { staff, request }) => {
    await cancelConsultation(staff, consultationId, reason, request);
    revalidatePath(`/consultations/${consultationId}`);
  },
);

export const endConsultationAction = staffAction(
  "endConsultation",
  { permission: "consultation:manage", schema: consultationIdSchema },
  async ({ consultationId }, { staff, request }) => {
    await endConsultation(staff, consultationId, request);
    revalidatePath(`/consultations/${consultationId}`);
  },
);

export const addParticipantAction = staffAction(
  "addParticipant",
  { permission: "consultation:manage", schema: addParticipantSchema },
  async (input, { staff, request }) => {
    const result = await addParticipant(staff, input, request);
    revalidatePath(`/consultations/${input.consultationId}`);
    return result;
  },
);

export const removeParticipantAction = staffAction(
  "removeParticipant",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => removeParticipant(staff, participantId, request),
);

export const issueInviteLinkAction = staffAction(
  "issueInviteLink",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => issueInviteLink(staff, participantId, request),
);

export const emailInviteLinkAction = staffAction(
  "emailInviteLink",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => issueInviteLink(staff, participantId, request, { email: true }),
);

export const resetDeviceBindingAction = staffAction(
  "resetDeviceBinding",
  { permission: "consultation:manage", schema: participantIdSchema },
  ({ participantId }, { staff, request }) => resetDeviceBinding(staff, participantId, request),
);

/** A token for the signed-in member of staff, as the participant they are in this visit. */
export const requestStaffTokenAction = staffAction(
  "requestStaffToken",
  { permission: "consultation:manage", schema: consultationIdSchema },
  async ({ consultationId }, { staff, request }) => {
    const participantId = await resolveStaffParticipant(staff, consultationId, request);
    return issueParticipantToken(participantId, { type: "USER", id: staff.id }, request);
  },
);
