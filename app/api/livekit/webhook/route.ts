import { audit } from "@/lib/audit";
import { logger } from "@/lib/logger";
import { requestMetaFrom } from "@/lib/request-meta";
import { handleWebhookEvent } from "@/lib/server/livekit-webhooks/handle-webhook-event";
import { type RejectionReason, verifyWebhook } from "@/lib/server/livekit-webhooks/verify-webhook";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * LiveKit's room and participant events (attendance, visit start, room closed).
 * No session here: the signature over the body is the only credential, so
 * everything is checked in this handler.
 */
export async function POST(request: Request) {
  let eventId: string | undefined;
  try {
    const verified = await verifyWebhook(await request.text(), request.headers.get("authorization"));
    if (!verified.ok) return await reject(request, verified.reason);
    const { event } = verified;
    eventId = event.id;
    const outcome = await handleWebhookEvent(event);
    logger().debug({ webhookId: event.id, event: event.event, outcome }, "livekit webhook");
    return Response.json({ ok: true }, { headers: NO_STORE });
  } catch (error) {
    // The effects and the event id share one transaction: nothing was kept, so a redelivery applies in full.
    logger().error({ err: error, webhookId: eventId }, "livekit webhook failed");
    return Response.json({ error: "internal error" }, { status: 500, headers: NO_STORE });
  }
}

async function reject(request: Request, reason: RejectionReason): Promise<Response> {
  try {
    await audit({
      actor: { type: "ANONYMOUS" },
      action: "livekit.webhook_rejected",
      detail: { reason },
      request: requestMetaFrom(request.headers),
    });
  } catch (error) {
    logger().error({ err: error, reason }, "could not audit a rejected livekit webhook");
  }
  return Response.json({ error: "invalid signature" }, { status: 401, headers: NO_STORE });
}
