import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getFreeTcpPort, getFreeUdpPort, isTcpPortFree, isUdpPortFree } from "../../scripts/lib/ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");

type Outcome = { code: number | null; stderr: string };

/** Runs `npm start`'s script with the given settings on top of a clean environment. */
function start(settings: Record<string, string>): Promise<Outcome> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The caller's own settings must not leak into the case under test.
    if (/^(LIVEKIT_|DATABASE_URL|PORT|HOSTNAME|APP_URL|AUTH_SECRET|DEMO_MODE|NEXTAUTH_)/.test(key)) continue;
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: root,
      env: { ...env, ...settings } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("npm start refuses bad settings with one line, and starts nothing", () => {
  let dataDir: string;
  let ports: { PORT: string; LIVEKIT_PORT: string; LIVEKIT_RTC_TCP_PORT: string; LIVEKIT_RTC_UDP_PORT: string };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-preflight-"));
    ports = {
      PORT: String(await getFreeTcpPort()),
      LIVEKIT_PORT: String(await getFreeTcpPort()),
      LIVEKIT_RTC_TCP_PORT: String(await getFreeTcpPort()),
      LIVEKIT_RTC_UDP_PORT: String(await getFreeUdpPort()),
    };
  });

  afterEach(async () => {
    // Nothing may be left listening on any of the ports it was given.
    expect(await isTcpPortFree(Number(ports.PORT))).toBe(true);
    expect(await isTcpPortFree(Number(ports.LIVEKIT_PORT))).toBe(true);
    expect(await isTcpPortFree(Number(ports.LIVEKIT_RTC_TCP_PORT))).toBe(true);
    expect(await isUdpPortFree(Number(ports.LIVEKIT_RTC_UDP_PORT))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function expectOneLine(outcome: Outcome, ...mustMention: string[]) {
    expect(outcome.code).not.toBe(0);
    const lines = outcome.stderr.trim().split("\n");
    expect(lines, outcome.stderr).toHaveLength(1);
    for (const word of mustMention) expect(lines[0]).toContain(word);
  }

  it("a LiveKit secret shorter than 32 characters", async () => {
    const outcome = await start({
      ...ports,
      OPENCONSULT_DATA_DIR: dataDir,
      LIVEKIT_API_KEY: "APItestkey",
      LIVEKIT_API_SECRET: "x".repeat(31),
    });
    expectOneLine(outcome, "LIVEKIT_API_SECRET", "32 characters");
  });

  it("the app's port already taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(ports.PORT), "127.0.0.1", resolve));
    try {
      const outcome = await start({ ...ports, OPENCONSULT_DATA_DIR: dataDir });
      expectOneLine(outcome, `Port ${ports.PORT}`, "set PORT");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("LiveKit's signalling port already taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(ports.LIVEKIT_PORT), "127.0.0.1", resolve));
    try {
      const outcome = await start({ ...ports, OPENCONSULT_DATA_DIR: dataDir });
      expectOneLine(outcome, `Port ${ports.LIVEKIT_PORT}`, "LIVEKIT_PORT");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("a DATABASE_URL for a database we do not support", async () => {
    const outcome = await start({ ...ports, OPENCONSULT_DATA_DIR: dataDir, DATABASE_URL: "postgres://db.example/x" });
    expectOneLine(outcome, "DATABASE_URL");
  });

  it("a DATABASE_URL in a folder that does not exist", async () => {
    const outcome = await start({
      ...ports,
      OPENCONSULT_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(os.tmpdir(), `openconsult-missing-${process.pid}`, "x.db")}`,
    });
    expectOneLine(outcome, "DATABASE_URL", "does not exist");
  });
});
