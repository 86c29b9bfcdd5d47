import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } from "../scripts/lib/livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "../scripts/lib/ports.mjs";
import { applyMigrations, ensureProductionBuild, spawnApp, stopChild, waitForHttpOk } from "../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts what a person's browser talks to: a real LiveKit server and the
 * production build of the app, each on a free port, with a fresh database.
 * Returns the teardown that stops both and removes the temporary folder.
 */
export default async function globalSetup() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-e2e-"));
  const stops: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const { apiKey, apiSecret } = generateApiCredentials();
    const appPort = await getFreeTcpPort();
    const liveKitPort = await getFreeTcpPort();
    const rtcTcpPort = await getFreeTcpPort();
    const rtcUdpPort = await getFreeUdpPort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const authSecret = randomBytes(36).toString("base64url");

    const liveKit = await startLiveKitServer({
      binary: await obtainLiveKitBinary({ projectRoot: root }),
      apiKey,
      apiSecret,
      port: liveKitPort,
      rtcTcpPort,
      rtcUdpPort,
      webhookUrl: `${appUrl}/api/livekit/webhook`,
      logFile: path.join(workDir, "livekit.log"),
    });
    stops.push(liveKit.stop);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(appPort),
      HOSTNAME: "127.0.0.1",
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: authSecret,
      AUTH_SECRET: authSecret,
      DATABASE_URL: `file:${path.join(workDir, "e2e.db")}`,
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_KEY: apiKey,
      LIVEKIT_API_SECRET: apiSecret,
      DEMO_MODE: "false",
      LOG_LEVEL: "warn",
    };
    ensureProductionBuild(root, env);
    applyMigrations(root, env);

    const app = spawnApp(root, env);
    stops.push(() => stopChild(app));
    if (!(await waitForHttpOk(`${appUrl}/api/health`, 60_000, () => app.exitCode === null))) {
      throw new Error(`The app did not become healthy at ${appUrl}/api/health`);
    }

    // Workers inherit these: where the app, its database and LiveKit are.
    process.env.E2E_BASE_URL = appUrl;
    process.env.E2E_DATABASE_URL = env.DATABASE_URL;
    process.env.E2E_LIVEKIT_URL = liveKit.url;
    process.env.E2E_LIVEKIT_API_KEY = apiKey;
    process.env.E2E_LIVEKIT_API_SECRET = apiSecret;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
