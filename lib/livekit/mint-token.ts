import "server-only";
import { AccessToken } from "livekit-server-sdk";
import { liveKitServerConfig } from "@/lib/livekit/server-config";
import { clampTtl, grantsFor, type LiveKitRole, MAX_TOKEN_TTL_SECONDS } from "@/lib/livekit/token-policy";

export type MintTokenInput = {
  /** An opaque id (participant record id): never a name or email. */
  identity: string;
  /** The display name others see. */
  name: string;
  room: string;
  role: LiveKitRole;
  ttlSeconds?: number;
};

export type JoinCredentials = { serverUrl: string; token: string; room: string; expiresInSeconds: number };

/** Signs a join token for exactly one room with the grants of one role. */
export async function mintJoinToken(input: MintTokenInput): Promise<JoinCredentials> {
  const { apiKey, apiSecret, publicUrl } = liveKitServerConfig();
  const ttl = clampTtl(input.ttlSeconds ?? MAX_TOKEN_TTL_SECONDS);
  const token = new AccessToken(apiKey, apiSecret, {
    identity: input.identity,
    name: input.name,
    ttl,
    attributes: { role: input.role },
    metadata: JSON.stringify({ role: input.role }),
  });
  token.addGrant(grantsFor(input.role, input.room));
  return { serverUrl: publicUrl, token: await token.toJwt(), room: input.room, expiresInSeconds: ttl };
}
