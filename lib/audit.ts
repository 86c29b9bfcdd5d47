import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestMeta } from "@/lib/request-meta";

/** Every action the audit log knows. Adding one is a deliberate act. */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_rate_limited"
  | "auth.sign_out"
  | "auth.session_expired"
  | "media_check.start"
  | "media_check.join"
  | "consultation.schedule"
  | "consultation.reschedule"
  | "consultation.cancel"
  | "consultation.start"
  | "consultation.end"
  | "consultation.lapse"
  | "consultation.room_closed"
  | "participant.add"
  | "participant.remove"
  | "participant.mute"
  | "participant.admit"
  | "participant.deny"
  | "participant.sent_to_waiting_room"
  | "consultation.auto_admit"
  | "chat.message"
  | "invite.link_issued"
  | "invite.email_sent"
  | "invite.redeem"
  | "invite.refused"
  | "invite.binding_reset"
  | "livekit.token_issued"
  | "livekit.token_refused"
  | "livekit.webhook_rejected"
  | "recording.request"
  | "recording.consent_granted"
  | "recording.consent_declined"
  | "recording.consent_withdrawn"
  | "recording.declined"
  | "recording.start"
  | "recording.media_started"
  | "recording.stop"
  | "recording.ready"
  | "recording.partial"
  | "recording.failed"
  | "recording.view"
  | "recording.download"
  | "recording.integrity_failed"
  | "recording.delete";

export type AuditActor =
  | { type: "USER"; id: string }
  | { type: "PARTICIPANT"; id: string }
  | { type: "SYSTEM" }
  | { type: "ANONYMOUS" };

/** Only ids, codes, numbers and flags: the type keeps free text (and PHI) out. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditInput = {
  actor: AuditActor;
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  detail?: AuditDetail;
  request?: RequestMeta;
};

type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/** Writes one audit event; pass the transaction client to audit in the same transaction. */
export async function audit(input: AuditInput, writer: AuditWriter = db()): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorType: input.actor.type,
      actorId: "id" in input.actor ? input.actor.id : null,
      action: input.action,
      objectType: input.objectType ?? null,
      objectId: input.objectId ?? null,
      ip: input.request?.ip ?? null,
      userAgent: input.request?.userAgent ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    },
  });
}
