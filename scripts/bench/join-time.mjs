#!/usr/bin/env node
// Benchmark (not a test): JOIN TIME, from the click on Join to the first frame
// of a remote camera rendered in the page, in the app next to a bare
// livekit-client page measured in the same run against the same LiveKit server.
//
//   node scripts/bench/join-time.mjs [--runs 10] [--warmup 1]        (npm run bench:join)
//
// What is measured, per run (each in a fresh browser context, so fresh cookies
// and HTTP cache; each with a fresh visit and LiveKit room holding one remote
// publisher):
//   app-patient    the patient (already admitted) clicks "Join the waiting room" on the
//                  device check at /visit/<id>, after the real invite link → Continue
//   app-clinician  the clinician (signed in) clicks "Join visit" at /consultations/<id>/room
//   bare           a static page served by this script: livekit-client's UMD bundle from
//                  node_modules, the app's Room options (read from use-livekit-room.ts),
//                  url + token in the query string; the click connects and subscribes only
//   bare+publish   the same, and once connected it turns microphone and camera on, as the
//                  app does (components/room/room-session.tsx)
// The remote is an rtc-node synthetic participant (e2e/fixtures/synthetic-participants.ts:
// 320 × 240, 15 fps, simulcast off, plus a tone) already publishing in the room.
//
// How: a script injected before any page script records performance.now() at
// the click (capture phase, before React's handler), at the end of each
// server action (Next's fetch with a Next-Action header) and when the one
// carrying the LiveKit token has been read, when the LiveKit
// signalling WebSocket is created and opens, when the Room is connected and
// the remote camera track subscribed (the Room's own events), and at the
// first requestVideoFrameCallback of the remote tile's <video>
// ([data-testid=participant-tile][data-identity=…][data-source=camera] video;
// the bare page builds the same markup). All timestamps are taken in the
// page, so Playwright round-trips do not count.
// Variants are interleaved (rotating order each round) so drift hits all alike;
// the first --warmup round(s) are not counted.
//
// Limits: 2 cores shared by Chromium, LiveKit, the app and the bot; headless
// Chromium with fake camera/microphone (a 320 × 240 y4m); everything on
// loopback (no network latency, no TURN); LiveKit and the app on one machine;
// one remote publisher. p95 over 10 runs is close to the maximum: take it as
// "the slow end", not a tail estimate. Absolute figures are this machine's;
// the ratio app / bare is the point.
import {
  appRoomOptionsJson,
  cpuDelta,
  cpuSnapshot,
  launchChromium,
  machineLoad,
  newContext,
  option,
  percentile,
  reproduceCommand,
  round,
  runBenchmark,
  signIn,
  sleep,
  startBarePageServer,
  startBenchStack,
  waitForDeviceCheck,
} from "./lib/media-bench.mjs";

const RUNS = Number(option("runs", 10));
const WARMUP = Number(option("warmup", 1));
const VARIANTS = /** @type {const} */ (["app-patient", "app-clinician", "bare", "bare+publish"]);
const JOIN_LABELS = {
  "app-patient": "Join the waiting room",
  "app-clinician": "Join visit",
  bare: "Join",
  "bare+publish": "Join",
};

/**
 * Injected before any page script (addInitScript): records, in the page,
 * when each step of joining happened after the click. Self-contained.
 * @param {{ joinLabels: string[], remoteIdentity: string }} arg
 */
