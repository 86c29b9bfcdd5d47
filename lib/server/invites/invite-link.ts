import "server-only";
import { env } from "@/lib/env";
import { generateSecretToken, hashSecretToken } from "@/lib/invites/invite-token";

/** A new personal link: the raw token goes to the person once; only its hash is stored. */
export function newInviteToken(): { token: string; hash: string } {
  const token = generateSecretToken();
  return { token, hash: hashSecretToken(token) };
}

export function inviteUrl(token: string): string {
  return new URL(`/join/${token}`, env().APP_URL).toString();
}
