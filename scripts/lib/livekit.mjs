// Provisioning of the project's own LiveKit server (the media server of video visits).
//
// Plain Node ESM with no npm dependencies: `npm start` imports this before `npm install` may
// have run. Types are JSDoc so TypeScript callers (test setup, scripts) still get them.
//
// Two jobs:
//   - obtainLiveKitBinary(): find or make a livekit-server binary. No npm or Debian package ships
//     it, and many networks (hospitals, CI) only reach package registries, so the main path is
//     building it from the Go module proxy with `go install`; a prebuilt binary is only a fallback.
//   - startLiveKitServer(): run it bound to loopback with our own keys and config, wait until it
//     answers, and stop it cleanly.

import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isTcpPortFree, isUdpPortFree } from "./ports.mjs";

export const LIVEKIT_VERSION = "1.13.5";

/** Oldest Go that can build this LiveKit version (its go.mod says `go 1.26`). */
const MIN_GO = { major: 1, minor: 26 };
const GO_PACKAGE = `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`;
const DOWNLOAD_TIMEOUT_MS = 60_000;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const FORCE_STOP_AFTER_MS = 1_000;
/** How many lines of server output an early-exit error quotes. */
const TAIL_LINES = 20;

const INSTALL_HINT =
  "Install Go 1.26+ (so the project can build LiveKit), or a livekit-server binary on PATH / LIVEKIT_SERVER_BIN, " +
  "or point LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET at an external LiveKit server (e.g. LiveKit Cloud).";

// ---------------------------------------------------------------------------------------------
// Obtaining the binary
// ---------------------------------------------------------------------------------------------

/**
 * Where the project caches the binary it built or downloaded (git-ignored `.cache/`).
 * @param {string} projectRoot
 * @returns {string}
 */
export function liveKitCachePath(projectRoot) {
  return path.join(path.resolve(projectRoot), ".cache", "livekit", `v${LIVEKIT_VERSION}`, "livekit-server");
}

/**
 * Absolute path of a usable livekit-server binary. Tries, in order: `LIVEKIT_SERVER_BIN`,
 * `livekit-server` on PATH, the project cache, building with Go, downloading the release.
 * Throws an Error saying what to install when none works.
 * @param {{ projectRoot: string, log?: (message: string) => void }} options
 * @returns {Promise<string>}
 */
export async function obtainLiveKitBinary({ projectRoot, log = console.error }) {
  // 1. An explicit choice wins, and a wrong one is an error rather than silently ignored.
  const fromEnv = process.env.LIVEKIT_SERVER_BIN;
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (!(await isExecutableFile(resolved))) {
      throw new Error(
        `LIVEKIT_SERVER_BIN is set to "${fromEnv}", but that is not an executable file. Fix the path or unset it.`,
      );
    }
    return resolved;
  }

  // 2. One the user installed themselves (Homebrew, install script, …).
  const onPath = await findOnPath("livekit-server");
  if (onPath) return onPath;

  // 3. One this project built or downloaded before.
  const cached = liveKitCachePath(projectRoot);
  if (await isExecutableFile(cached)) return cached;

  /** @type {string[]} why each way of making one failed, for the final error */
  const attempts = [];

  // 4. Build it: the Go module proxy is reachable where GitHub downloads are not.
  const go = await detectGo();
  if (!go.ok) {
    attempts.push(`Go: ${go.problem}`);
  } else {
    try {
      await buildWithGo({ cachePath: cached, log });
      return cached;
    } catch (error) {
      const message = errorMessage(error);
      log(`[livekit] Building with Go failed: ${message}`);
      attempts.push(`Go build: ${message}`);
    }
  }

  // 5. Download the official release (needs access to github.com).
  try {
    await downloadRelease({ cachePath: cached, log });
    return cached;
  } catch (error) {
    const message = errorMessage(error);
    log(`[livekit] Download failed: ${message}`);
    attempts.push(`Download: ${message}`);
  }

  // 6. Nothing worked: say exactly what would.
  throw new Error(
    `No LiveKit server ${LIVEKIT_VERSION} binary is available. ${INSTALL_HINT}\nWhat was tried:\n` +
      attempts.map((line) => `  - ${line}`).join("\n"),
  );
}

