import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export type RequestMeta = { ip: string | null; userAgent: string | null };

/**
 * The caller's address. scripts/serve.mjs rewrites X-Forwarded-For from the
 * socket (replacing what the client wrote, or appending to it behind a trusted
 * proxy), so the last entry is the peer we saw and, behind one trusted
 * reverse proxy, the entry before it is the address that proxy saw.
 */
export function clientIpFrom(forwardedFor: string | null | undefined, trustProxy: boolean): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  const chosen = trustProxy && hops.length >= 2 ? hops[hops.length - 2] : hops[hops.length - 1];
  return chosen?.slice(0, 64) ?? null;
}

export function requestMetaFrom(headerBag: { get(name: string): string | null }): RequestMeta {
  return {
    ip: clientIpFrom(headerBag.get("x-forwarded-for"), env().TRUST_PROXY),
    userAgent: headerBag.get("user-agent")?.slice(0, 256) ?? null,
  };
}

/** For server components, actions and route handlers. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}
