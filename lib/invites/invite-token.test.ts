import { describe, expect, it } from "vitest";
import { generateSecretToken, hashSecretToken, INVITE_TOKEN_PATTERN, matchesHash } from "@/lib/invites/invite-token";

describe("invite tokens", () => {
  it("carry 256 random bits in a URL-safe form", () => {
    const token = generateSecretToken();
    expect(token).toMatch(INVITE_TOKEN_PATTERN);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(new Set(Array.from({ length: 1000 }, generateSecretToken)).size).toBe(1000);
  });

  it("are stored as a hash that does not contain the token", () => {
    const token = generateSecretToken();
    const hash = hashSecretToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(matchesHash(token, hash)).toBe(true);
    expect(matchesHash(generateSecretToken(), hash)).toBe(false);
    expect(matchesHash(token, null)).toBe(false);
  });
});