/**
 * Whether `go` can build LiveKit: present, working and new enough; otherwise why not.
 * @returns {Promise<{ ok: true } | { ok: false, problem: string }>}
 */
async function detectGo() {
  let output;
  try {
    output = (await runCommand("go", ["version"])).output;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT")
      return { ok: false, problem: "not found on PATH." };
    return { ok: false, problem: errorMessage(error) };
  }
  // "go version go1.26.8 linux/amd64"; devel builds say "go version devel go1.27-…".
  const match = /\bgo(\d+)\.(\d+)(?:\.\d+)?/.exec(output);
  if (!match) return { ok: false, problem: `could not read the version in "${output.trim()}".` };
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > MIN_GO.major || (major === MIN_GO.major && minor >= MIN_GO.minor)) return { ok: true };
  return {
    ok: false,
    problem: `found ${match[0]}, but LiveKit ${LIVEKIT_VERSION} needs Go ${MIN_GO.major}.${MIN_GO.minor}+.`,
  };
}

/**
 * `go install` into a private temporary GOBIN inside the cache folder, then rename the result
 * onto the cache path: a rename is atomic, so an interrupted build never leaves a half-written
 * binary where step 3 would trust it.
 * @param {{ cachePath: string, log: (message: string) => void }} options
 */
async function buildWithGo({ cachePath, log }) {
  log(`Building LiveKit server ${LIVEKIT_VERSION} with Go (first run only, a few minutes)…`);
  const started = Date.now();
  await withTempDirNextTo(cachePath, async (tempDir) => {
    // A heartbeat, because go prints nothing while it compiles.
    const heartbeat = setInterval(() => {
      log(`[go] still building… (${Math.round((Date.now() - started) / 1000)} s)`);
    }, 30_000);
    try {
      await runCommand("go", ["install", GO_PACKAGE], {
        // cwd outside any go.mod/go.work, so only the pinned module version is used.
        cwd: tempDir,
        env: { ...process.env, GOBIN: tempDir },
        onLine: (line) => log(`[go] ${line}`),
      });
    } finally {
      clearInterval(heartbeat);
    }
    // The command's directory name is `server`.
    await installAtomically(path.join(tempDir, "server"), cachePath);
  });
  log(`[livekit] Built ${cachePath} in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * Download and unpack the official release archive for this platform, then rename it into place.
 * @param {{ cachePath: string, log: (message: string) => void }} options
 */
async function downloadRelease({ cachePath, log }) {
  const os = { linux: "linux", darwin: "darwin" }[/** @type {string} */ (process.platform)];
  const arch = { x64: "amd64", arm64: "arm64" }[/** @type {string} */ (process.arch)];
  if (!os || !arch) throw new Error(`no official release for ${process.platform}/${process.arch}`);
  const url =
    `https://github.com/livekit/livekit/releases/download/v${LIVEKIT_VERSION}/` +
    `livekit_${LIVEKIT_VERSION}_${os}_${arch}.tar.gz`;
  log(`[livekit] Downloading ${url} …`);
  await withTempDirNextTo(cachePath, async (tempDir) => {
    const archive = path.join(tempDir, "livekit.tar.gz");
    // One deadline for connecting and reading the body, so a stalled proxy can't hang startup.
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} for ${url}`);
    await pipeline(
      Readable.fromWeb(/** @type {import("node:stream/web").ReadableStream} */ (response.body)),
      fs.createWriteStream(archive),
    );
    // The system tar handles gzip on Linux and macOS; no npm dependency needed.
    await runCommand("tar", ["-xzf", archive, "-C", tempDir]);
    await installAtomically(path.join(tempDir, "livekit-server"), cachePath);
  });
  log(`[livekit] Downloaded to ${cachePath}.`);
}

/**
 * Check that `source` really is LiveKit of the pinned version, then rename it to `destination`.
 * @param {string} source
 * @param {string} destination
 */
async function installAtomically(source, destination) {
  await fsp.chmod(source, 0o755);
  const { output } = await runCommand(source, ["--version"]);
  if (!output.includes(LIVEKIT_VERSION)) {
    throw new Error(`the new binary reports "${output.trim()}", expected version ${LIVEKIT_VERSION}`);
  }
  await fsp.rename(source, destination);
}

/**
 * Run `fn` with a fresh temporary directory in the same folder as `target` (same filesystem, so
 * the final rename is atomic), and remove the directory afterwards whatever happens. Leftovers
 * of killed runs (older than an hour) are swept first.
 * @param {string} target
 * @param {(dir: string) => Promise<void>} fn
 */
async function withTempDirNextTo(target, fn) {
  const parent = path.dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  await removeStalePartials(parent);
  const dir = await fsp.mkdtemp(path.join(parent, ".partial-"));
  try {
    await fn(dir);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** @param {string} parent */
async function removeStalePartials(parent) {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of await fsp.readdir(parent)) {
    if (!name.startsWith(".partial-")) continue;
    const full = path.join(parent, name);
    const stat = await fsp.stat(full).catch(() => null);
    // Only old ones: a young one may belong to a build running in another terminal (builds take minutes).
    if (stat && stat.mtimeMs < hourAgo) await fsp.rm(full, { recursive: true, force: true });
  }
}

/**
 * @param {string} name
 * @returns {Promise<string | null>}
 */
async function findOnPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** @param {string} file */
async function isExecutableFile(file) {
  try {
    const stat = await fsp.stat(file);
    if (!stat.isFile()) return false;
    await fsp.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run a command to completion. Rejects when it cannot start or exits non-zero, with the last
 * lines of its output in the message.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, onLine?: (line: string) => void }} [options]
 * @returns {Promise<{ output: string }>}
 */
function runCommand(command, args, { cwd, env, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const tail = new LineTail(TAIL_LINES, onLine);
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (/** @type {string} */ chunk) => {
        output += chunk;
        tail.push(chunk);
      });
    }
    child.once("error", reject);
    child.once("close", (code, signal) => {
      tail.flush();
      if (code === 0) resolve({ output });
      else reject(new Error(`\`${command} ${args.join(" ")}\` failed (${signal ?? `exit ${code}`}):\n${tail.text()}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Running the server
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} LiveKitConfigOptions
 * @property {string} apiKey the key that signs webhooks (must be one of the server's keys)
 * @property {number} port signalling and API (HTTP + WebSocket), TCP
 * @property {number} rtcTcpPort WebRTC over TCP (ICE/TCP fallback)
 * @property {number} rtcUdpPort WebRTC over UDP: one multiplexed port for all media
 * @property {string} [webhookUrl] where the server POSTs room and participant events
 */

/**
 * The server's YAML configuration, built by hand (no YAML dependency): every string is
 * double-quoted with escapes, and ports must be integers (anything else throws).
 * @param {LiveKitConfigOptions} options
 * @returns {string}
 */
export function buildLiveKitConfigYaml({ apiKey, port, rtcTcpPort, rtcUdpPort, webhookUrl }) {
  const lines = [
    `port: ${yamlPort(port)}`,
    // Signalling/API only on loopback: this server is for development and tests on this
    // machine; remote users need a deployed LiveKit.
    "bind_addresses:",
    `  - ${yamlString("127.0.0.1")}`,
    "rtc:",
    `  tcp_port: ${yamlPort(rtcTcpPort)}`,
    `  udp_port: ${yamlPort(rtcUdpPort)}`,
    // No STUN lookup of a public IP: offline here, and wrong for a loopback server anyway.
    "  use_external_ip: false",
    // A node_ip we set ourselves also keeps the server from using STUN servers.
    `  node_ip: ${yamlString("127.0.0.1")}`,
    // Loopback interfaces are skipped when gathering ICE candidates unless this is on.
    "  enable_loopback_candidate: true",
    // Only loopback: the UDP mux binds to every address the filter allows, and candidates are
    // only offered on those. (The ICE/TCP port is always bound on all interfaces by LiveKit.)
    "  ips:",
    "    includes:",
    `      - ${yamlString("127.0.0.1/32")}`,
    "room:",
    // The app creates rooms (RoomService.createRoom) for booked consultations; a token for any
    // other room name must not conjure one up.
    "  auto_create: false",
    "  empty_timeout: 300",
    "  departure_timeout: 20",
    "logging:",
    "  level: info",
    "  json: true",
  ];
  if (webhookUrl) {
    lines.push("webhook:", `  api_key: ${yamlString(apiKey)}`, "  urls:", `    - ${yamlString(webhookUrl)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** @param {number} value */
function yamlPort(value) {
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`Invalid port: ${String(value)}`);
  return String(value);
}

/**
 * A YAML double-quoted scalar. Only printable ASCII is written as-is; everything else is escaped,
 * so no value can break out of its quotes or smuggle in YAML syntax.
 * @param {string} value
 */
function yamlString(value) {
  let out = '"';
  for (const char of String(value)) {
    const code = /** @type {number} */ (char.codePointAt(0));
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/**
 * @typedef {object} PortNames env var named in the "port in use" error for each port
 * @property {string} [port]
 * @property {string} [rtcTcpPort]
 * @property {string} [rtcUdpPort]
 */

/**
 * Reject bad settings before spawning anything, with one-line messages a user can act on.
 * Exported for unit tests.
 * @param {{ apiKey: string, apiSecret: string, port: number, rtcTcpPort: number, rtcUdpPort: number, portNames?: PortNames }} options
 */
export async function validateServerOptions({ apiKey, apiSecret, port, rtcTcpPort, rtcUdpPort, portNames = {} }) {
  const names = {
    port: portNames.port ?? "LIVEKIT_PORT",
    rtcTcpPort: portNames.rtcTcpPort ?? "LIVEKIT_RTC_TCP_PORT",
    rtcUdpPort: portNames.rtcUdpPort ?? "LIVEKIT_RTC_UDP_PORT",
  };
  if (!apiKey) throw new Error("LIVEKIT_API_KEY must not be empty.");
  // LiveKit itself refuses shorter secrets outside --dev; say so before it starts and dies.
  if (typeof apiSecret !== "string" || apiSecret.length < 32) {
    throw new Error(
      `LIVEKIT_API_SECRET must be at least 32 characters (it has ${apiSecret?.length ?? 0}); LiveKit refuses shorter secrets.`,
    );
  }
  /** @type {[number, keyof typeof names, string][]} */
  const ports = [
    [port, "port", "LiveKit signalling"],
    [rtcTcpPort, "rtcTcpPort", "LiveKit WebRTC over TCP"],
    [rtcUdpPort, "rtcUdpPort", "LiveKit WebRTC over UDP"],
  ];
  for (const [value, key, label] of ports) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new Error(`${names[key]} must be a port number between 1 and 65535 (${label}); got ${String(value)}.`);
    }
  }
  if (port === rtcTcpPort) {
    throw new Error(`${names.port} and ${names.rtcTcpPort} must differ (both are TCP ports); both are ${port}.`);
  }
  for (const [value, key, label] of ports) {
    const free =
      key === "rtcUdpPort"
        ? await isUdpPortFree(value, "127.0.0.1")
        : // LiveKit binds signalling on 127.0.0.1 but ICE/TCP on every interface; checking the
          // wildcard too catches a listener on any address that would make that bind fail.
          (await isTcpPortFree(value, "127.0.0.1")) && (key === "port" || (await isTcpPortFree(value, "0.0.0.0")));
    if (!free) {
      throw new Error(
        `Port ${value} (${label}, ${names[key]}) is already in use: stop what uses it or set ${names[key]} to a free port.`,
      );
    }
  }
}

/**
 * The environment for the server: ours, minus everything livekit-server would read on its own.
 * It maps LIVEKIT_<CONFIG_PATH> variables (LIVEKIT_PORT, LIVEKIT_RTC_TCP_PORT,
 * LIVEKIT_ROOM_AUTO_CREATE, …) and NODE_IP, UDP_PORT, REDIS_HOST… onto its config, overriding
 * the config body. The app uses some of the same names for its own settings, so pass none.
 * @param {Record<string, string>} extra
 * @returns {NodeJS.ProcessEnv}
 */
function serverEnvironment(extra) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  const serverReads = new Set(["NODE_IP", "UDP_PORT", "REDIS_HOST", "REDIS_PASSWORD"]);
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("LIVEKIT_") || serverReads.has(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * @typedef {object} StartLiveKitOptions
 * @property {string} binary path from obtainLiveKitBinary()
 * @property {string} apiKey
 * @property {string} apiSecret at least 32 characters
 * @property {number} port signalling/API port (TCP)
 * @property {number} rtcTcpPort WebRTC over TCP
 * @property {number} rtcUdpPort WebRTC over UDP (single multiplexed port)
 * @property {string} [webhookUrl] e.g. http://127.0.0.1:3000/api/livekit/webhook
 * @property {string} [logFile] append the server's output here; without it, output is kept only
 *   to explain an early exit
 * @property {PortNames} [portNames] env var names to mention when a port is taken
 * @property {(code: number | null, signal: NodeJS.Signals | null) => void} [onExit] called when the
 *   server dies on its own after it was ready (not after stop())
 */

/**
 * @typedef {object} RunningLiveKit
 * @property {string} url ws://127.0.0.1:<port>, for clients
 * @property {string} httpUrl http://127.0.0.1:<port>, for RoomServiceClient and health checks
 * @property {import("node:child_process").ChildProcess} process
 * @property {() => Promise<void>} stop SIGTERM (a second, forcing one after 1 s), SIGKILL after 5 s;
 *   resolves once it has exited; safe to call more than once
 */

/**
 * Start livekit-server on loopback and resolve once it answers its health check.
 * The secret goes through the environment (LIVEKIT_KEYS), never the command line, so `ps`
 * doesn't show it; the config goes through LIVEKIT_CONFIG (the `--config-body` flag).
 * @param {StartLiveKitOptions} options
 * @returns {Promise<RunningLiveKit>}
 */
export async function startLiveKitServer({
  binary,
  apiKey,
  apiSecret,
  port,
  rtcTcpPort,
  rtcUdpPort,
  webhookUrl,
  logFile,
  portNames,
  onExit,
}) {
  await validateServerOptions({ apiKey, apiSecret, port, rtcTcpPort, rtcUdpPort, portNames });

  const env = serverEnvironment({
    LIVEKIT_CONFIG: buildLiveKitConfigYaml({ apiKey, port, rtcTcpPort, rtcUdpPort, webhookUrl }),
    LIVEKIT_KEYS: `${yamlString(apiKey)}: ${yamlString(apiSecret)}`,
  });
  // Fail now, clearly, if the log file can't be written (missing folder…), not mid-run.
  if (logFile) await fsp.appendFile(logFile, "");

  const child = spawn(binary, [], { env, stdio: ["ignore", "pipe", "pipe"] });
  const logStream = logFile ? fs.createWriteStream(logFile, { flags: "a" }) : null;
  // A full disk must not crash the app that runs the server; the tail still explains exits.
  logStream?.on("error", () => {});
  const tail = new LineTail(TAIL_LINES);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (/** @type {Buffer} */ chunk) => {
      logStream?.write(chunk);
      tail.push(chunk.toString("utf8"));
    });
  }

  // If whoever started us exits without calling stop(), don't leave a server behind.
  const killOnParentExit = () => child.kill("SIGKILL");
  process.once("exit", killOnParentExit);

  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => {
    child.once("close", (code, signal) => {
      process.removeListener("exit", killOnParentExit);
      tail.flush();
      logStream?.end();
      resolve({ code, signal });
    });
  });
  /** @type {Promise<never>} */
  const spawnFailed = new Promise((_, reject) => {
    child.once("error", (error) => reject(new Error(`Could not start ${binary}: ${error.message}`)));
  });

  let stopping = false;
  /** @type {Promise<void> | null} */
  let stopPromise = null;
  const stop = () => {
    stopPromise ??= (async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      // A first SIGTERM makes LiveKit drain: it waits, in 5-second steps and without limit, for
      // every participant to leave. A second one means "force": rooms are closed at once. A
      // local server has nobody to drain for, so force after a moment, and SIGKILL as a last resort.
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGTERM"), FORCE_STOP_AFTER_MS);
      const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
      clearTimeout(kill);
    })();
    return stopPromise;
  };

  const httpUrl = `http://127.0.0.1:${port}`;
  const describeExit = (/** @type {{ code: number | null, signal: NodeJS.Signals | null }} */ e) =>
    e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
  // Stops the health polling once the race is decided, so it can't keep the caller alive.
  const polling = new AbortController();
  try {
    await Promise.race([
      spawnFailed,
      waitUntilHealthy(httpUrl, READY_TIMEOUT_MS, polling.signal),
      exited.then((e) => {
        if (stopping) throw new Error("LiveKit server was stopped before it became ready.");
        throw new Error(`LiveKit server exited (${describeExit(e)}) before it was ready. Last output:\n${tail.text()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    if (/** @type {Error} */ (error).name === "TimeoutError") {
      throw new Error(
        `LiveKit server did not answer ${httpUrl}/ within ${READY_TIMEOUT_MS / 1000} s. Last output:\n${tail.text()}`,
      );
    }
    throw error;
  } finally {
    polling.abort();
  }

  void exited.then((e) => {
    if (!stopping) onExit?.(e.code, e.signal);
  });

  return { url: `ws://127.0.0.1:${port}`, httpUrl, process: child, stop };
}

/**
 * Poll GET <httpUrl>/ until it answers 200 ("OK"): LiveKit answers 406 until its node stats are
 * up, and refuses connections until it listens. Rejects with a TimeoutError after `timeoutMs`;
 * gives up quietly when `signal` aborts.
 * @param {string} httpUrl
 * @param {number} timeoutMs
 * @param {AbortSignal} signal
 */
async function waitUntilHealthy(httpUrl, timeoutMs, signal) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const response = await fetch(`${httpUrl}/`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const error = new Error("timeout");
  error.name = "TimeoutError";
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Credentials and helpers
// ---------------------------------------------------------------------------------------------

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Fresh API credentials for a local server: key "API" + 12 base62 characters, secret of 48
 * base64url characters (36 random bytes).
 * @returns {{ apiKey: string, apiSecret: string }}
 */
export function generateApiCredentials() {
  let apiKey = "API";
  for (let i = 0; i < 12; i++) apiKey += BASE62[crypto.randomInt(BASE62.length)];
  return { apiKey, apiSecret: crypto.randomBytes(36).toString("base64url") };
}

/** Keeps the last `max` lines of a stream of text chunks, optionally reporting each line. */
class LineTail {
  /**
   * @param {number} max
   * @param {(line: string) => void} [onLine]
   */
  constructor(max, onLine) {
    this.max = max;
    this.onLine = onLine;
    /** @type {string[]} */
    this.lines = [];
    this.partial = "";
  }

  /** @param {string} chunk */
  push(chunk) {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    for (const line of parts) this.add(line);
  }

  flush() {
    if (this.partial) this.add(this.partial);
    this.partial = "";
  }

  /** @param {string} line */
  add(line) {
    this.onLine?.(line);
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  text() {
    const lines = this.partial ? [...this.lines, this.partial] : this.lines;
    return lines.length ? lines.map((line) => `  ${line}`).join("\n") : "  (no output)";
  }
}

/**
 * The message, plus its cause when there is one: fetch() says only "fetch failed" and keeps the
 * useful part (ENOTFOUND, ECONNREFUSED, …) in `cause`.
 * @param {unknown} error
 * @returns {string}
 */
function errorMessage(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = /** @type {{ code?: string, message?: string } | undefined} */ (error.cause);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${detail})` : error.message;
}
