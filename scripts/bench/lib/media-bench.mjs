// Shared parts of the media benchmarks (scripts/bench/join-time.mjs,
// room-weight.mjs, party-25.mjs). Not a test helper: nothing here asserts.
//
// - startBenchStack(): LiveKit + the production app on free ports with a temp
//   database (scripts/lib/app-stack.mjs), the seed factories and the e2e media
//   fixtures loaded through tsx, a LiveKit RoomServiceClient and token minting.
// - startBarePageServer(): a tiny static page on 127.0.0.1 that uses
//   livekit-client straight from node_modules (no Next.js, no React) with the
//   app's own Room options, for "app vs bare livekit-client" comparisons.
// - process CPU from /proc (utime + stime), grouped by kind (Chromium renderer,
//   GPU, network service, browser; LiveKit; the app; this process).
// - a cleanup registry that runs on normal exit, errors and Ctrl-C, and a final
//   check that no child process is left behind.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { AccessToken, RoomServiceClient } from "livekit-server-sdk";
import { startAppStack } from "../../lib/app-stack.mjs";
import { chromiumTestArgs, systemChromium } from "../../lib/chromium.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

// ---------------------------------------------------------------- cleanup ---

/** @type {{ name: string, fn: () => Promise<unknown> | unknown }[]} */
const cleanups = [];
/** Registers something to undo; undone last-in first-out by runCleanups(). */
export function onCleanup(name, fn) {
  const entry = { name, fn };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
    await fn();
  };
}
export async function runCleanups() {
  while (cleanups.length) {
    const { name, fn } = /** @type {(typeof cleanups)[number]} */ (cleanups.pop());
    try {
      await withTimeout(Promise.resolve().then(fn), 20_000, `cleanup "${name}"`);
    } catch (error) {
      console.error(`cleanup "${name}" failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
let interrupted = false;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything this benchmark started…`);
    void runCleanups().finally(() => {
      killLeftovers();
      process.exit(130);
    });
  });
}

/**
 * Runs a benchmark body with cleanups guaranteed (try/finally), then checks
 * that no child process survived (killing any by pid, and saying so).
 * @param {() => Promise<void>} body
 */
export async function runBenchmark(body) {
  let failed = false;
  try {
    await body();
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  } finally {
    await runCleanups();
    const left = killLeftovers();
    if (left.length) console.error(`warning: ${left.length} leftover child process(es) had to be killed: ${left}`);
  }
  process.exit(failed ? 1 : 0);
}

/**
 * Kills (by pid) any process still descending from this one; returns what it
 * found. esbuild's service process (started by tsx and esbuild inside this
 * process, ended by it on exit) is not a leftover.
 */
