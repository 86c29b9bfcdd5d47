#!/usr/bin/env node
// `npm test`: installs what the tests need on a fresh clone, then runs
// typecheck, lint, unit, integration (real LiveKit server) and end-to-end
// tests (real Chromium). Every suite runs even if an earlier one fails; the
// exit code is non-zero if any failed. Each suite starts and stops its own
// servers, on free ports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemChromium } from "./lib/chromium.mjs";
import { obtainLiveKitBinary } from "./lib/livekit.mjs";
import { ensureDependencies, ensurePrismaClient, hasCommand, run } from "./lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-test-reports-"));

/** Installs Debian packages when running as root on Debian/Ubuntu; returns whether it could try. */
function aptInstall(packages) {
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) return false;
  console.error(`Installing from Debian's packages: ${packages.join(", ")}…`);
  run("apt-get", ["update", "-qq"], { cwd: root, what: "apt-get update" });
  run("apt-get", ["install", "-y", "-qq", ...packages], {
    cwd: root,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    what: `apt-get install ${packages.join(" ")}`,
  });
  return true;
}

/** The recorder and the recording tests use ffmpeg and ffprobe (Debian's ffmpeg package). */
function ensureFfmpeg() {
  if (hasCommand("ffmpeg") && hasCommand("ffprobe")) return;
  if (aptInstall(["ffmpeg"]) && hasCommand("ffmpeg")) return;
  throw new Error("ffmpeg is needed for the recording tests: install it (Debian/Ubuntu: sudo apt-get install ffmpeg).");
}

function ensureChromium() {
  if (systemChromium()) return;
  if (aptInstall(["chromium"]) && systemChromium()) return;
  // A machine with internet and no system Chromium: Playwright's own build.
  console.error("No system Chromium found; trying Playwright's Chromium download…");
  run(bin("playwright"), ["install", "chromium"], { cwd: root, inherit: true, what: "playwright install chromium" });
}

/** Runs one suite, showing its output; returns its pass/fail counts when it reports them. */
function suite(name, command, args, { env = process.env, counts } = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const ok = result.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} in ${seconds} s ===`);
  return { name, ok, seconds, ...(counts ? counts() : {}) };
}

function vitestCounts(file) {
  return () => {
    try {
      const report = JSON.parse(fs.readFileSync(file, "utf8"));
      return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests };
    } catch {
      return {};
    }
  };
}

function playwrightCounts(file) {
  return () => {
    try {
      const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    } catch {
      return {};
    }
  };
}

ensureDependencies(root);
ensurePrismaClient(root);
ensureChromium();
ensureFfmpeg();
// Obtained once up front (the first run builds it with Go); every suite reuses it.
process.env.LIVEKIT_SERVER_BIN ||= await obtainLiveKitBinary({ projectRoot: root });

const unitReport = path.join(reportsDir, "unit.json");
const integrationReport = path.join(reportsDir, "integration.json");
const e2eReport = path.join(reportsDir, "e2e.json");
const results = [
  suite("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]),
  suite("lint", bin("biome"), ["check", "."]),
  suite(
    "unit tests",
    bin("vitest"),
    ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`],
    { counts: vitestCounts(unitReport) },
  ),
  suite(
    "integration tests (real LiveKit server)",
    bin("vitest"),
    [
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${integrationReport}`,
    ],
    { counts: vitestCounts(integrationReport) },
  ),
  suite("end-to-end tests (Chromium, real LiveKit server)", bin("playwright"), ["test"], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
    counts: playwrightCounts(e2eReport),
  }),
];
fs.rmSync(reportsDir, { recursive: true, force: true });

console.log("\nSummary:");
for (const r of results) {
  const counts = r.passed === undefined ? "" : ` (${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped)`;
  console.log(`  ${r.ok ? "ok    " : "FAILED"} ${r.name} in ${r.seconds} s${counts}`);
}
const passed = results.reduce((sum, r) => sum + (r.passed ?? 0), 0);
const failed = results.reduce((sum, r) => sum + (r.failed ?? (r.ok ? 0 : 1)), 0);
const skipped = results.reduce((sum, r) => sum + (r.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
