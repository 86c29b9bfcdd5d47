import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getFreeTcpPort } from "../../scripts/lib/ports.mjs";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const livekit = inject("livekit");
let workDir: string;
let databaseUrl: string;
const saved = { ...process.env };

/** Loads the health route as a fresh server process would, with these settings. */
async function healthRoute(settings: Record<string, string>) {
  vi.resetModules();
  delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
  Object.assign(process.env, {
    AUTH_SECRET: "a".repeat(40),
    DATABASE_URL: databaseUrl,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    ...settings,
  });
  return import("@/app/api/health/route");
}

describe("GET /api/health", () => {
  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-health-"));
    databaseUrl = `file:${path.join(workDir, "health.db")}`;
    applyMigrations(root, { ...process.env, DATABASE_URL: databaseUrl });
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("answers 200 when the database and LiveKit both answer", async () => {
    const { GET } = await healthRoute({});
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "up", livekit: "up" } });
  });

  it("answers 503 naming LiveKit when it is unreachable", async () => {
    const { GET } = await healthRoute({ LIVEKIT_URL: `ws://127.0.0.1:${await getFreeTcpPort()}` });
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", checks: { database: "up", livekit: "down" } });
  });

  it("answers 503 naming LiveKit when our API secret is refused", async () => {
    const { GET } = await healthRoute({ LIVEKIT_API_SECRET: "w".repeat(40) });
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body).checks.livekit).toBe("down");
    expect(body).not.toContain("w".repeat(40));
  });

  it("answers 503 naming the database when it cannot be opened", async () => {
    const { GET } = await healthRoute({ DATABASE_URL: `file:${path.join(workDir, "no-such-dir", "x.db")}` });
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", checks: { database: "down", livekit: "up" } });
  });
});