function killLeftovers() {
  const deadline = Date.now() + 5_000;
  const ours = () =>
    descendants(process.pid).filter((pid) => !isZombie(pid) && !/esbuild\S* --service/.test(cmdline(pid)));
  let left = ours();
  // Processes that were just told to stop get a moment to go.
  while (left.length && Date.now() < deadline) {
    spawnSync("sleep", ["0.2"]);
    left = ours();
  }
  const found = left.map((pid) => `${pid} ${processKind(pid)}`);
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return found;
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ stack ---

let tsModules;
/** The project's TypeScript modules the benchmarks reuse, loaded once through tsx. */
export async function tsImports() {
  if (tsModules) return tsModules;
  const { register } = await import("tsx/esm/api");
  register();
  // rtc-node logs every connection at debug level unless NODE_ENV=production: keep the tables readable.
  const rtcLog = createRequire(import.meta.url)(path.join(ROOT, "node_modules/@livekit/rtc-node/dist/log.cjs"));
  rtcLog.log.level = "warn";
  const [dbClient, seed, synthetic, media, roomHook] = await Promise.all([
    import("../../../lib/db-client.ts"),
    import("../../../prisma/seed.ts"),
    import("../../../e2e/fixtures/synthetic-participants.ts"),
    import("../../../e2e/fixtures/media.ts"),
    import("../../../components/room/use-livekit-room.ts"),
  ]);
  tsModules = {
    createDbClient: dbClient.createDbClient,
    createConsultation: seed.createConsultation,
    createStaffUser: seed.createStaffUser,
    startSyntheticParticipant: synthetic.startSyntheticParticipant,
    smallFakeCamera: media.smallFakeCamera,
    roomOptionsWithDefaults: roomHook.roomOptionsWithDefaults,
  };
  return tsModules;
}

/**
 * LiveKit + the production app (built into NEXT_DIST_DIR if needed), a
 * database client, and LiveKit helpers. Everything is stopped by runCleanups().
 */
export async function startBenchStack({ settings = {} } = {}) {
  const ts = await tsImports();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-bench-"));
  onCleanup("remove the temporary folder", () => fs.rmSync(workDir, { recursive: true, force: true }));
  const stack = await startAppStack({
    root: ROOT,
    workDir,
    // Many joins from 127.0.0.1 in a few minutes: the per-address link limit is not what is measured.
    settings: { LOG_LEVEL: "error", JOIN_LINK_RATE_LIMIT: "10000", ...settings },
  });
  onCleanup("stop LiveKit and the app", stack.stop);
  const db = ts.createDbClient(stack.databaseUrl);
  onCleanup("close the database client", () => db.$disconnect());
  const { url, apiKey, apiSecret } = stack.liveKit;
  const rooms = new RoomServiceClient(url.replace(/^ws/, "http"), apiKey, apiSecret);

  /** A LiveKit token for someone outside the app (bots, the bare page). */
  async function token(roomName, identity, { canPublish = true, canSubscribe = true, name = identity } = {}) {
    const at = new AccessToken(apiKey, apiSecret, { identity, name, ttl: "15m", attributes: { role: "GUEST" } });
    at.addGrant({ room: roomName, roomJoin: true, canPublish, canSubscribe });
    return at.toJwt();
  }

  /** The room as the app creates it (lib/server/tokens/ensure-room.ts); creating an existing room returns it. */
  function ensureRoom(roomName) {
    return rooms.createRoom({ name: roomName, emptyTimeout: 300, departureTimeout: 60, maxParticipants: 26 });
  }

  /**
   * Synthetic participants (e2e/fixtures/synthetic-participants.ts: rtc-node,
   * generated moving picture + tone, simulcast off), started a few at a time.
   */
  async function startBots(roomName, count, { width = 320, height = 240, fps = 15, prefix = "bench-bot" } = {}) {
    /** @type {{ identity: string, stop: () => Promise<void> }[]} */
    const bots = [];
    const stopAll = onCleanup(`stop ${count} synthetic participant(s)`, () =>
      Promise.allSettled(bots.map((bot) => bot.stop())),
    );
    const batch = 4;
    for (let i = 0; i < count; i += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, count - i) }, async (_, j) => {
          const n = i + j + 1;
          const identity = `${prefix}-${String(n).padStart(2, "0")}-${Math.random().toString(36).slice(2, 8)}`;
          const jwt = await token(roomName, identity, { canSubscribe: false, name: `Guest ${n}` });
          const bot = await ts.startSyntheticParticipant({ url, token: jwt, width, height, fps });
          bots.push({ identity, stop: bot.stop });
        }),
      );
    }
    return { identities: bots.map((bot) => bot.identity), stop: stopAll };
  }

  return { stack, db, ts, rooms, token, ensureRoom, startBots, liveKitUrl: url };
}

// --------------------------------------------------------------- chromium ---

/** Debian's Chromium headless with the project's test flags and the small (320 × 240, 15 fps) fake camera. */
export async function launchChromium() {
  const { chromium } = await import("@playwright/test");
  const { smallFakeCamera } = await tsImports();
  const executablePath = systemChromium();
  if (!executablePath) throw new Error("No Chromium found: apt-get install chromium (or set CHROMIUM_PATH)");
  const browser = await chromium.launch({
    executablePath,
    args: chromiumTestArgs({ fakeVideoFile: smallFakeCamera() }),
    // Playwright's own signal handlers close Chromium and exit at once, cutting our cleanup short
    // (the app server would outlive us): on Ctrl-C our handler closes everything, Chromium included.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup("close Chromium", () => browser.close());
  return browser;
}

/** A fresh browser context (own cookies, cache, camera permission), closed by runCleanups() if not before. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ permissions: ["camera", "microphone"], ...options });
  const close = onCleanup("close a browser context", () => context.close());
  return { context, close };
}

/** Fills in the staff sign-in form (as e2e/fixtures/test.ts does) and waits for the dashboard. */
export async function signIn(page, baseUrl, account) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/, { timeout: 30_000 });
}

