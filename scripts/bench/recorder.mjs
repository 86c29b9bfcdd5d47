#!/usr/bin/env node
// Benchmark (not a test): what the RECORDER costs while it records a room, and how long a
// recording takes to be ready after stop. Runs the media engine (recorder/media) against its own
// LiveKit server with N synthetic participants.
//
//   node --import tsx scripts/bench/recorder.mjs [--parties 2] [--size 1280x720] [--fps 15]
//        [--canvas 1280x720] [--seconds 60] [--settle 5] [--picture gradient|noisy] [--keep]
//                                                                       (npm run bench:recorder -- …)
//   e.g. --parties 2 --size 1280x720   and   --parties 6 --size 640x360
//   --picture noisy adds fresh noise to every pixel of every frame: harder to encode than any camera
//   picture, so its CPU and MB/h are an upper bound (the gradient is the easy end).
//
// What runs where:
//   this process     LiveKit server (a child), N synthetic participants (@livekit/rtc-node, from
//                    e2e/fixtures/synthetic-participants.ts: a moving I420 picture of --size at --fps
//                    plus a tone each; simulcast off)
//   recorder process a child Node process (this script with --child) running startRoomRecording:
//                    subscribes to all, composes a --canvas grid at --fps, mixes audio
//   ffmpeg           the recorder's encoder (x264 veryfast + AAC into a fragmented MP4)
//
// Measured, over a --seconds window that starts --settle seconds after media is first written:
//   - CPU in cores (utime + stime deltas from /proc/<pid>/stat, all threads, / wall time) of the
//     recorder's Node process (rtc-node's decoders run in its native threads, composing in JS)
//     and of ffmpeg, separately and together; LiveKit and this process are shown for context.
//   - real-time factor: seconds of video the recorder fed to ffmpeg / wall seconds (1.000 when it
//     keeps time), seconds of media ffmpeg wrote (its -progress out_time, reported once a second,
//     so ±1 s over the window) / wall seconds, ffmpeg's own reported speed, how far ffmpeg's output
//     trails real time at the end of the window, and the final file's duration / the recording's
//     span; frames the recorder repeated or owed because it or ffmpeg was late (a healthy run
//     repeats few and owes none).
//   - output size: bytes of the fragmented MP4 per hour of recording (MB/h) and of the final file.
//   - stop → ready: stop() (waits out the 200 ms audio latency, flushes ffmpeg), then
//     finaliseRecordingFile (remux with +faststart, probe, SHA-256), each timed.
//
// Limits: one machine (2 cores here) runs the bots, LiveKit, the recorder and ffmpeg at once,
// plus whatever else is running (the machine's busy cores are printed as "other"); with the CPU
// saturated the recorder falls behind and the figures say more about the machine than about the
// recorder. The synthetic picture (a moving diagonal gradient) is easy to encode: a camera
// picture costs x264 more and gives bigger files. Loopback network: no loss, no jitter, so
// LiveKit's congestion control never lowers what the recorder receives.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `--name value` from the command line, or the fallback. */
function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith("--")) return true;
  return typeof fallback === "number" ? Number(value) : value;
}
const size = (text) => String(text).split("x").map(Number);
const round = (value, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : "–");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ the recorder process ---

/**
 * The recorder, alone in its process so its CPU can be measured. Talks JSON lines: prints
 * {type: "started" | "media" | "stats" | "done" | "error"}, reads "stats" and "stop" on stdin.
 */
