import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request-meta";

/**
 * Keyed hashes of the address and browser an answer came from: enough to show
 * two answers came from the same place, without keeping either value.
 */
export function consentFingerprint(request: RequestMeta): { ipHash: string | null; userAgentHash: string | null } {
  const hash = (value: string | null) =>
    value ? createHmac("sha256", env().AUTH_SECRET).update(value).digest("hex").slice(0, 32) : null;
  return { ipHash: hash(request.ip), userAgentHash: hash(request.userAgent) };
}
