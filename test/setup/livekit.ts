// Vitest globalSetup of the "integration" project: one LiveKit server for the whole run,
// started on free loopback ports with fresh credentials, stopped at the end.
//
// With LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET all set, the tests use that
// (external) server instead, e.g. LiveKit Cloud. Its settings are not ours: auto_create may be on.

import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } from "../../scripts/lib/livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "../../scripts/lib/ports.mjs";

export interface ProvidedLiveKit {
  /** ws:// or wss:// URL for clients */
  url: string;
  /** http(s):// URL for RoomServiceClient */
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  /** true when the run uses a server from LIVEKIT_URL, not one this setup started */
  external: boolean;
}

declare module "vitest" {
  export interface ProvidedContext {
    livekit: ProvidedLiveKit;
  }
}

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export default async function setup(project: TestProject) {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (LIVEKIT_URL && LIVEKIT_API_KEY && LIVEKIT_API_SECRET) {
    const httpUrl = LIVEKIT_URL.replace(/^ws(s?):\/\//, "http$1://");
    console.error(`[livekit] Integration tests use the external LiveKit server at ${LIVEKIT_URL}.`);
    project.provide("livekit", {
      url: LIVEKIT_URL,
      httpUrl,
      apiKey: LIVEKIT_API_KEY,
      apiSecret: LIVEKIT_API_SECRET,
      external: true,
    });
    return;
  }

  const binary = await obtainLiveKitBinary({ projectRoot });
  const { apiKey, apiSecret } = generateApiCredentials();
  // The server's log, for when a test fails for reasons only LiveKit knows. One run per file.
  const logFile = path.join(projectRoot, ".cache", "livekit", "integration-tests.log");
  await fs.mkdir(path.dirname(logFile), { recursive: true });
  await fs.writeFile(logFile, `# LiveKit server log of the integration run started ${new Date().toISOString()}\n`);

  let stopped = false;
  const server = await startLiveKitServer({
    binary,
    apiKey,
    apiSecret,
    port: await getFreeTcpPort(),
    rtcTcpPort: await getFreeTcpPort(),
    rtcUdpPort: await getFreeUdpPort(),
    logFile,
    onExit: (code, signal) => {
      if (!stopped) {
        console.error(`[livekit] The test LiveKit server died (${signal ?? `exit code ${code}`}); see ${logFile}.`);
      }
    },
  });

  project.provide("livekit", { url: server.url, httpUrl: server.httpUrl, apiKey, apiSecret, external: false });

  return async () => {
    stopped = true;
    await server.stop();
  };
}
