import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildInviteMessage } from "@/lib/mail/invite-message";
import { sendMail } from "@/lib/mail/send-mail";
import type { RequestMeta } from "@/lib/request-meta";
import { inviteUrl } from "./invite-link";

/**
 * Emails a participant their personal link with a calendar invite. The raw
 * token is passed in by whoever just made it (it is never stored), and the
 * message carries no reason for the visit: email is not a private channel.
 */
export async function sendInviteEmail(input: {
  participantId: string;
  token: string;
  to: string;
  actor: AuditActor;
  request: RequestMeta;
}) {
  const participant = await db().participant.findUnique({
    where: { id: input.participantId },
    select: {
      id: true,
      displayName: true,
      consultation: {
        select: {
          id: true,
          scheduledStart: true,
          durationMinutes: true,
          timeZone: true,
          opensBeforeMinutes: true,
          host: { select: { displayName: true } },
        },
      },
    },
  });
  if (!participant) throw new AppError("NOT_FOUND");
  const { consultation } = participant;
  const message = buildInviteMessage({
    uid: `${participant.id}@openconsult`,
    recipientName: participant.displayName,
    hostName: consultation.host.displayName,
    startsAt: consultation.scheduledStart,
    durationMinutes: consultation.durationMinutes,
    timeZone: consultation.timeZone,
    joinUrl: inviteUrl(input.token),
    opensBeforeMinutes: consultation.opensBeforeMinutes,
  });
  const { delivered } = await sendMail({
    to: input.to,
    ...message,
    consultationId: consultation.id,
    participantId: participant.id,
  });
  await audit({
    actor: input.actor,
    action: "invite.email_sent",
    objectType: "Participant",
    objectId: participant.id,
    detail: { consultationId: consultation.id, delivered },
    request: input.request,
  });
  return { delivered };
}
