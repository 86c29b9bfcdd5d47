// Small building blocks shared by `npm start` and `npm test`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A one-line, actionable failure: printed without a stack trace. */
export class StartError extends Error {}

/**
 * Runs a command to completion. Output is shown live when `inherit`, otherwise
 * kept and printed only if the command fails.
 * @param {string} command @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, inherit?: boolean, what: string }} options
 */
export function run(command, args, { cwd, env = process.env, inherit = false, what }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: inherit ? "inherit" : "pipe",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new StartError(`${what} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    if (!inherit) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new StartError(`${what} failed (exit code ${result.status}); its output is above.`);
  }
  return result.stdout ?? "";
}

/**
 * Installs dependencies with `npm ci` when node_modules is missing or older
 * than package-lock.json (so a second start reuses what is there).
 * @param {string} root
 */
export function ensureDependencies(root) {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return false;
  console.error("Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, inherit: true, what: "npm ci" });
  return true;
}

/**
 * A hash of everything the production build depends on, so `npm start` only
 * rebuilds when the sources changed.
 * @param {string} root
 */
export function buildFingerprint(root) {
  const hash = createHash("sha256");
  const files = [
    "package-lock.json",
    "next.config.js",
    "tailwind.config.ts",
    "postcss.config.mjs",
    "tsconfig.json",
    "proxy.ts",
    "instrumentation.ts",
    "prisma/schema.prisma",
  ];
  /** @param {string} dir */
  const walk = (dir) => {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative !== path.join("lib", "generated")) walk(relative);
      } else if (!/\.test\.tsx?$/.test(entry.name)) files.push(relative);
    }
  };
  for (const dir of ["app", "components", "lib", "public", "types"]) walk(dir);
  for (const file of files.sort()) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    hash.update(file).update("\0").update(fs.readFileSync(full)).update("\0");
  }
  return hash.digest("hex");
}

/**
 * Builds the production app unless an identical build exists.
 * @param {string} root @param {NodeJS.ProcessEnv} env
 */
export function ensureProductionBuild(root, env) {
  const distDir = path.join(root, env.NEXT_DIST_DIR || ".next");
  const stampFile = path.join(distDir, "openconsult-build.sha256");
  const fingerprint = buildFingerprint(root);
  if (fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stampFile)) {
    if (fs.readFileSync(stampFile, "utf8").trim() === fingerprint) return false;
  }
  console.error("Building the app (next build)…");
  run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    what: "next build",
  });
  fs.writeFileSync(stampFile, `${fingerprint}\n`);
  return true;
}

/**
 * Generates the Prisma client when it is missing or older than the schema.
 * @param {string} root
 */
export function ensurePrismaClient(root) {
  const generated = path.join(root, "lib", "generated", "prisma", "client.ts");
  const schema = path.join(root, "prisma", "schema.prisma");
  if (fs.existsSync(generated) && fs.statSync(generated).mtimeMs >= fs.statSync(schema).mtimeMs) return;
  run(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
    cwd: root,
    what: "prisma generate",
  });
}

/**
 * Applies pending migrations to the database in DATABASE_URL.
 * @param {string} root @param {NodeJS.ProcessEnv} env
 */
export function applyMigrations(root, env) {
  run(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: root,
    env,
    what: "prisma migrate deploy",
  });
  // Write-ahead logging (persistent in the file): readers never wait for a writer,
  // which matters with the app, its sweeper, scripts and tests sharing one SQLite file.
  if (String(env.DATABASE_URL ?? "").startsWith("file:")) {
    const script = `import { createClient } from "@libsql/client";
const client = createClient({ url: process.env.DATABASE_URL });
await client.execute("PRAGMA journal_mode = WAL");
client.close();`;
    run(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env, what: "enable SQLite WAL" });
  }
}

/**
 * Starts a long-running child whose output is shown with a prefix.
 * @param {string} name @param {string} command @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
 */
export function spawnService(name, command, args, { cwd, env }) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (/** @type {Buffer} */ chunk) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk) => process.stderr.write(prefix(chunk)));
  return child;
}

/**
 * Starts the app server (scripts/serve.mjs) on env.PORT / env.HOSTNAME.
 * @param {string} root @param {NodeJS.ProcessEnv} env @param {{ dev?: boolean }} [options]
 */
export function spawnApp(root, env, { dev = false } = {}) {
  const args = [path.join(root, "scripts", "serve.mjs"), ...(dev ? ["--dev"] : [])];
  return spawnService("app", process.execPath, args, {
    cwd: root,
    env: { ...env, NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * Whether a command can be run (on PATH or a path that exists).
 * @param {string} command
 */
export function hasCommand(command) {
  return spawnSync(command, ["-version"], { stdio: "ignore" }).status === 0;
}

/**
 * Runs the recorder worker (recorder/main.ts) and starts it again if it dies:
 * a crash must never leave visits unable to record. The app settles what a
 * dead recorder left (PARTIAL) on its own. `pidFile`, when given, always holds
 * the current recorder's pid (tests kill it to prove the crash path).
 * @param {string} root @param {NodeJS.ProcessEnv} env @param {{ pidFile?: string }} [options]
 */
export function superviseRecorder(root, env, { pidFile } = {}) {
  const args = ["--conditions=react-server", "--import", "tsx", path.join(root, "recorder", "main.ts")];
  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;
  let stopped = false;
  /** @type {number[]} */
  const crashes = [];
  const launch = () => {
    // NODE_ENV=production also keeps @livekit/rtc-node's own logger at "info" (it logs every connect at debug).
    child = spawnService("recorder", process.execPath, args, { cwd: root, env: { NODE_ENV: "production", ...env } });
    if (pidFile && child.pid) fs.writeFileSync(pidFile, String(child.pid));
    child.on("exit", (code, signal) => {
      if (stopped) return;
      const at = Date.now();
      crashes.push(at);
      while (crashes.length > 0 && /** @type {number} */ (crashes[0]) < at - 60_000) crashes.shift();
      if (crashes.length > 5) {
        console.error("[recorder] crashed more than 5 times in a minute; not restarting it. Recording is unavailable.");
        return;
      }
      console.error(`[recorder] stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again.`);
      setTimeout(() => {
        if (!stopped) launch();
      }, 1_000);
    });
  };
  launch();
  return {
    async stop() {
      stopped = true;
      // Its shutdown stops and stores any recording under way: give that time.
      if (child) await stopChild(child, 20_000);
    },
  };
}

/**
 * Polls a URL until it answers 200, or fails after `timeoutMs`.
 * @param {string} url @param {number} timeoutMs @param {() => boolean} [stillAlive]
 */
export async function waitForHttpOk(url, timeoutMs, stillAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!stillAlive()) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * Stops a child: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited.
 * @param {import("node:child_process").ChildProcess} child @param {number} [graceMs]
 */
export function stopChild(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.kill("SIGTERM");
  });
}
