import "server-only";
import { invalidInput } from "@/lib/actions/safe-action";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { consultationWindowSelect } from "@/lib/consultations/window-select";
import { db } from "@/lib/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { accessVerdict } from "@/lib/server/tokens/issue-participant-token";
import { chatTextSchema, type PostedChatMessage } from "@/lib/validations/chat";

const REFUSALS = {
  TOO_EARLY: "VISIT_TOO_EARLY",
  CANCELLED: "VISIT_CANCELLED",
  COMPLETED: "VISIT_ENDED",
  EXPIRED: "VISIT_ENDED",
  REVOKED: "INVITE_REVOKED",
} as const satisfies Record<string, ErrorCode>;

/**
 * Stores one chat message from a participant the caller has already resolved
 * on the server (bound device or staff session), so the sender is never what
 * the browser claimed. Only someone let into an open visit may write; the
 * check and the write share one transaction. The text is PHI: it is stored
 * and shown, never logged or audited.
 */
export async function postChatMessage(
  input: { participantId: string; text: string },
  actor: AuditActor,
  request: RequestMeta,
): Promise<PostedChatMessage> {
  // Checked again here (not only in the action): this is the one place chat is written.
  const parsed = chatTextSchema.safeParse(input.text);
  if (!parsed.success) throw invalidInput(parsed.error);
  const text = parsed.data;

  return db().$transaction(async (tx) => {
    const participant = await tx.participant.findUnique({
      where: { id: input.participantId },
      select: {
        id: true,
        revokedAt: true,
        admission: true,
        consultation: {
          select: {
            id: true,
            ...consultationWindowSelect,
          },
        },
      },
    });
    if (!participant) throw new AppError("NOT_FOUND");
    const verdict = accessVerdict(participant, participant.consultation, now());
    if (verdict !== "OPEN") throw new AppError(REFUSALS[verdict]);
    if (participant.admission !== "ADMITTED") {
      throw new AppError(participant.admission === "DENIED" ? "ADMISSION_DENIED" : "NOT_ADMITTED");
    }

    const message = await tx.chatMessage.create({
      data: { consultationId: participant.consultation.id, participantId: participant.id, text },
      select: { id: true, createdAt: true },
    });
    await audit(
      {
        actor,
        action: "chat.message",
        objectType: "ChatMessage",
        objectId: message.id,
        detail: { consultationId: participant.consultation.id, participantId: participant.id },
        request,
      },
      tx,
    );
    return { id: message.id, createdAt: message.createdAt.toISOString() };
  });
}