function joinProbe({ joinLabels, remoteIdentity }) {
  /** @type {Record<string, any>} */
  const marks = { actionEnds: [] };
  /** @type {any} */ (window).__joinMarks = marks;
  const mark = (name, at = performance.now()) => {
    if (marks.click !== undefined && marks[name] === undefined) marks[name] = at;
  };

  // Next.js server actions are fetches with a Next-Action header: when did each answer arrive?
  const fetch0 = window.fetch;
  window.fetch = function (...args) {
    const [input, init] = args;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const result = fetch0.apply(this, args);
    if (headers.has("next-action") && marks.click !== undefined) {
      result
        .then((response) => {
          marks.actionEnds.push(performance.now());
          // The action that answers with the LiveKit credentials (requestVisitToken / requestStaffToken).
          return response
            .clone()
            .text()
            .then((body) => {
              if (body.includes('"serverUrl"') && body.includes('"token"')) mark("token");
            });
        })
        .catch(() => {});
    }
    return result;
  };

  // LiveKit's signalling connection starts when its WebSocket (…/rtc…) is created.
  const WebSocket0 = window.WebSocket;
  window.WebSocket = class extends WebSocket0 {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).includes("/rtc")) {
        mark("wsCreated");
        this.addEventListener("open", () => mark("wsOpen"));
      }
    }
  };

  const selector = `[data-testid="participant-tile"][data-identity="${remoteIdentity}"][data-source="camera"] video`;
  const tick = () => {
    const room = /** @type {any} */ (window).__openConsultRoom;
    if (room && !room.__joinProbe) {
      // Exact times from the Room's own events (the polling below is the fallback, to the next frame).
      room.__joinProbe = true;
      room.on("connected", () => mark("connected"));
      room.on("trackSubscribed", (/** @type {any} */ track, /** @type {any} */ _, /** @type {any} */ participant) => {
        if (participant.identity === remoteIdentity && track.kind === "video") mark("subscribed");
      });
    }
    if (room?.state === "connected") mark("connected");
    const remote = room?.remoteParticipants?.get(remoteIdentity);
    if (remote) {
      for (const publication of remote.trackPublications.values()) {
        if (publication.kind === "video" && publication.source === "camera" && publication.track) mark("subscribed");
      }
    }
    const video = /** @type {HTMLVideoElement | null} */ (document.querySelector(selector));
    if (video) {
      mark("videoElement");
      if (!(/** @type {any} */ (video).__joinProbe) && "requestVideoFrameCallback" in video) {
        /** @type {any} */ (video).__joinProbe = true;
        video.requestVideoFrameCallback((now) => mark("firstFrame", now));
      }
      if (video.videoWidth > 0 && video.currentTime > 0) mark("firstFramePolled");
    }
    if (marks.firstFrame === undefined || marks.firstFramePolled === undefined) requestAnimationFrame(tick);
  };
  window.addEventListener(
    "click",
    (event) => {
      const button = /** @type {Element} */ (event.target).closest?.("button");
      if (marks.click !== undefined || !button || !joinLabels.includes(button.textContent?.trim() ?? "")) return;
      marks.click = performance.now();
      requestAnimationFrame(tick);
    },
    true,
  );
}

