import "server-only";
import { consultationWindowSelect } from "@/lib/consultations/window-select";
import { db } from "@/lib/db";
import { hashSecretToken, INVITE_TOKEN_PATTERN } from "@/lib/invites/invite-token";

/** The participant behind an invite token, with what the join pages show; null for unknown tokens. */
export async function findInvite(token: string) {
  if (!INVITE_TOKEN_PATTERN.test(token)) return null;
  return db().participant.findUnique({
    where: { inviteTokenHash: hashSecretToken(token) },
    select: {
      id: true,
      role: true,
      displayName: true,
      revokedAt: true,
      deviceSecretHash: true,
      consultation: {
        select: {
          id: true,
          ...consultationWindowSelect,
          timeZone: true,
          host: { select: { displayName: true } },
        },
      },
    },
  });
}

export type Invite = NonNullable<Awaited<ReturnType<typeof findInvite>>>;
