#!/usr/bin/env node
// `npm start`: everything OpenConsult needs, on a fresh clone, in one command.
// Installs dependencies, generates secrets, obtains and starts a LiveKit server
// (unless LIVEKIT_URL points at an external one), migrates and seeds the
// database, builds, and serves the app. Ctrl-C stops every process it started.
// `npm run dev` does the same with `next dev` instead of a production build.
import fs from "node:fs";
import path from "node:path";
import { obtainLiveKitBinary, startLiveKitServer, validateServerOptions } from "./lib/livekit.mjs";
import { isTcpPortFree } from "./lib/ports.mjs";
import { loadStartSettings } from "./lib/settings.mjs";
import {
  applyMigrations,
  ensureDependencies,
  ensurePrismaClient,
  ensureProductionBuild,
  hasCommand,
  StartError,
  spawnApp,
  stopChild,
  superviseRecorder,
  waitForHttpOk,
} from "./lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "..");
// OPENCONSULT_DATA_DIR moves the database, secrets and logs (tests use a temporary folder).
const dataDir = path.resolve(root, process.env.OPENCONSULT_DATA_DIR || ".data");
const devMode = process.argv.includes("--dev");
const startedAt = Date.now();

/** @type {{ name: string, stop: () => Promise<void> }[]} */
const running = [];
let stopping = false;

/** Errors from the LiveKit helpers are already one actionable line. */
function asStartError(/** @type {unknown} */ error) {
  throw new StartError(error instanceof Error ? error.message : String(error));
}

async function shutdown(/** @type {number} */ exitCode) {
  if (stopping) return;
  stopping = true;
  for (const service of running.reverse()) await service.stop().catch(() => {});
  process.exit(exitCode);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** Fails when a `file:` DATABASE_URL points into a folder that does not exist. */
function checkDatabaseFolder(url) {
  if (!url.startsWith("file:")) return;
  const file = path.resolve(root, url.slice("file:".length));
  const folder = path.dirname(file);
  if (file.startsWith(dataDir)) fs.mkdirSync(folder, { recursive: true });
  if (!fs.existsSync(folder)) {
    throw new StartError(
      `DATABASE_URL points into ${folder}, which does not exist: create that folder or set DATABASE_URL to file:./.data/openconsult.db`,
    );
  }
}

async function checkAppPort(port) {
  if (!(await isTcpPortFree(port))) {
    throw new StartError(
      `Port ${port} (the app, PORT) is already in use: stop what uses it or set PORT to a free port.`,
    );
  }
}

async function main() {
  const installed = ensureDependencies(root);
  const { settings, externalLiveKit } = loadStartSettings({ root, dataDir });

  // From here on TypeScript modules of the app can be imported (tsx is installed now).
  const { register } = await import("tsx/esm/api");
  register();
  const { parseEnv, ConfigError } = await import("../lib/env.ts");
  try {
    parseEnv({ ...settings, NODE_ENV: devMode ? "development" : "production" });
  } catch (error) {
    if (error instanceof ConfigError) throw new StartError(`Configuration error: ${error.message}`);
    throw error;
  }
  checkDatabaseFolder(settings.DATABASE_URL);
  const liveKitOptions = {
    apiKey: settings.LIVEKIT_API_KEY,
    apiSecret: settings.LIVEKIT_API_SECRET,
    port: Number(settings.LIVEKIT_PORT),
    rtcTcpPort: Number(settings.LIVEKIT_RTC_TCP_PORT),
    rtcUdpPort: Number(settings.LIVEKIT_RTC_UDP_PORT),
  };
  // Every check that can fail fast runs before anything is started.
  await checkAppPort(Number(settings.PORT));
  if (!externalLiveKit) await validateServerOptions(liveKitOptions).catch(asStartError);

  const liveKitBinary = externalLiveKit ? null : await obtainLiveKitBinary({ projectRoot: root }).catch(asStartError);
  ensurePrismaClient(root);
  applyMigrations(root, settings);

  if (settings.DEMO_MODE === "true" || settings.DEMO_MODE === "1" || settings.DEMO_MODE === "yes") {
    const { createDbClient } = await import("../lib/db-client.ts");
    const { seedDemo } = await import("../prisma/seed.ts");
    const db = createDbClient(settings.DATABASE_URL);
    try {
      await seedDemo(db, path.join(dataDir, "demo-credentials.json"));
    } finally {
      await db.$disconnect();
    }
  }

  if (!devMode) ensureProductionBuild(root, settings);

  if (liveKitBinary) {
    const liveKit = await startLiveKitServer({
      binary: liveKitBinary,
      ...liveKitOptions,
      webhookUrl: `http://127.0.0.1:${settings.PORT}/api/livekit/webhook`,
      logFile: path.join(dataDir, "livekit.log"),
      onExit: (/** @type {number | null} */ code) => {
        console.error(
          `The LiveKit server stopped unexpectedly (exit code ${code}); see ${path.join(dataDir, "livekit.log")}.`,
        );
        void shutdown(1);
      },
    }).catch(asStartError);
    running.push({ name: "livekit", stop: liveKit.stop });
  }

  const app = spawnApp(root, settings, { dev: devMode });
  running.push({ name: "app", stop: () => stopChild(app) });
  app.on("exit", (code) => {
    if (stopping) return;
    console.error(`The app stopped unexpectedly (exit code ${code}).`);
    void shutdown(1);
  });

  // Recording needs ffmpeg; without it the visit still runs and a request fails truthfully (NO_RECORDER).
  const ffmpegFound = hasCommand(settings.FFMPEG_PATH || "ffmpeg");
  if (ffmpegFound) {
    const recorder = superviseRecorder(root, settings);
    running.push({ name: "recorder", stop: recorder.stop });
  } else {
    console.warn("Recording is unavailable: ffmpeg was not found (Debian/Ubuntu: sudo apt-get install ffmpeg).");
  }

  const healthUrl = `http://127.0.0.1:${settings.PORT}/api/health`;
  const ready = await waitForHttpOk(healthUrl, devMode ? 120_000 : 60_000, () => app.exitCode === null);
  if (!ready) throw new StartError(`The app did not become healthy at ${healthUrl}; see the output above.`);

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    "",
    `OpenConsult is running at ${settings.APP_URL} (ready in ${seconds} s${installed ? ", dependencies installed" : ""})`,
    `  Video server: ${externalLiveKit ? `external, ${settings.LIVEKIT_URL}` : `LiveKit on ${settings.LIVEKIT_URL}`}`,
  ];
  const { readDemoCredentials } = await import("../prisma/seed.ts");
  const demo = settings.DEMO_MODE === "false" ? null : readDemoCredentials(path.join(dataDir, "demo-credentials.json"));
  if (demo) {
    lines.push("  Demo sign-ins (demo mode; set DEMO_MODE=false for real use):");
    for (const account of demo)
      lines.push(`    ${account.role.padEnd(9)} ${account.email}  password: ${account.password}`);
  }
  lines.push("  Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch(async (error) => {
  if (error instanceof StartError) console.error(`OpenConsult cannot start: ${error.message}`);
  else console.error("OpenConsult cannot start:", error);
  await shutdown(1);
});
