import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { DEFAULT_CLOSES_AFTER_MINUTES, DEFAULT_OPENS_BEFORE_MINUTES } from "@/lib/consultations/join-window";
import { localToUtc } from "@/lib/consultations/local-time";
import { newVisitRoomName } from "@/lib/consultations/room-name";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { inviteUrl, newInviteToken } from "@/lib/server/invites/invite-link";
import { sendInviteEmail } from "@/lib/server/invites/send-invite-email";
import type { ScheduleConsultationInput } from "@/lib/validations/consultation";

/** A start at least this far in the future; a little slack for a form filled in slowly. */
const EARLIEST_START_SLACK_MS = 5 * 60_000;

export function startFromLocal(input: { date: string; time: string; timeZone: string }, at: Date): Date {
  const start = localToUtc(input.date, input.time, input.timeZone);
  if (!start) {
    throw new AppError("INVALID_INPUT", undefined, { time: ["That time does not exist on that day (clocks change)"] });
  }
  if (start.getTime() < at.getTime() - EARLIEST_START_SLACK_MS) {
    throw new AppError("INVALID_INPUT", undefined, { date: ["Choose a start in the future"] });
  }
  return start;
}

/**
 * Schedules a visit hosted by the caller: finds or creates the patient, opens
 * a random room name, adds the host and the patient as participants, and
 * returns the patient's personal link (shown once: only its hash is kept).
 */
export async function scheduleConsultation(staff: Staff, input: ScheduleConsultationInput, request: RequestMeta) {
  const at = now();
  const scheduledStart = startFromLocal(input, at);
  const invite = newInviteToken();

  const consultation = await db().$transaction(async (tx) => {
    const patient = input.patientId
      ? await tx.patient.findUnique({
          where: { id: input.patientId },
          select: { id: true, fullName: true, email: true },
        })
      : await tx.patient.create({
          data: { ...(input.newPatient as NonNullable<typeof input.newPatient>), createdById: staff.id },
          select: { id: true, fullName: true, email: true },
        });
    if (!patient) throw new AppError("INVALID_INPUT", undefined, { patientId: ["That patient was not found"] });

    const created = await tx.consultation.create({
      data: {
        hostId: staff.id,
        patientId: patient.id,
        reason: input.reason,
        scheduledStart,
        durationMinutes: input.durationMinutes,
        timeZone: input.timeZone,
        roomName: newVisitRoomName(),
        opensBeforeMinutes: DEFAULT_OPENS_BEFORE_MINUTES,
        closesAfterMinutes: DEFAULT_CLOSES_AFTER_MINUTES,
        participants: {
          create: [
            { role: "HOST", displayName: staff.displayName, userId: staff.id, admission: "ADMITTED", admittedAt: at },
            { role: "PATIENT", displayName: patient.fullName, inviteTokenHash: invite.hash },
          ],
        },
      },
      select: { id: true, participants: { where: { role: "PATIENT" }, select: { id: true } } },
    });
    const actor = { type: "USER", id: staff.id } as const;
    await audit(
      {
        actor,
        action: "consultation.schedule",
        objectType: "Consultation",
        objectId: created.id,
        detail: { newPatient: !input.patientId, durationMinutes: input.durationMinutes },
        request,
      },
      tx,
    );
    const patientParticipantId = created.participants[0]?.id ?? null;
    await audit(
      {
        actor,
        action: "invite.link_issued",
        objectType: "Participant",
        objectId: patientParticipantId ?? undefined,
        detail: { consultationId: created.id, role: "PATIENT" },
        request,
      },
      tx,
    );
    return { id: created.id, patientParticipantId, patientEmail: patient.email };
  });

  const emailTo = input.emailInvite ? (input.newPatient?.email ?? consultation.patientEmail) : undefined;
  const emailed =
    emailTo && consultation.patientParticipantId
      ? await sendInviteEmail({
          participantId: consultation.patientParticipantId,
          token: invite.token,
          to: emailTo,
          actor: { type: "USER", id: staff.id },
          request,
        })
      : null;
  return {
    consultationId: consultation.id,
    participantId: consultation.patientParticipantId,
    link: inviteUrl(invite.token),
    emailed: emailed?.delivered ?? null,
  };
}
