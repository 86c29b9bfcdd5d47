import "server-only";
import { randomBytes } from "node:crypto";
import { audit } from "@/lib/audit";
import { judgeSession, shouldTouch } from "@/lib/auth/session-policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { StaffRole } from "@/lib/permissions";
import type { RequestMeta } from "@/lib/request-meta";

/** What the rest of the app knows about the signed-in member of staff. */
export type Staff = {
  id: string;
  sessionId: string;
  role: StaffRole;
  displayName: string;
  email: string;
};

export async function createStaffSession(userId: string, request: RequestMeta): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + env().SESSION_MAX_HOURS * 3_600_000);
  await db().$transaction(async (tx) => {
    await tx.staffSession.create({ data: { id, userId, createdAt, lastSeenAt: createdAt, expiresAt } });
    await audit(
      { actor: { type: "USER", id: userId }, action: "auth.sign_in", objectType: "User", objectId: userId, request },
      tx,
    );
  });
  return id;
}

/**
 * Loads the staff member behind a session id, enforcing on the server the idle
 * and absolute limits, revocation and disabled accounts. Null means signed out.
 */
export async function resolveStaffSession(sessionId: string): Promise<Staff | null> {
  const session = await db().staffSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, role: true, displayName: true, email: true, disabledAt: true } },
    },
  });
  if (!session || session.user.disabledAt) return null;

  const at = now();
  const verdict = judgeSession(session, at, env().SESSION_IDLE_MINUTES);
  if (verdict !== "ACTIVE") {
    if (verdict !== "REVOKED") {
      await db().$transaction(async (tx) => {
        await tx.staffSession.update({ where: { id: session.id }, data: { revokedAt: at } });
        await audit(
          {
            actor: { type: "SYSTEM" },
            action: "auth.session_expired",
            objectType: "User",
            objectId: session.user.id,
            detail: { cause: verdict },
          },
          tx,
        );
      });
    }
    return null;
  }

  if (shouldTouch(session, at)) {
    await db().staffSession.update({ where: { id: session.id }, data: { lastSeenAt: at } });
  }
  const { user } = session;
  return { id: user.id, sessionId: session.id, role: user.role, displayName: user.displayName, email: user.email };
}

export async function revokeStaffSession(sessionId: string): Promise<void> {
  const session = await db().staffSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, revokedAt: true },
  });
  if (!session || session.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.staffSession.update({ where: { id: sessionId }, data: { revokedAt: now() } });
    await audit(
      {
        actor: { type: "USER", id: session.userId },
        action: "auth.sign_out",
        objectType: "User",
        objectId: session.userId,
      },
      tx,
    );
  });
}
