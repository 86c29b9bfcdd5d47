#!/usr/bin/env node
// Benchmark (not a test): a 25-PARTY ROOM, one person in Chromium and 24
// synthetic participants, for ~30 s: what the browser spends (CPU of the
// page's renderer process, and of all of Chromium) and what it receives
// (video bit rate), with livekit-client's adaptiveStream ON and OFF.
//
//   node scripts/bench/party-25.mjs [--seconds 30] [--settle 5] [--bots 24] [--viewport 1440x900]
//                                   [--bot-size 320x240] [--fps 15] [--rounds 1]   (npm run bench:party)
//
// Rows (each in a fresh browser context at the same viewport, one page open at a time):
//   app, adaptiveStream on   the clinician in /consultations/<id>/room (the app always turns
//                            adaptiveStream on; it cannot be turned off without changing the app)
//   bare, adaptiveStream on  a static page served by this script: livekit-client's UMD bundle
//                            from node_modules with the app's Room options (read from
//                            components/room/use-livekit-room.ts), publishing camera + microphone
//                            as the app does, rendering every camera in a grid with the tile
//                            size, column count and gap measured in the app's grid
//   bare, adaptiveStream off the same page and grid, adaptiveStream: false (nothing else changes)
//   bare, on, N shown + rest hidden  only when the app pages its grid (a phone viewport): the bare
//                            page shows the N cameras the app had on its page and attaches the others
//                            to hidden <video>s, as the app's pager does (components/room/off-page-cameras.ts)
//   bare, on, only N attached  the same N shown, the others subscribed but never attached: what the
//                            app's pager did before, kept to show why it no longer does (see the note below)
// The 24 synthetic participants (e2e/fixtures/synthetic-participants.ts, @livekit/rtc-node in
// this process) publish a generated moving picture (default 320 × 240, 15 fps, simulcast OFF)
// and a tone, and stay in the room through all rows.
//
// How: CPU = utime + stime deltas from /proc/<pid>/stat over the window, divided by the wall
// time (cores used), for every process this script started; the page's renderer is the busiest
// Chromium renderer (only one page is open while measuring). Received video = the sum of
// bytesReceived deltas over the page's inbound-rtp video streams, read from the page's
// RTCPeerConnection(s) (window.__openConsultRoom.engine.pcManager; the app exposes its Room when
// E2E_EXPOSE_ROOM=true, which scripts/lib/app-stack.mjs sets; the bare page sets it itself).
//
// Limits: 2 cores shared by Chromium, LiveKit, the app and 24 encoding bots (their CPU is shown
// so you can see the machine was saturated or not; other work on the machine shows as "other");
// headless Chromium with --disable-gpu (software compositing; the GPU process does it) and a fake
// camera; loopback network (no loss, no bandwidth limit, so congestion control never bites).
// With simulcast off the server has one layer per bot, so adaptiveStream can only pause videos
// that are not visible; it cannot pick a smaller layer for a small tile. On a desktop viewport
// where all 25 tiles are visible, expect on ≈ off; try --viewport 375x740 (a phone: the app
// pages 4 tiles at a time, the bare page scrolls) to see pausing at work. Note: livekit-client
// 2.23's adaptiveStream pauses a video it has seen attached and then hidden (off screen,
// display: none, detached); a track that was never attached to any element keeps streaming.
// So the app attaches the cameras of other pages to hidden <video>s: "cameras attached" in the
// table counts those too, and "enabled" is how many the page asks the server to send.
import {
  appRoomOptionsJson,
  cpuDelta,
  cpuSnapshot,
  inboundDelta,
  inboundStats,
  launchChromium,
  machineLoad,
  newContext,
  option,
  reproduceCommand,
  round,
  runBenchmark,
  signIn,
  sleep,
  startBarePageServer,
  startBenchStack,
  waitForDeviceCheck,
} from "./lib/media-bench.mjs";

const SECONDS = Number(option("seconds", 30));
const SETTLE = Number(option("settle", 5));
const BOTS = Number(option("bots", 24));
const ROUNDS = Number(option("rounds", 1));
const FPS = Number(option("fps", 15));
const [VIEW_W, VIEW_H] = String(option("viewport", "1440x900")).split("x").map(Number);
const [BOT_W, BOT_H] = String(option("bot-size", "320x240")).split("x").map(Number);
const viewport = { width: VIEW_W ?? 1440, height: VIEW_H ?? 900 };

/**
 * Waits until the page has subscribed to every bot's camera and every camera
 * <video> on screen shows frames. Returns how many remote videos are in the DOM,
 * on screen, and showing frames.
 */
