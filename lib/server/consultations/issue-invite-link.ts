import "server-only";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { inviteUrl, newInviteToken } from "@/lib/server/invites/invite-link";
import { sendInviteEmail } from "@/lib/server/invites/send-invite-email";
import { findManageableParticipant } from "./find-manageable-participant";

/**
 * A new personal link for a participant, replacing the old one (only hashes
 * are stored, so a link can be shown only when it is made).
 */
export async function issueInviteLink(
  staff: Staff,
  participantId: string,
  request: RequestMeta,
  options: { email?: boolean } = {},
) {
  const participant = await findManageableParticipant(staff, participantId);
  if (participant.role === "HOST") throw new AppError("INVALID_INPUT", "The host joins signed in, without a link.");
  if (participant.revokedAt || !isOpenStatus(participant.consultation.status)) throw new AppError("INVITE_REVOKED");
  const invite = newInviteToken();
  await db().$transaction(async (tx) => {
    await tx.participant.update({ where: { id: participant.id }, data: { inviteTokenHash: invite.hash } });
    await audit(
      {
        actor: { type: "USER", id: staff.id },
        action: "invite.link_issued",
        objectType: "Participant",
        objectId: participant.id,
        detail: { consultationId: participant.consultation.id, role: participant.role, replaced: true },
        request,
      },
      tx,
    );
  });
  let emailed: "smtp" | "outbox" | null = null;
  if (options.email) {
    // Only the patient's address is kept (guests' addresses are used once, when invited).
    const to = participant.role === "PATIENT" ? participant.consultation.patient.email : null;
    if (!to) throw new AppError("INVALID_INPUT", "There is no email address for this person; copy the link instead.");
    ({ delivered: emailed } = await sendInviteEmail({
      participantId: participant.id,
      token: invite.token,
      to,
      actor: { type: "USER", id: staff.id },
      request,
    }));
  }
  return { link: inviteUrl(invite.token), emailed };
}
