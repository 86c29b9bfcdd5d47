#!/usr/bin/env node
// Small CLI around scripts/lib/livekit.mjs.
//
//   node scripts/livekit.mjs obtain   print the path of a livekit-server binary (building it if needed)
//   node scripts/livekit.mjs run      start a local LiveKit server until Ctrl-C
//
// `run` reads LIVEKIT_API_KEY / LIVEKIT_API_SECRET (generated when unset), LIVEKIT_PORT,
// LIVEKIT_RTC_TCP_PORT, LIVEKIT_RTC_UDP_PORT (free ports when unset), LIVEKIT_WEBHOOK_URL and
// LIVEKIT_LOG_FILE (optional).

import path from "node:path";
import { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } from "./lib/livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "./lib/ports.mjs";

const projectRoot = path.resolve(import.meta.dirname, "..");

/**
 * A port from the environment, or a free one when unset.
 * @param {string} name
 * @param {() => Promise<number>} pickFree
 */
async function portFromEnv(name, pickFree) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return pickFree();
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535; got "${raw}".`);
  }
  return port;
}

async function run() {
  const binary = await obtainLiveKitBinary({ projectRoot });
  const fromEnv = process.env.LIVEKIT_API_KEY && process.env.LIVEKIT_API_SECRET;
  const { apiKey, apiSecret } = fromEnv
    ? { apiKey: String(process.env.LIVEKIT_API_KEY), apiSecret: String(process.env.LIVEKIT_API_SECRET) }
    : generateApiCredentials();

  const server = await startLiveKitServer({
    binary,
    apiKey,
    apiSecret,
    port: await portFromEnv("LIVEKIT_PORT", () => getFreeTcpPort()),
    rtcTcpPort: await portFromEnv("LIVEKIT_RTC_TCP_PORT", () => getFreeTcpPort()),
    rtcUdpPort: await portFromEnv("LIVEKIT_RTC_UDP_PORT", () => getFreeUdpPort()),
    webhookUrl: process.env.LIVEKIT_WEBHOOK_URL || undefined,
    logFile: process.env.LIVEKIT_LOG_FILE || undefined,
    onExit: (code, signal) => {
      console.error(`LiveKit server exited unexpectedly (${signal ?? `exit code ${code}`}).`);
      process.exit(1);
    },
  });

  console.log(`LiveKit server ${binary} is running (pid ${server.process.pid}).`);
  console.log(`  LIVEKIT_URL=${server.url}`);
  console.log(`  LIVEKIT_API_KEY=${apiKey}`);
  console.log(
    fromEnv
      ? "  LIVEKIT_API_SECRET: from the environment (not printed)"
      : "  LIVEKIT_API_SECRET: generated for this run (not printed); set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to choose them",
  );
  console.log("Press Ctrl-C to stop.");

  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

const command = process.argv[2];
try {
  if (command === "obtain") {
    console.log(await obtainLiveKitBinary({ projectRoot }));
  } else if (command === "run") {
    await run();
  } else {
    console.error("Usage: node scripts/livekit.mjs obtain | run");
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