async function waitForGrid(page, bots, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(probeGrid, bots);
    if (last?.done) return last;
    await sleep(500);
  }
  console.log(`  (not every on-screen tile showed video after ${timeout / 1000} s: ${JSON.stringify(last)})`);
  return last ?? { subscribed: 0, attached: 0, enabled: 0, inDom: 0, onScreen: 0, showing: 0 };
}

/**
 * In the page: subscribed cameras, how many are attached to any <video> (tiles or hidden) and
 * how many the page asks the server to send (adaptiveStream's visibility, or setEnabled), and
 * remote camera <video>s in tiles in the DOM, on screen, showing frames.
 */
function probeGrid(/** @type {number} */ expected) {
  const room = /** @type {any} */ (window).__openConsultRoom;
  if (room?.state !== "connected") return null;
  let subscribed = 0;
  let attached = 0;
  let enabled = 0;
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.kind !== "video" || !publication.track) continue;
      subscribed++;
      if (publication.track.attachedElements.length > 0) attached++;
      if (publication.isEnabled) enabled++;
    }
  }
  const local = room.localParticipant.identity;
  const videos = [...document.querySelectorAll('[data-testid="participant-tile"][data-source="camera"] video')].filter(
    (v) => v.closest("[data-identity]")?.getAttribute("data-identity") !== local,
  );
  const onScreen = videos.filter((v) => {
    const r = v.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  });
  const showing = videos.filter((v) => /** @type {HTMLVideoElement} */ (v).videoWidth > 0);
  const done = subscribed >= expected && onScreen.length > 0 && onScreen.every((v) => v.videoWidth > 0);
  return {
    done,
    subscribed,
    attached,
    enabled,
    inDom: videos.length,
    onScreen: onScreen.length,
    showing: showing.length,
  };
}

/** Settles, then measures CPU and received media over the window. */
async function measure(page, bots) {
  const grid = await waitForGrid(page, bots);
  await sleep(SETTLE * 1000);
  const cpu0 = cpuSnapshot();
  const in0 = await inboundStats(page);
  await sleep(SECONDS * 1000);
  const in1 = await inboundStats(page);
  const cpu1 = cpuSnapshot();
  const after = await page.evaluate(probeGrid, bots);
  return { grid: after ?? grid, cpu: cpuDelta(cpu0, cpu1), media: inboundDelta(in0, in1) };
}

