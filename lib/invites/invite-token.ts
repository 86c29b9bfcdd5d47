import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Invite link tokens and device secrets: 256 random bits, shown once, stored
 * only as SHA-256 hashes (a database leak does not leak working links).
 */
export function generateSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function matchesHash(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashSecretToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Tokens as they appear in a URL: base64url of 32 bytes. Anything else is refused before a lookup. */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