async function runRecorderChild() {
  const { startRoomRecording, finaliseRecordingFile } = await import("../../recorder/media/index.ts");
  const { dispose } = await import("@livekit/rtc-node");
  const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const [width, height] = size(process.env.BENCH_CANVAS);
  const fps = Number(process.env.BENCH_FPS);
  const live = process.env.BENCH_OUTPUT;
  try {
    const recording = await startRoomRecording({
      url: process.env.BENCH_URL,
      token: process.env.BENCH_TOKEN,
      outputPath: live,
      width,
      height,
      fps,
      logger: {
        info() {},
        warn: (object, message) => process.stderr.write(`[recorder] ${message} ${JSON.stringify(object)}\n`),
        error: (object, message) => process.stderr.write(`[recorder] ${message} ${JSON.stringify(object)}\n`),
      },
    });
    say({ type: "started", ffmpegPid: recording.ffmpegPid });
    recording.mediaStarted.then(
      (at) => say({ type: "media", at: at.getTime(), now: Date.now() }),
      (error) => say({ type: "error", message: error.message }),
    );
    recording.ended.catch((error) => say({ type: "error", message: error.message }));
    for await (const line of readline.createInterface({ input: process.stdin })) {
      if (line === "stats") say({ type: "stats", at: performance.now(), stats: recording.stats() });
      if (line === "stop") break;
    }
    const stopAt = performance.now();
    const span = await recording.stop();
    const stoppedAt = performance.now();
    const final = live.replace(/\.live\.mp4$/, ".mp4");
    const finalised = await finaliseRecordingFile(live, final);
    const readyAt = performance.now();
    say({
      type: "done",
      seconds: (span.endedAt.getTime() - span.startedAt.getTime()) / 1000,
      liveBytes: span.bytes,
      finalised,
      stopMs: stoppedAt - stopAt,
      finaliseMs: readyAt - stoppedAt,
    });
  } catch (error) {
    say({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
  await dispose();
  process.exit(0);
}

// ------------------------------------------------------------------------ the benchmark ---

async function runBenchmark() {
  const PARTIES = Number(option("parties", 2));
  const [BOT_W, BOT_H] = size(option("size", "1280x720"));
  const FPS = Number(option("fps", 15));
  const CANVAS = String(option("canvas", "1280x720"));
  const SECONDS = Number(option("seconds", 60));
  const SETTLE = Number(option("settle", 5));
  const KEEP = option("keep", false) === true;
  const PICTURE = option("picture", "gradient") === "noisy" ? "noisy" : "gradient";

  const { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } = await import("../lib/livekit.mjs");
  const { getFreeTcpPort, getFreeUdpPort } = await import("../lib/ports.mjs");
  const { AccessToken, RoomServiceClient } = await import("livekit-server-sdk");
  const { startSyntheticParticipant } = await import("../../e2e/fixtures/synthetic-participants.ts");
  const { dispose } = await import("@livekit/rtc-node");

  /** Undone last-first on the way out, whatever happens. */
  const cleanups = [];
  const cleanUp = async () => {
    for (const fn of cleanups.splice(0).reverse()) await Promise.resolve(fn()).catch(() => {});
  };
  process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

  console.log(
    `recorder bench: ${PARTIES} parties sending ${BOT_W}×${BOT_H} @ ${FPS} fps (${PICTURE} picture), recorded to a ${CANVAS} @ ${FPS} fps grid; ` +
      `${SECONDS} s window after ${SETTLE} s settling; ${machineLoad()}`,
  );
  try {
    const binary = await obtainLiveKitBinary({ projectRoot: ROOT });
    const { apiKey, apiSecret } = generateApiCredentials();
    const server = await startLiveKitServer({
      binary,
      apiKey,
      apiSecret,
      port: await getFreeTcpPort(),
      rtcTcpPort: await getFreeTcpPort(),
      rtcUdpPort: await getFreeUdpPort(),
    });
    cleanups.push(() => server.stop());
    const roomName = `bench-recorder-${randomUUID()}`;
    await new RoomServiceClient(server.httpUrl, apiKey, apiSecret).createRoom({ name: roomName, emptyTimeout: 60 });
    const token = (identity, grant) => {
      const t = new AccessToken(apiKey, apiSecret, { identity, ttl: "1h" });
      t.addGrant({ room: roomName, roomJoin: true, ...grant });
      return t.toJwt();
    };

    console.log(`starting ${PARTIES} synthetic participants…`);
    const bots = [];
    for (let i = 0; i < PARTIES; i++) {
      const bot = await startSyntheticParticipant({
        url: server.url,
        token: await token(`bench-bot-${i}`, { canPublish: true, canSubscribe: false }),
        width: BOT_W,
        height: BOT_H,
        fps: FPS,
        toneHz: 300 + 110 * i,
        picture: PICTURE,
      });
      bots.push(bot);
      cleanups.push(() => bot.stop());
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-bench-recorder-"));
    cleanups.push(() => (KEEP ? console.log(`kept ${dir}`) : fs.rmSync(dir, { recursive: true, force: true })));
    const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--child"], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_URL: server.url,
        BENCH_TOKEN: await token(`recorder-${randomUUID()}`, {
          canSubscribe: true,
          canPublish: false,
          canPublishData: false,
          hidden: true,
          recorder: true,
        }),
        BENCH_OUTPUT: path.join(dir, "recording.live.mp4"),
        BENCH_CANVAS: CANVAS,
        BENCH_FPS: String(FPS),
      },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const childExited = new Promise((resolve) => child.once("exit", resolve));
    cleanups.push(async () => {
      child.kill("SIGKILL");
      await childExited;
    });
    const messages = [];
    const waiters = [];
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return; // rtc-node's own log lines
      }
      if (message.type === "error") console.log(`recorder error: ${message.message}`);
      messages.push(message);
      for (const waiter of [...waiters]) waiter();
    });
    const next = (type, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`recorder sent no "${type}" within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = () => {
          const index = messages.findIndex((m) => m.type === type);
          if (index < 0) return;
          const [message] = messages.splice(index, 1);
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(message);
        };
        waiters.push(check);
        check();
      });
    const ask = async () => {
      child.stdin.write("stats\n");
      return (await next("stats")).stats;
    };

    const started = await next("started");
    const media = await next("media");
    console.log(`first media in the file ${round((media.now - media.at) / 1000, 1)} s after the recording started`);
    await sleep(SETTLE * 1000);

    const pids = { recorder: child.pid, ffmpeg: started.ffmpegPid, livekit: server.process.pid, bench: process.pid };
    const cpu0 = cpuSnapshot(pids);
    const stats0 = await ask();
    await sleep(SECONDS * 1000);
    const stats1 = await ask();
    const cpu1 = cpuSnapshot(pids);
    const wall = (cpu1.at - cpu0.at) / 1000;
    const cores = (name) => (cpu1[name] - cpu0[name]) / wall;

    child.stdin.write("stop\n");
    const done = await next("done", 120_000);
    await childExited;

    // ffmpeg reports out_time once a second and writes 1 s fragments: ±1 s over the window.
    const mediaSeconds = stats1.ffmpeg.outTimeSeconds - stats0.ffmpeg.outTimeSeconds;
    const framesSeconds = (stats1.videoFramesWritten - stats0.videoFramesWritten) / FPS;
    const statsWall = stats1.elapsedSeconds - stats0.elapsedSeconds;
    const machine = cores("machine");
    const ours = cores("recorder") + cores("ffmpeg") + cores("livekit") + cores("bench");
    const row = {
      "recorder Node (cores)": round(cores("recorder"), 2),
      "  of which composing in JS (cores)": round((stats1.composeSeconds - stats0.composeSeconds) / statsWall, 2),
      "ffmpeg (cores)": round(cores("ffmpeg"), 2),
      "recorder total (cores)": round(cores("recorder") + cores("ffmpeg"), 2),
      "real-time factor: video fed to ffmpeg": round(framesSeconds / statsWall, 3),
      "real-time factor: ffmpeg output": round(mediaSeconds / statsWall, 3),
      "ffmpeg speed (its own)": stats1.ffmpeg.speed === null ? "–" : `${stats1.ffmpeg.speed}x`,
      "ffmpeg behind real time at the end, s": round(stats1.elapsedSeconds - stats1.ffmpeg.outTimeSeconds, 1),
      "file duration / recording span": round(done.finalised.durationSeconds / done.seconds, 3),
      "frames repeated / owed": `${stats1.videoFramesRepeated - stats0.videoFramesRepeated} / ${stats1.videoFramesOwed}`,
      "live file MB/h": round((done.liveBytes / done.seconds) * 3.6e-3, 0),
      "final file MB/h": round((done.finalised.bytes / done.seconds) * 3.6e-3, 0),
      "stop() s": round(done.stopMs / 1000, 2),
      "finalise s": round(done.finaliseMs / 1000, 2),
      "stop → ready s": round((done.stopMs + done.finaliseMs) / 1000, 2),
    };
    console.log(
      `\n${PARTIES} × ${BOT_W}×${BOT_H} @ ${FPS} fps → ${CANVAS} grid, ${round(wall, 1)} s window ` +
        `(recording ${round(done.seconds, 1)} s, final file ${round(done.finalised.durationSeconds, 1)} s, sha256 ${done.finalised.sha256.slice(0, 12)}…):`,
    );
    console.table(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, { value: v }])));
    console.log(
      `Context (cores): LiveKit ${round(cores("livekit"), 2)}, bots + driver (this process) ${round(cores("bench"), 2)}, ` +
        `machine busy ${round(machine, 2)} of ${os.cpus().length}, other (not ours) ${round(Math.max(0, machine - ours), 2)}; ${machineLoad()}.`,
    );
    console.log(`Reproduce: node --import tsx scripts/bench/recorder.mjs ${process.argv.slice(2).join(" ")}`.trim());
    for (const bot of bots.splice(0)) await bot.stop();
  } finally {
    await cleanUp();
    await dispose();
  }
}

// ---------------------------------------------------------------------------------- CPU ---

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU seconds so far (utime + stime, all threads) of each named process, and of the whole machine. */
function cpuSnapshot(pids) {
  const snapshot = { at: performance.now() };
  for (const [name, pid] of Object.entries(pids)) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Field 2 (comm) may hold spaces: split after its closing ")"; utime and stime are fields 14, 15.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      snapshot[name] = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      snapshot[name] = Number.NaN;
    }
  }
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  snapshot.machine = cpu.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0) / CLOCK_TICKS;
  return snapshot;
}

function machineLoad() {
  return `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}, ${os.cpus().length} cores`;
}

// Last, so that every module-level constant above is initialised before either side runs.
if (process.argv.includes("--child")) await runRecorderChild();
else await runBenchmark();