await runBenchmark(async () => {
  console.log(
    `party-25: 1 browser + ${BOTS} bots (${BOT_W}×${BOT_H} @ ${FPS} fps, simulcast off), ` +
      `viewport ${viewport.width}×${viewport.height}, ${SECONDS} s windows after ${SETTLE} s settling, ${machineLoad()}`,
  );
  const bench = await startBenchStack();
  const { db, ts } = bench;
  const appUrl = bench.stack.appUrl;
  const host = await ts.createStaffUser(db, { role: "CLINICIAN" });
  const visit = await ts.createConsultation(db, { hostId: host.id, hostName: host.displayName });
  await bench.ensureRoom(visit.roomName);
  const bare = await startBarePageServer();
  const browser = await launchChromium();

  console.log(`starting ${BOTS} synthetic participants…`);
  const bots = await bench.startBots(visit.roomName, BOTS, { width: BOT_W, height: BOT_H, fps: FPS });

  /** @type {{ label: string, result: Awaited<ReturnType<typeof measure>> }[]} */
  const rows = [];
  /** The app's grid, measured in the first app row and reproduced by the bare page. */
  let layout = { cols: 5, tileW: 270, tileH: 152, gap: 8 };

  for (let r = 1; r <= ROUNDS; r++) {
    const suffix = ROUNDS > 1 ? ` #${r}` : "";
    {
      const label = `app (clinician), adaptiveStream on${suffix}`;
      console.log(`measuring: ${label}`);
      const { context, close } = await newContext(browser, { viewport });
      try {
        const page = await context.newPage();
        await signIn(page, appUrl, host);
        await page.goto(`${appUrl}/consultations/${visit.consultationId}/room`);
        await waitForDeviceCheck(page);
        await page.getByRole("button", { name: "Join visit", exact: true }).click();
        await page
          .locator('[data-testid="consultation-room"][data-connection="connected"]')
          .waitFor({ timeout: 30_000 });
        const result = await measure(page, BOTS);
        layout = await page.evaluate(() => {
          const grid = /** @type {HTMLElement} */ (document.querySelector('[data-testid="video-grid"]'));
          const tile = /** @type {HTMLElement} */ (grid.querySelector('[data-testid="participant-tile"]'));
          const box = tile.getBoundingClientRect();
          return {
            cols: Number(grid.dataset.columns) || 1,
            tileW: Math.round(box.width),
            tileH: Math.round(box.height),
            gap: Number.parseFloat(getComputedStyle(grid).columnGap) || 8,
          };
        });
        rows.push({ label, result });
      } finally {
        await close();
      }
    }
    // When the app pages its grid (a phone), it shows the tiles of the current page and attaches the other
    // cameras to hidden <video>s: the bare page then gets a row that does the same, and one that leaves the
    // others never attached (what the app did before; livekit-client keeps those streaming).
    const appTiles = rows.at(-1)?.result.grid.inDom ?? BOTS;
    const bareRows = [
      { adaptiveStream: true, shownTiles: 0, maxTiles: 0, label: "bare livekit-client, adaptiveStream on" },
      ...(appTiles < BOTS
        ? [
            {
              adaptiveStream: true,
              shownTiles: appTiles,
              maxTiles: 0,
              label: `bare livekit-client, adaptiveStream on, ${appTiles} shown + ${BOTS - appTiles} attached hidden (as the app)`,
            },
            {
              adaptiveStream: true,
              shownTiles: 0,
              maxTiles: appTiles,
              label: `bare livekit-client, adaptiveStream on, only ${appTiles} attached, ${BOTS - appTiles} never (the app before)`,
            },
          ]
        : []),
      { adaptiveStream: false, shownTiles: 0, maxTiles: 0, label: "bare livekit-client, adaptiveStream off" },
    ];
    for (const [i, { adaptiveStream, shownTiles, maxTiles, label: name }] of bareRows.entries()) {
      const label = `${name}${suffix}`;
      console.log(`measuring: ${label} (grid ${layout.cols} columns of ${layout.tileW}×${layout.tileH} px)`);
      const { context, close } = await newContext(browser, { viewport });
      try {
        const page = await context.newPage();
        const token = await bench.token(visit.roomName, `bench-bare-${i}-${r}`);
        const options = await appRoomOptionsJson({ adaptiveStream });
        const grid = { ...layout, ...(shownTiles ? { shownTiles } : {}), ...(maxTiles ? { maxTiles } : {}) };
        await page.goto(bare.url({ url: bench.liveKitUrl, token, options, publish: 1, ...grid }));
        await page.getByRole("button", { name: "Join", exact: true }).click();
        rows.push({ label, result: await measure(page, BOTS) });
      } finally {
        await close();
      }
    }
  }
  await bots.stop();

  console.log(
    `\n${BOTS + 1}-party room, ${SECONDS} s window: the page's CPU and the video it receives ` +
      `(viewport ${viewport.width}×${viewport.height}, grid ${layout.cols} columns of ${layout.tileW}×${layout.tileH} px; ` +
      `the bots send ${BOTS} × ${FPS} = ${BOTS * FPS} fps in all)`,
  );
  console.table(
    Object.fromEntries(
      rows.map(({ label, result: { cpu, media, grid } }) => [
        label,
        {
          "renderer cores": round(cpu.pageRenderer, 2),
          "GPU process cores": round(cpu.byKind["chromium: gpu-process"] ?? 0, 2),
          "all Chromium cores": round(cpu.chromium, 2),
          "video kbit/s": round(media.videoKbps),
          "video streams active/subscribed": `${media.active}/${media.streams}`,
          "decoded fps (sum)": round(media.fps),
          "mean frame": media.frameSize,
          "audio kbit/s": round(media.audioKbps),
          "remote cameras subscribed / attached / enabled": `${grid.subscribed}/${grid.attached}/${grid.enabled}`,
          "tile videos in page / on screen / showing frames": `${grid.inDom}/${grid.onScreen}/${grid.showing}`,
        },
      ]),
    ),
  );
  console.log("The rest of the machine during each window (cores; 'other' = work on this machine that is not ours):");
  console.table(
    Object.fromEntries(
      rows.map(({ label, result: { cpu } }) => [
        label,
        {
          "livekit-server": round(cpu.byKind["livekit-server"] ?? 0, 2),
          "app (next)": round(cpu.byKind["app (next, serve.mjs)"] ?? 0, 2),
          "bots + driver (this process)": round(cpu.byKind["bench process (bots, driver)"] ?? 0, 2),
          "Chromium network service": round(cpu.byKind["chromium: network"] ?? 0, 2),
          "Chromium browser process": round(cpu.byKind["chromium: browser"] ?? 0, 2),
          "all ours": round(cpu.ours, 2),
          "machine busy": round(cpu.machine, 2),
          other: round(Math.max(0, cpu.machine - cpu.ours), 2),
        },
      ]),
    ),
  );
  console.log(
    "renderer = the page's renderer process (WebRTC receive, decode, JS); GPU process = compositing the <video>s " +
      "(software, --disable-gpu). Bit rates are inbound-rtp bytesReceived deltas (RTP payload, retransmissions included; no packet headers).",
  );
  console.log(`${machineLoad()} at the end.`);
  console.log(`Reproduce: ${reproduceCommand("party-25.mjs")}`);
});