/** On the device check, waits for the camera preview (as e2e/room.spec.ts does) so the click is the only thing left. */
export async function waitForDeviceCheck(page) {
  await page.getByTestId("device-check").waitFor({ timeout: 30_000 });
  const preview = page.getByTestId("camera-preview");
  await preview.waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="camera-preview"]')?.videoWidth ?? 0) > 0,
    undefined,
    { timeout: 15_000 },
  );
}

// -------------------------------------------------------------- bare page ---

/**
 * The Room options the app uses (components/room/use-livekit-room.ts,
 * roomOptionsWithDefaults), read from its source at run time, as JSON the bare
 * page turns back into livekit-client objects.
 */
export async function appRoomOptionsJson(overrides = {}) {
  const { roomOptionsWithDefaults } = await tsImports();
  return JSON.stringify({ ...roomOptionsWithDefaults(), ...overrides });
}

const BARE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare livekit-client</title>
<style>
  body { margin: 0; background: #0f172a; color: #e2e8f0; font: 14px system-ui, sans-serif; }
  #bar { padding: 8px; } #grid { display: grid; padding: 8px; }
  .tile { position: relative; overflow: hidden; border-radius: 12px; background: #1e293b; list-style: none; }
  .tile video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; background: #020617; }
  .tile span { position: absolute; left: 6px; bottom: 6px; background: #020617cc; padding: 0 6px; border-radius: 6px; }
</style></head>
<body>
<div id="bar"><button id="join" type="button" disabled>Join</button> <span id="status">loading…</span></div>
<ul id="grid"></ul>
<div id="off-page" hidden></div>
<script src="/livekit-client.umd.js"></script>
<script>
  // Query: url, token, options (Room options as JSON), publish (1: camera + microphone on connect, as the app
  // does), cols, tileW, tileH, gap (the grid; defaults: one 640 × 360 tile per row), shownTiles (show at most
  // this many remote cameras in tiles and attach the others to hidden <video>s, as the app does with people
  // on other pages of its grid), maxTiles (attach at most this many remote cameras to a <video>; the others
  // stay subscribed but are never attached, as the app did before it attached them hidden).
  const q = new URLSearchParams(location.search);
  const LK = window.LivekitClient;
  const raw = JSON.parse(q.get("options") || "{}");
  const preset = (p) => new LK.VideoPreset({ width: p.width, height: p.height, aspectRatio: p.aspectRatio, ...p.encoding });
  const options = { ...raw, publishDefaults: { ...raw.publishDefaults } };
  if (raw.publishDefaults?.videoSimulcastLayers) options.publishDefaults.videoSimulcastLayers = raw.publishDefaults.videoSimulcastLayers.map(preset);
  const maxTiles = Number(q.get("maxTiles") || Number.POSITIVE_INFINITY);
  const shownTiles = Number(q.get("shownTiles") || Number.POSITIVE_INFINITY);
  let remoteTiles = 0;
  const cols = Number(q.get("cols") || 1), tileW = Number(q.get("tileW") || 640), tileH = Number(q.get("tileH") || 360);
  const grid = document.getElementById("grid");
  grid.style.gridTemplateColumns = "repeat(" + cols + ", " + tileW + "px)";
  grid.style.gap = (q.get("gap") || "8") + "px";
  const status = document.getElementById("status");
  const join = document.getElementById("join");

  function tile(identity, source, name) {
    const li = document.createElement("li");
    li.className = "tile";
    li.dataset.testid = "participant-tile"; // the same selector the app's tiles answer to
    li.dataset.identity = identity;
    li.dataset.source = source;
    li.style.width = tileW + "px"; li.style.height = tileH + "px";
    const label = document.createElement("span"); label.textContent = name;
    li.append(label);
    return li;
  }
  function showVideo(track, identity, name, local) {
    const li = tile(identity, "camera", name);
    const video = document.createElement("video");
    video.autoplay = true; video.muted = true; video.playsInline = true;
    if (local) li.style.transform = "scaleX(-1)";
    li.prepend(video);
    if (local) grid.prepend(li); else grid.append(li);
    track.attach(video);
  }
  function attachHidden(track) {
    const video = document.createElement("video");
    video.hidden = true; video.muted = true; video.playsInline = true;
    document.getElementById("off-page").append(video);
    track.attach(video);
  }

  join.onclick = async () => {
    join.disabled = true; join.textContent = "Joining…";
    const room = new LK.Room(options);
    window.__openConsultRoom = room; // the name the app uses, so the same probes read both pages
    room.on(LK.RoomEvent.TrackSubscribed, (track, publication, participant) => {
      if (track.kind === "video" && publication.source === LK.Track.Source.Camera) {
        const n = remoteTiles++;
        if (n >= maxTiles) return;
        if (n < shownTiles) showVideo(track, participant.identity, participant.name || participant.identity, false);
        else attachHidden(track);
      } else if (track.kind === "audio") {
        document.body.append(track.attach()); // played, as the app's RoomAudioRenderer does
      }
    });
    room.on(LK.RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.closest("li")?.remove() ?? el.remove()));
    room.on(LK.RoomEvent.LocalTrackPublished, (publication) => {
      if (publication.source === LK.Track.Source.Camera && publication.track) showVideo(publication.track, room.localParticipant.identity, "You", true);
    });
    room.on(LK.RoomEvent.ConnectionStateChanged, (state) => { status.textContent = state; });
    try {
      await room.connect(q.get("url"), q.get("token"));
      if (q.get("publish") === "1") {
        // As components/room/room-session.tsx: once connected, microphone and camera, not awaited.
        room.localParticipant.setMicrophoneEnabled(true).catch((e) => console.error(e));
        room.localParticipant.setCameraEnabled(true).catch((e) => console.error(e));
      }
    } catch (error) {
      status.textContent = "connect failed: " + error.message;
      window.__bareError = String(error && error.message);
    }
  };
  join.disabled = false;
  status.textContent = "ready (livekit-client " + LK.version + ")";
</script>
</body></html>`;

/**
 * Serves the bare page and livekit-client's minified UMD bundle from
 * node_modules on a free 127.0.0.1 port (a secure context, so getUserMedia works).
 */
export async function startBarePageServer() {
  const bundle = fs.readFileSync(path.join(ROOT, "node_modules/livekit-client/dist/livekit-client.umd.js"));
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    if (pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(BARE_PAGE);
    } else if (pathname === "/livekit-client.umd.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      response.end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  onCleanup("stop the bare page's HTTP server", () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve(undefined)));
  });
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    /** @param {Record<string, string | number>} params */
    url: (params) => `${origin}/?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`,
  };
}

// ------------------------------------------------------------ page probes ---

/**
 * What the page receives, from WebRTC's own counters: every inbound-rtp stream
 * of the page's Room (window.__openConsultRoom, which the app exposes when
 * E2E_EXPOSE_ROOM=true and the bare page always sets), read from the
 * RTCPeerConnection(s) livekit-client keeps in room.engine.pcManager
 * (one in single-peer-connection mode, publisher + subscriber otherwise).
 */
export function inboundStats(page) {
  return page.evaluate(async () => {
    const room = /** @type {any} */ (window).__openConsultRoom;
    const pcManager = room?.engine?.pcManager;
    const transports = [...new Set([pcManager?.publisher, pcManager?.subscriber].filter(Boolean))];
    /** @type {Record<string, { bytes: number, frames: number, width: number, height: number }>} */
    const video = {};
    let audioBytes = 0;
    let seen = 0;
    for (const transport of transports) {
      const report = await transport.getStats();
      report?.forEach((stat) => {
        if (stat.type !== "inbound-rtp") return;
        seen++;
        if (stat.kind === "video") {
          video[stat.id + (transport === pcManager.subscriber ? ":s" : ":p")] = {
            bytes: stat.bytesReceived ?? 0,
            frames: stat.framesDecoded ?? 0,
            width: stat.frameWidth ?? 0,
            height: stat.frameHeight ?? 0,
          };
        } else if (stat.kind === "audio") audioBytes += stat.bytesReceived ?? 0;
      });
    }
    return { at: performance.now(), video, audioBytes, seen, connected: room?.state === "connected" };
  });
}

/** Bit rates and frame rates between two inboundStats() readings. */
export function inboundDelta(before, after) {
  const seconds = (after.at - before.at) / 1000;
  let bytes = 0;
  let frames = 0;
  let active = 0;
  let width = 0;
  let height = 0;
  for (const [id, now] of Object.entries(after.video)) {
    const then = before.video[id] ?? { bytes: 0, frames: 0 };
    const dBytes = now.bytes - then.bytes;
    bytes += dBytes;
    frames += now.frames - then.frames;
    if (dBytes > 0) {
      active++;
      width += now.width;
      height += now.height;
    }
  }
  return {
    seconds,
    videoKbps: (bytes * 8) / 1000 / seconds,
    audioKbps: ((after.audioBytes - before.audioBytes) * 8) / 1000 / seconds,
    streams: Object.keys(after.video).length,
    active,
    fps: frames / seconds,
    /** Mean decoded frame size of the streams that received anything. */
    frameSize: active ? `${Math.round(width / active)}×${Math.round(height / active)}` : "–",
  };
}

// -------------------------------------------------------------------- CPU ---

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

function statFields(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (comm) is in parentheses and may hold spaces: split after the last ")". rest[0] is field 3.
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}
function isZombie(pid) {
  return statFields(pid)?.[0] === "Z";
}
function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** Every live descendant of `rootPid`, from /proc. */
export function descendants(rootPid) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue;
    const ppid = Number(fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)?.push(Number(entry));
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const pid = /** @type {number} */ (queue.shift());
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** What a process is, for grouping CPU: Chromium's process types, LiveKit, the app, this process. */
function processKind(pid) {
  if (pid === process.pid) return "bench process (bots, driver)";
  const line = cmdline(pid);
  if (/chrom(e|ium)/.test(line.split(" ")[0] ?? "")) {
    const type = /--type=([\w-]+)/.exec(line)?.[1];
    if (!type) return "chromium: browser";
    if (type === "utility")
      return `chromium: ${/--utility-sub-type=([\w.]+)/.exec(line)?.[1]?.split(".")[0] ?? "utility"}`;
    return `chromium: ${type}`;
  }
  if (/livekit-server|\/server\b/.test(line)) return "livekit-server";
  if (/serve\.mjs/.test(line)) return "app (next, serve.mjs)";
  return line.split(" ")[0] ?? "?";
}

/** CPU seconds so far of this process and each of its descendants, and of the whole machine. */
export function cpuSnapshot() {
  /** @type {Map<number, { kind: string, seconds: number }>} */
  const processes = new Map();
  for (const pid of [process.pid, ...descendants(process.pid)]) {
    const fields = statFields(pid);
    if (!fields) continue;
    // Fields 14 and 15: utime and stime, in clock ticks, all threads included.
    processes.set(pid, { kind: processKind(pid), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS });
  }
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const busyTicks = cpu.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0); // minus idle, iowait
  return { at: performance.now(), processes, machineBusy: busyTicks / CLOCK_TICKS };
}

/**
 * Cores used between two snapshots (CPU seconds / wall seconds): per process
 * kind, the busiest Chromium renderer (the page's: only one page is open while
 * measuring), everything ours, and the whole machine (includes other work on it).
 */
export function cpuDelta(before, after) {
  const wall = (after.at - before.at) / 1000;
  /** @type {Record<string, number>} */
  const byKind = {};
  let pageRenderer = 0;
  let pageRendererPid = 0;
  let ours = 0;
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid)?.seconds ?? 0;
    const cores = (now.seconds - then) / wall;
    byKind[now.kind] = (byKind[now.kind] ?? 0) + cores;
    ours += cores;
    if (now.kind === "chromium: renderer" && cores > pageRenderer) {
      pageRenderer = cores;
      pageRendererPid = pid;
    }
  }
  const chromium = Object.entries(byKind)
    .filter(([kind]) => kind.startsWith("chromium"))
    .reduce((sum, [, cores]) => sum + cores, 0);
  return {
    wall,
    pageRenderer,
    pageRendererPid,
    chromium,
    byKind,
    ours,
    machine: (after.machineBusy - before.machineBusy) / wall,
  };
}

/** How busy the machine is (other work on it skews every figure here). */
export function machineLoad() {
  return `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}, ${os.cpus().length} cores`;
}

// ------------------------------------------------------------------ stats ---

/** Percentile by linear interpolation between closest ranks (numpy's default). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const round = (value, digits = 0) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : /** @type {number | string} */ ("–");

/** The command that reproduces this run, as typed. */
export function reproduceCommand(script, args = process.argv.slice(2)) {
  const env = process.env.NEXT_DIST_DIR ? `NEXT_DIST_DIR=${process.env.NEXT_DIST_DIR} ` : "";
  return `${env}node scripts/bench/${script}${args.length ? ` ${args.join(" ")}` : ""}`;
}

/** `--name value` from the command line, or the fallback. */
export function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith("--")) return true;
  return typeof fallback === "number" ? Number(value) : value;
}
