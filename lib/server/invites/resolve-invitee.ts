import "server-only";
import { cookies } from "next/headers";
import { consultationWindowSelect } from "@/lib/consultations/window-select";
import { db } from "@/lib/db";
import { matchesHash } from "@/lib/invites/invite-token";
import { deviceCookieName } from "./device-cookie";

/**
 * The invitee this browser is, for a participant id in a URL: only if the
 * browser holds the device secret the invite was bound to. The id alone
 * grants nothing.
 */
export async function resolveInvitee(participantId: string) {
  const secret = (await cookies()).get(deviceCookieName())?.value;
  if (!secret || participantId.length > 64) return null;
  const participant = await db().participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      role: true,
      displayName: true,
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
  if (!participant || !matchesHash(secret, participant.deviceSecretHash)) return null;
  const { deviceSecretHash: _hash, ...invitee } = participant;
  return invitee;
}
