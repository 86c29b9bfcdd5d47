import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { joinWindow } from "@/lib/consultations/join-window";
import { formatInZone } from "@/lib/consultations/local-time";
import { env } from "@/lib/env";
import { type JoinPage, renderJoinPage } from "@/lib/invites/join-page-html";
import { createLimiter, type Limiter } from "@/lib/rate-limit";
import { requestMetaFrom } from "@/lib/request-meta";
import { deviceCookieHeader, deviceSecretFrom } from "./device-cookie";
import { findInvite, type Invite } from "./find-invite";
import { type InviteState, inviteState } from "./invite-state";
import { redeemInvite } from "./redeem-invite";

// Invite links are never cached, never leaked onward, never indexed.
const BASE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

let limiter: Limiter | undefined;
function joinLimiter(): Limiter {
  limiter ??= createLimiter(env().JOIN_LINK_RATE_LIMIT, 300);
  return limiter;
}

function html(status: number, page: JoinPage, extraHeaders: Record<string, string> = {}): Response {
  return new Response(renderJoinPage(page), { status, headers: { ...BASE_HEADERS, ...extraHeaders } });
}

function redirectToVisit(participantId: string, cookie?: string): Response {
  const headers: Record<string, string> = { ...BASE_HEADERS, Location: `/visit/${participantId}` };
  if (cookie) headers["Set-Cookie"] = cookie;
  return new Response(null, { status: 303, headers });
}

function when(invite: Invite): string {
  return formatInZone(invite.consultation.scheduledStart, invite.consultation.timeZone);
}

/** The page (and status) for each state that is not "go on". Unknown and expired links are answered alike. */
function refusalPage(state: Exclude<InviteState, "OPEN" | "BOUND_HERE">, invite: Invite | null): Response {
  switch (state) {
    case "TOO_EARLY": {
      const c = (invite as Invite).consultation;
      const opensAt = formatInZone(joinWindow(c).opensAt, c.timeZone);
      return html(200, {
        title: "Your visit is not open yet",
        paragraphs: [
          `Your visit with ${c.host.displayName} is on ${when(invite as Invite)}.`,
          `The waiting room opens at ${opensAt}, ${c.opensBeforeMinutes} minutes before the start. Open this same link again then.`,
        ],
      });
    }
    case "CANCELLED":
      return html(410, {
        title: "This visit was cancelled",
        paragraphs: ["Your clinic cancelled this visit. Contact them to arrange a new time."],
      });
    case "COMPLETED":
      return html(410, {
        title: "This visit has ended",
        paragraphs: [
          "This visit is over, and its link no longer works. Contact your clinic if you need anything else.",
        ],
      });
    case "REVOKED":
      return html(410, {
        title: "This invitation is no longer valid",
        paragraphs: ["Your clinic has withdrawn this link. Contact them if you think this is a mistake."],
      });
    case "IN_USE_ELSEWHERE":
      return html(409, {
        title: "This link is already in use on another device",
        paragraphs: [
          "For your privacy, each invitation link works on one device only, and it was already opened on another one.",
          "Use the device where you first opened it, or contact your clinic so they can reset it for this device.",
        ],
      });
    case "EXPIRED":
    case "UNKNOWN":
      return html(410, {
        title: "This link has expired or is not valid",
        paragraphs: [
          "Check that you opened the most recent invitation from your clinic, and that the whole link was copied.",
          "If it still does not work, contact your clinic for a new link.",
        ],
      });
  }
}

async function auditRefusal(state: InviteState, invite: Invite | null, request: ReturnType<typeof requestMetaFrom>) {
  const actor: AuditActor = invite ? { type: "PARTICIPANT", id: invite.id } : { type: "ANONYMOUS" };
  await audit({
    actor,
    action: "invite.refused",
    objectType: invite ? "Participant" : "Invite",
    objectId: invite?.id,
    detail: { reason: state, consultationId: invite?.consultation.id ?? null },
    request,
  });
}

/**
 * GET (and HEAD) show a page and change nothing: mail scanners and link
 * previews open links before people do. POST redeems: binds the link to this
 * browser and redirects to a visit URL without the token.
 */
export async function respondToJoinLink(request: Request, token: string, method: "GET" | "POST"): Promise<Response> {
  const meta = requestMetaFrom(request.headers);
  const limit = await joinLimiter().consume(meta.ip ?? "unknown");
  if (!limit.allowed) {
    return html(
      429,
      { title: "Too many attempts", paragraphs: ["Please wait a few minutes, then open your link again."] },
      { "Retry-After": String(limit.retryAfterSeconds) },
    );
  }

  const invite = await findInvite(token);
  const deviceSecret = deviceSecretFrom(request.headers.get("cookie"));
  const state = inviteState(invite, deviceSecret, now());

  if (state === "BOUND_HERE" && invite) return redirectToVisit(invite.id);
  if (state !== "OPEN" || !invite) {
    await auditRefusal(state, invite, meta);
    return refusalPage(state as Exclude<InviteState, "OPEN" | "BOUND_HERE">, invite);
  }

  if (method === "GET") {
    return html(200, {
      title: `Join your visit with ${invite.consultation.host.displayName}`,
      paragraphs: [
        `Hello ${invite.displayName}. Your video visit is on ${when(invite)}.`,
        "Continuing opens your visit on this device. The link is personal: it will then work on this device only.",
      ],
      form: { action: `/join/${token}`, button: "Continue to my visit" },
    });
  }

  const redeemed = await redeemInvite(invite, deviceSecret, meta);
  if (!redeemed.bound) {
    // Another browser bound it a moment ago.
    await auditRefusal("IN_USE_ELSEWHERE", invite, meta);
    return refusalPage("IN_USE_ELSEWHERE", invite);
  }
  return redirectToVisit(invite.id, deviceCookieHeader(redeemed.deviceSecret));
}
