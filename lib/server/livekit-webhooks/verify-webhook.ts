import "server-only";
import { type WebhookEvent, WebhookReceiver } from "livekit-server-sdk";
import { liveKitServerConfig } from "@/lib/livekit/server-config";

export type RejectionReason = "missing_signature" | "invalid_signature" | "body_mismatch" | "malformed_body";

export type VerifiedWebhook = { ok: true; event: WebhookEvent } | { ok: false; reason: RejectionReason };

/**
 * Checks that a webhook was signed by our LiveKit server: the Authorization
 * header is a JWT signed with our API secret whose `sha256` claim is the hash
 * of this exact body. Returns a reason code (never the error text) when not.
 */
export async function verifyWebhook(body: string, authorization: string | null): Promise<VerifiedWebhook> {
  if (!authorization) return { ok: false, reason: "missing_signature" };
  const { apiKey, apiSecret } = liveKitServerConfig();
  try {
    const event = await new WebhookReceiver(apiKey, apiSecret).receive(body, authorization);
    return { ok: true, event };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // jose's errors carry ERR_JW* codes: bad signature, wrong issuer, expired, not a JWT.
    if (typeof code === "string" && code.startsWith("ERR_JW")) return { ok: false, reason: "invalid_signature" };
    if (error instanceof Error && /sha256/i.test(error.message)) return { ok: false, reason: "body_mismatch" };
    // The signature and hash held, so what failed is parsing a body LiveKit signed.
    return { ok: false, reason: "malformed_body" };
  }
}
