import "server-only";
import { createHmac } from "node:crypto";
import { audit } from "@/lib/audit";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { isOverLimit, SIGN_IN_WINDOW_MS } from "@/lib/auth/sign-in-limits";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request-meta";
import { signInSchema } from "@/lib/validations/auth";

export type AuthenticationResult = { ok: true; userId: string } | { ok: false; reason: "INVALID" | "RATE_LIMITED" };

/**
 * A keyed hash of the email: failed attempts against one account can be
 * counted (even for accounts that do not exist) without the audit log holding
 * email addresses.
 */
function accountKey(email: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`sign-in:${email}`).digest("base64url").slice(0, 32);
}

async function recentFailures(key: string, ip: string | null) {
  const since = new Date(now().getTime() - SIGN_IN_WINDOW_MS);
  const [account, byIp] = await Promise.all([
    db().auditEvent.count({ where: { action: "auth.sign_in_failed", objectId: key, createdAt: { gte: since } } }),
    ip ? db().auditEvent.count({ where: { action: "auth.sign_in_failed", ip, createdAt: { gte: since } } }) : 0,
  ]);
  return { account, ip: byIp };
}

/** Checks staff credentials; every failure is audited, and too many are refused. */
export async function authenticateStaff(input: unknown, request: RequestMeta): Promise<AuthenticationResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;
  const key = accountKey(email);

  if (isOverLimit(await recentFailures(key, request.ip))) {
    await audit({
      actor: { type: "ANONYMOUS" },
      action: "auth.sign_in_rate_limited",
      objectType: "SignIn",
      objectId: key,
      request,
    });
    return { ok: false, reason: "RATE_LIMITED" };
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);

  if (!user || !passwordOk || user.disabledAt) {
    const cause = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "account_disabled";
    await audit({
      actor: { type: "ANONYMOUS" },
      action: "auth.sign_in_failed",
      objectType: "SignIn",
      objectId: key,
      detail: { cause, userId: user?.id ?? null },
      request,
    });
    return { ok: false, reason: "INVALID" };
  }

  return { ok: true, userId: user.id };
}
