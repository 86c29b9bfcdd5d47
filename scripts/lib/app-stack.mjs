// A complete OpenConsult on free loopback ports, for tests and benchmarks: a
// real LiveKit server and the production app, with a fresh database in
// `workDir`. Returns where everything is and a stop() that ends both.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } from "./livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "./ports.mjs";
import {
  applyMigrations,
  ensureProductionBuild,
  spawnApp,
  stopChild,
  superviseRecorder,
  waitForHttpOk,
} from "./steps.mjs";

/**
 * @param {{ root: string, workDir: string, settings?: Record<string, string> }} options
 */
export async function startAppStack({ root, workDir, settings = {} }) {
  /** @type {(() => Promise<void>)[]} */
  const stops = [];
  const stop = async () => {
    for (const each of stops.reverse()) await each().catch(() => {});
  };
  try {
    const { apiKey, apiSecret } = generateApiCredentials();
    const appPort = await getFreeTcpPort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const authSecret = randomBytes(36).toString("base64url");

    const liveKit = await startLiveKitServer({
      binary: await obtainLiveKitBinary({ projectRoot: root }),
      apiKey,
      apiSecret,
      port: await getFreeTcpPort(),
      rtcTcpPort: await getFreeTcpPort(),
      rtcUdpPort: await getFreeUdpPort(),
      webhookUrl: `${appUrl}/api/livekit/webhook`,
      logFile: path.join(workDir, "livekit.log"),
    });
    stops.push(liveKit.stop);

    /** @type {NodeJS.ProcessEnv} */
    const env = {
      ...process.env,
      PORT: String(appPort),
      HOSTNAME: "127.0.0.1",
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: authSecret,
      AUTH_SECRET: authSecret,
      DATABASE_URL: `file:${path.join(workDir, "app.db")}`,
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_KEY: apiKey,
      LIVEKIT_API_SECRET: apiSecret,
      DEMO_MODE: "false",
      LOG_LEVEL: "warn",
      E2E_EXPOSE_ROOM: "true",
      RECORDINGS_DIR: path.join(workDir, "recordings"),
      ...settings,
    };
    ensureProductionBuild(root, env);
    applyMigrations(root, env);

    const app = spawnApp(root, env);
    stops.push(() => stopChild(app));
    if (!(await waitForHttpOk(`${appUrl}/api/health`, 60_000, () => app.exitCode === null))) {
      throw new Error(`The app did not become healthy at ${appUrl}/api/health`);
    }
    const recorderPidFile = path.join(workDir, "recorder.pid");
    const recorder = superviseRecorder(root, env, { pidFile: recorderPidFile });
    stops.push(recorder.stop);
    return {
      appUrl,
      databaseUrl: /** @type {string} */ (env.DATABASE_URL),
      liveKit: { url: liveKit.url, apiKey, apiSecret },
      recorderPidFile,
      recordingsDir: /** @type {string} */ (env.RECORDINGS_DIR),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
