import "server-only";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { generateSecretToken, hashSecretToken } from "@/lib/invites/invite-token";
import type { RequestMeta } from "@/lib/request-meta";
import type { Invite } from "./find-invite";

/**
 * Binds an open, unbound invite to this browser's device secret (made now if
 * the browser has none). The update only succeeds while the invite is still
 * unbound, so two browsers racing for one link cannot both win.
 */
export async function redeemInvite(
  invite: Invite,
  deviceSecret: string | null,
  request: RequestMeta,
): Promise<{ bound: true; deviceSecret: string } | { bound: false }> {
  const secret = deviceSecret ?? generateSecretToken();
  const bound = await db().$transaction(async (tx) => {
    const { count } = await tx.participant.updateMany({
      where: { id: invite.id, deviceSecretHash: null, revokedAt: null },
      data: { deviceSecretHash: hashSecretToken(secret), redeemedAt: now() },
    });
    if (count === 1) {
      await audit(
        {
          actor: { type: "PARTICIPANT", id: invite.id },
          action: "invite.redeem",
          objectType: "Participant",
          objectId: invite.id,
          detail: { consultationId: invite.consultation.id, role: invite.role },
          request,
        },
        tx,
      );
    }
    return count === 1;
  });
  return bound ? { bound: true, deviceSecret: secret } : { bound: false };
}
