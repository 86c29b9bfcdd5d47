import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppStack } from "../scripts/lib/app-stack.mjs";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts what a person's browser talks to: a real LiveKit server and the
 * production build of the app, each on a free port, with a fresh database.
 * Returns the teardown that stops both and removes the temporary folder.
 */
export default async function globalSetup() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-e2e-"));
  try {
    // Many tests open links from 127.0.0.1; the limit itself is tested on its own.
    const stack = await startAppStack({
      root,
      workDir,
      settings: {
        JOIN_LINK_RATE_LIMIT: "10000",
        // Retention is proven by the sweeper's own pass: a short interval keeps that test quick.
        SWEEP_INTERVAL_SECONDS: "5",
      },
    });
    // Workers inherit these: where the app, its database and LiveKit are.
    process.env.E2E_BASE_URL = stack.appUrl;
    process.env.E2E_DATABASE_URL = stack.databaseUrl;
    process.env.E2E_LIVEKIT_URL = stack.liveKit.url;
    process.env.E2E_LIVEKIT_API_KEY = stack.liveKit.apiKey;
    process.env.E2E_LIVEKIT_API_SECRET = stack.liveKit.apiSecret;
    process.env.E2E_RECORDER_PID_FILE = stack.recorderPidFile;
    process.env.E2E_RECORDINGS_DIR = stack.recordingsDir;
    return async () => {
      await stack.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    };
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
