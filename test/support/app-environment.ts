import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDbClient } from "@/lib/db-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "../..");

export type AppEnvironment = { db: PrismaClient; databaseUrl: string; workDir: string; close: () => Promise<void> };

/**
 * Points the app's server code at a fresh, migrated database and the run's
 * real LiveKit server, as a server process would see them. Call it before the
 * first use of env() or db() in a test file (each file has its own modules).
 */
export function setUpAppEnvironment(settings: Record<string, string> = {}): AppEnvironment {
  const livekit = inject("livekit");
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-int-"));
  const databaseUrl = `file:${path.join(workDir, "app.db")}`;
  Object.assign(process.env, {
    NODE_ENV: "test",
    AUTH_SECRET: "integration-auth-secret-0123456789abcdef",
    APP_URL: "http://127.0.0.1:3999",
    DATABASE_URL: databaseUrl,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: "silent",
    ...settings,
  });
  applyMigrations(root, { ...process.env });
  const db = createDbClient(databaseUrl);
  return {
    db,
    databaseUrl,
    workDir,
    close: async () => {
      await db.$disconnect();
      const shared = (globalThis as { openConsultDb?: PrismaClient }).openConsultDb;
      await shared?.$disconnect();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** A Staff object as the session layer would produce it. */
export function asStaff(user: { id: string; role: "ADMIN" | "CLINICIAN"; displayName: string; email: string }) {
  return { ...user, sessionId: "test-session" };
}

export const testRequest = { ip: "127.0.0.1", userAgent: "vitest" };
