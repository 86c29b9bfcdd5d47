#!/usr/bin/env node
// Benchmark (not a test): throughput and latency of the join-token endpoint
// (the server action a patient's browser calls for a LiveKit token) at 1, 10
// and 100 concurrent clients, next to a bare Next.js route handler
// (/api/live) measured in the same run on the same server.
//
//   node scripts/bench/token-endpoint.mjs [--seconds 10]
//
// It builds the app if needed, starts LiveKit and the app on free ports with a
// temporary database, seeds one visit with a patient bound to a device, and
// stops everything at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startAppStack } from "../lib/app-stack.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 10;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-bench-"));

const { register } = await import("tsx/esm/api");
register();
const { createDbClient } = await import("../../lib/db-client.ts");
const { createConsultation, createStaffUser } = await import("../../prisma/seed.ts");
const { generateSecretToken, hashSecretToken } = await import("../../lib/invites/invite-token.ts");

/** The id Next gave a server action, from the build's manifest. */
function serverActionId(exportedName) {
  const manifest = JSON.parse(
    fs.readFileSync(
      path.join(root, process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  );
  const entry = Object.entries(manifest.node).find(([, value]) => value.exportedName === exportedName);
  if (!entry) throw new Error(`No server action named ${exportedName} in the build`);
  return entry[0];
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const stack = await startAppStack({ root, workDir, settings: { LOG_LEVEL: "error" } });
try {
  const db = createDbClient(stack.databaseUrl);
  const host = await createStaffUser(db, { role: "CLINICIAN" });
  const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
  const deviceSecret = generateSecretToken();
  await db.participant.update({
    where: { id: visit.patientParticipantId },
    data: { deviceSecretHash: hashSecretToken(deviceSecret), redeemedAt: new Date() },
  });
  await db.$disconnect();

  const tokenRequest = {
    url: `${stack.appUrl}/visit/${visit.patientParticipantId}`,
    method: "POST",
    headers: {
      "next-action": serverActionId("requestVisitTokenAction"),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      cookie: `oc_device=${deviceSecret}`,
    },
    body: JSON.stringify([{ participantId: visit.patientParticipantId }]),
  };
  // One call first: it must really issue a token (not an error page or a refusal).
  const probe = await fetch(tokenRequest.url, tokenRequest);
  const probeText = await probe.text();
  if (probe.status !== 200 || !probeText.includes('"ok":true') || !probeText.includes('"token"')) {
    throw new Error(`The token endpoint did not issue a token: ${probe.status} ${probeText.slice(0, 200)}`);
  }

  const rows = [];
  for (const connections of [1, 10, 100]) {
    for (const [name, request] of [
      ["bare route (/api/live)", { url: `${stack.appUrl}/api/live` }],
      ["join token (server action)", tokenRequest],
    ]) {
      const result = await run({ ...request, connections });
      rows.push({
        endpoint: name,
        connections,
        "req/s": Math.round(result.requests.average),
        "p50 ms": result.latency.p50,
        "p99 ms": result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    }
  }
  console.log(`\n${seconds} s per run, ${os.cpus().length} cores, Node ${process.version}`);
  console.table(rows);
} finally {
  await stack.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
