import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { inviteUrl, newInviteToken } from "@/lib/server/invites/invite-link";
import { sendInviteEmail } from "@/lib/server/invites/send-invite-email";
import { type AddParticipantInput, MAX_PARTICIPANTS } from "@/lib/validations/consultation";
import { findManageableConsultation } from "./find-manageable-consultation";

/** Invites one more person (guest, observer, clinician) with a personal link of their own. */
export async function addParticipant(staff: Staff, input: AddParticipantInput, request: RequestMeta) {
  const consultation = await findManageableConsultation(staff, input.consultationId);
  if (!isOpenStatus(consultation.status)) throw new AppError("VISIT_ENDED");
  const invite = newInviteToken();

  const participant = await db().$transaction(async (tx) => {
    // Counted inside the transaction: SQLite serialises writers, so two adds cannot both take the 25th place.
    const present = await tx.participant.count({ where: { consultationId: consultation.id, revokedAt: null } });
    if (present >= MAX_PARTICIPANTS) {
      throw new AppError("VISIT_FULL", undefined, { role: [`A visit has at most ${MAX_PARTICIPANTS} people`] });
    }
    const created = await tx.participant.create({
      data: {
        consultationId: consultation.id,
        role: input.role,
        displayName: input.displayName,
        relationship: input.relationship ?? null,
        inviteTokenHash: invite.hash,
      },
      select: { id: true },
    });
    const actor = { type: "USER", id: staff.id } as const;
    await audit(
      {
        actor,
        action: "participant.add",
        objectType: "Participant",
        objectId: created.id,
        detail: { consultationId: consultation.id, role: input.role },
        request,
      },
      tx,
    );
    await audit(
      {
        actor,
        action: "invite.link_issued",
        objectType: "Participant",
        objectId: created.id,
        detail: { consultationId: consultation.id, role: input.role },
        request,
      },
      tx,
    );
    return created;
  });
  const emailed = input.email
    ? await sendInviteEmail({
        participantId: participant.id,
        token: invite.token,
        to: input.email,
        actor: { type: "USER", id: staff.id },
        request,
      })
    : null;
  return { participantId: participant.id, link: inviteUrl(invite.token), emailed: emailed?.delivered ?? null };
}
