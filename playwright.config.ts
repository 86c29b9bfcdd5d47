import { defineConfig } from "@playwright/test";
import { chromiumTestArgs, systemChromium } from "./scripts/lib/chromium.mjs";

// The global setup starts a LiveKit server and the production app on free
// ports with a temporary database; tests read where from E2E_* variables.
export default defineConfig({
  testDir: "e2e",
  // Concurrent runs (each with its own NEXT_DIST_DIR) must not clean each other's artifacts.
  outputDir: `test-results/${process.env.NEXT_DIST_DIR || "main"}`,
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  // Two cores: one worker keeps media tests from starving each other.
  workers: 1,
  // Real media on two shared cores: in CI one retry absorbs a late frame; a real regression fails twice.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: systemChromium(), args: chromiumTestArgs() },
    permissions: ["camera", "microphone"],
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
