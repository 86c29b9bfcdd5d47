import "server-only";
import { z } from "zod";
import { type AuditAction, audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { type JoinCredentials, mintJoinToken } from "@/lib/livekit/mint-token";
import { randomBase62 } from "@/lib/random-id";
import type { RequestMeta } from "@/lib/request-meta";

/** A media-check room records in LiveKit who opened it, so only they (or an admin) can watch it. */
export const mediaCheckMetadataSchema = z.object({ kind: z.literal("media-check"), ownerId: z.string() });

export type MediaCheckMetadata = z.infer<typeof mediaCheckMetadataSchema>;

export function parseMediaCheckMetadata(metadata: string | undefined): MediaCheckMetadata | null {
  try {
    const parsed = mediaCheckMetadataSchema.safeParse(JSON.parse(metadata ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Signs a media-check token (sender publishes; receiver only watches) and audits it. */
export async function issueMediaCheckToken(
  staff: Staff,
  room: string,
  side: "sender" | "receiver",
  request: RequestMeta,
): Promise<JoinCredentials> {
  const role = side === "sender" ? "CLINICIAN" : "OBSERVER";
  const action: AuditAction = side === "sender" ? "media_check.start" : "media_check.join";
  const credentials = await mintJoinToken({
    identity: `mc-${side}-${randomBase62(12)}`,
    name: `Media check ${side}`,
    room,
    role,
  });
  await audit({
    actor: { type: "USER", id: staff.id },
    action,
    objectType: "LiveKitRoom",
    objectId: room,
    detail: { grantRole: role, ttlSeconds: credentials.expiresInSeconds },
    request,
  });
  return credentials;
}