await runBenchmark(async () => {
  console.log(`join-time: ${RUNS} counted round(s) + ${WARMUP} warm-up, ${machineLoad()}`);
  const bench = await startBenchStack();
  const { db, ts } = bench;
  const host = await ts.createStaffUser(db, { role: "CLINICIAN" });
  const bare = await startBarePageServer();
  const browser = await launchChromium();
  const options = await appRoomOptionsJson();
  const appUrl = bench.stack.appUrl;

  // Every visit is created before measuring starts, so this process never writes to the app's SQLite
  // database while the app is handling a join (its webhooks write then).
  const visits = [];
  for (let i = 0; i < (RUNS + WARMUP) * VARIANTS.length; i++) {
    visits.push(
      await ts.createConsultation(db, {
        hostId: host.id,
        hostName: host.displayName,
        patientName: "Bench Patient",
        patientAdmitted: true,
        startsInMinutes: 0,
      }),
    );
  }

  /** @param {(typeof VARIANTS)[number]} variant */
  async function measureOnce(variant) {
    const visit = visits.pop();
    if (!visit) throw new Error("no visit left");
    // The remote publisher is in the room before anyone clicks (the app's createRoom then finds it there).
    await bench.ensureRoom(visit.roomName);
    const bots = await bench.startBots(visit.roomName, 1, { prefix: "bench-remote" });
    const remoteIdentity = bots.identities[0] ?? "";
    const { context, close } = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(joinProbe, { joinLabels: Object.values(JOIN_LABELS), remoteIdentity });
      if (variant === "app-patient") {
        await page.goto(`${appUrl}/join/${visit.patientToken}`);
        await page.getByRole("button", { name: "Continue to my visit" }).click();
        await page.waitForURL(new RegExp(`/visit/${visit.patientParticipantId}$`));
        await waitForDeviceCheck(page);
      } else if (variant === "app-clinician") {
        await signIn(page, appUrl, host);
        await page.goto(`${appUrl}/consultations/${visit.consultationId}/room`);
        await waitForDeviceCheck(page);
      } else {
        const publish = variant === "bare+publish";
        const token = await bench.token(visit.roomName, `bench-bare-${Math.random().toString(36).slice(2, 10)}`, {
          canPublish: publish,
        });
        await page.goto(bare.url({ url: bench.liveKitUrl, token, options, publish: publish ? 1 : 0 }));
        await page.waitForFunction(() => !document.querySelector("#join")?.hasAttribute("disabled"));
      }
      // The same short pause everywhere, so work started by loading the page (camera preview) has settled.
      await sleep(500);
      await page.getByRole("button", { name: JOIN_LABELS[variant], exact: true }).click();
      await page.waitForFunction(() => /** @type {any} */ (window).__joinMarks?.firstFrame !== undefined, undefined, {
        timeout: 30_000,
      });
      await sleep(100); // the polled mark lands on the next animation frame
      /** @type {Record<string, any>} */
      const marks = await page.evaluate(() => /** @type {any} */ (window).__joinMarks);
      const since = (name) => (marks[name] === undefined ? Number.NaN : marks[name] - marks.click);
      return {
        total: since("firstFrame"),
        polled: since("firstFramePolled"),
        token: marks.token === undefined ? 0 : marks.token - marks.click,
        untilWs: since("wsCreated"),
        tokenToWs: marks.wsCreated - (marks.token ?? marks.click),
        wsOpen: marks.wsOpen - marks.wsCreated,
        connect: marks.connected - marks.wsOpen,
        subscribe: marks.subscribed - marks.connected,
        render: marks.firstFrame - marks.subscribed,
        actions: marks.actionEnds.filter((/** @type {number} */ at) => at <= marks.wsCreated).length,
      };
    } finally {
      await close();
      await bots.stop();
      await bench.rooms.deleteRoom(visit.roomName).catch(() => {});
    }
  }

  /** @type {Record<string, Awaited<ReturnType<typeof measureOnce>>[]>} */
  const results = Object.fromEntries(VARIANTS.map((variant) => [variant, []]));
  const cpuAtStart = cpuSnapshot();
  /** @type {Record<string, number>} */
  const failures = Object.fromEntries(VARIANTS.map((variant) => [variant, 0]));
  for (let round_ = -WARMUP; round_ < RUNS; round_++) {
    const shift = ((round_ % VARIANTS.length) + VARIANTS.length) % VARIANTS.length;
    const order = [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)];
    const line = [];
    for (const variant of order) {
      try {
        const result = await measureOnce(variant);
        if (round_ >= 0) results[variant]?.push(result);
        line.push(`${variant} ${result.total.toFixed(0)} ms`);
      } catch (error) {
        if (round_ >= 0) failures[variant] = (failures[variant] ?? 0) + 1;
        line.push(`${variant} FAILED (${error instanceof Error ? error.message.split("\n")[0] : error})`);
      }
    }
    console.log(`${round_ < 0 ? "warm-up" : `round ${round_ + 1}/${RUNS}`}: ${line.join(", ")}`);
  }

  const summary = (variant) => {
    const totals = (results[variant] ?? []).map((r) => r.total);
    return { p50: percentile(totals, 50), p95: percentile(totals, 95), totals };
  };
  console.log(`\nJoin time: click on Join → first remote video frame rendered (requestVideoFrameCallback), ms`);
  console.table(
    Object.fromEntries(
      VARIANTS.map((variant) => {
        const { p50, p95, totals } = summary(variant);
        const polled = (results[variant] ?? []).map((r) => r.polled);
        return [
          variant,
          {
            runs: totals.length,
            failed: failures[variant],
            p50: round(p50),
            p95: round(p95),
            min: round(Math.min(...totals)),
            max: round(Math.max(...totals)),
            "p50 (videoWidth+currentTime poll)": round(percentile(polled, 50)),
          },
        ];
      }),
    ),
  );
  console.log("Where the time goes (p50 of each step, ms; the steps do not add up exactly to the total's p50):");
  console.table(
    Object.fromEntries(
      VARIANTS.map((variant) => {
        const rows = results[variant] ?? [];
        const p50 = (key) =>
          round(
            percentile(
              rows.map((r) => r[key]),
              50,
            ),
          );
        return [
          variant,
          {
            "click → token received (server actions)": p50("token"),
            "click → WebSocket": p50("untilWs"),
            "token → WebSocket": p50("tokenToWs"),
            "WebSocket created → open": p50("wsOpen"),
            "open → Room connected": p50("connect"),
            "connected → track subscribed": p50("subscribe"),
            "subscribed → first frame": p50("render"),
            "server actions answered before WebSocket": p50("actions"),
          },
        ];
      }),
    ),
  );
  const base = summary("bare");
  const basePublish = summary("bare+publish");
  console.log("Ratios (app / bare livekit-client page, same run, same server):");
  console.table(
    Object.fromEntries(
      ["app-patient", "app-clinician"].map((variant) => {
        const { p50, p95 } = summary(variant);
        return [
          variant,
          {
            "p50 / bare": round(p50 / base.p50, 2),
            "p95 / bare": round(p95 / base.p95, 2),
            "p50 / bare+publish": round(p50 / basePublish.p50, 2),
            "p95 / bare+publish": round(p95 / basePublish.p95, 2),
          },
        ];
      }),
    ),
  );
  const cpu = cpuDelta(cpuAtStart, cpuSnapshot());
  console.log(
    "Percentiles by linear interpolation; remote: 1 rtc-node bot 320×240@15 fps; viewport 1280×800; " +
      "fresh browser context, visit and room per run.",
  );
  console.log(
    `Machine during the runs: ${cpu.machine.toFixed(2)} cores busy on average, ${cpu.ours.toFixed(2)} of them ours, ` +
      `${Math.max(0, cpu.machine - cpu.ours).toFixed(2)} other work; ${machineLoad()} at the end.`,
  );
  console.log(`Reproduce: ${reproduceCommand("join-time.mjs")}`);
});
