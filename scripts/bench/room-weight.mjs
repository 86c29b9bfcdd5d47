#!/usr/bin/env node
// Benchmark (not a test): ROOM PAGE WEIGHT, the first-load JavaScript of the
// two room routes of the production build, gzipped:
//   /visit/[participantId]          the patient's (and guests') page: device check → room
//   /consultations/[id]/room        the staff page: device check → room
// with livekit-client's own gzipped size for reference.
//
//   node scripts/bench/room-weight.mjs                                   (npm run bench:weight)
//
// How: Next 16 (Turbopack) no longer prints per-route sizes, so the script
// loads each page the way a person first does (a fresh browser context, cold
// HTTP cache, the visit's real state: a patient bound by the invite link, a
// signed-in clinician), records through the DevTools protocol every script
// the page loads until the device check is up and the network is idle (before
// any interaction), and sums for those files
//   - raw: the minified bytes on disk in <NEXT_DIST_DIR>/static,
//   - gzip: zlib.gzipSync level 9 of those bytes (what `next build` used to report),
//   - wire: what the app server actually sent (its own compression; headers included).
// Scripts outside the route's manifests that load before Join are reported apart: that is the
// room's code, split off and preloaded while the person checks their devices.
// Then it clicks Join and reports what is loaded on top (code split behind the click).
// Cross-check: the same sum from the build's manifests (build-manifest.json
// rootMainFiles + the route's entryJSFiles in page_client-reference-manifest.js).
// livekit-client reference: its minified UMD bundle from node_modules, gzipped,
// its ESM build minified with esbuild (if present) gzipped, and the app chunk
// that carries it (found by a string only livekit-client contains).
//
// Limits: sizes depend on the build in NEXT_DIST_DIR (built here if missing or
// stale); the HTML's inline RSC payload is reported apart (it is data, not code);
// CSS, fonts and images are not counted; "wire" is loopback HTTP/1.1.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import {
  DIST_DIR,
  launchChromium,
  machineLoad,
  newContext,
  ROOT,
  reproduceCommand,
  round,
  runBenchmark,
  signIn,
  sleep,
  startBenchStack,
  waitForDeviceCheck,
} from "./lib/media-bench.mjs";

const KB = (bytes) => round(bytes / 1024, 1);
const gzipSize = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length;
/** A string in livekit-client's code that no other package has (its signal-connection error). */
const LIVEKIT_MARKER = "could not establish signal connection";

/** The bytes of a /_next/static/… URL, from the build folder. */
function builtFile(url) {
  const { pathname } = new URL(url);
  const relative = decodeURIComponent(pathname).replace(/^\/_next\//, "");
  const file = path.join(ROOT, DIST_DIR, relative);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

/**
 * Loads `url` in `page` and records every script (and the HTML) it loads
 * before interaction, then what clicking `joinLabel` loads on top.
 */
async function measurePage(context, page, url, joinLabel) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  /** @type {Map<string, { url: string, type: string, wire: number, phase: string }>} */
  const requests = new Map();
  let phase = "first load";
  cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
    requests.set(requestId, { url: response.url, type, wire: 0, phase });
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (request) request.wire = encodedDataLength;
  });

  await page.goto(url, { waitUntil: "networkidle" });
  await waitForDeviceCheck(page);
  await page.waitForLoadState("networkidle");
  await sleep(1_000);
  const documentRequest = [...requests.entries()].find(([, r]) => r.type === "Document");
  let html = Buffer.alloc(0);
  if (documentRequest) {
    const body = await cdp.send("Network.getResponseBody", { requestId: documentRequest[0] });
    html = Buffer.from(body.body, body.base64Encoded ? "base64" : "utf8");
  }
  const firstLoad = [...requests.values()].filter((r) => r.type === "Script");

  phase = "on join";
  await page.getByRole("button", { name: joinLabel, exact: true }).click();
  await page.locator('[data-testid="consultation-room"][data-connection="connected"]').waitFor({ timeout: 30_000 });
  await sleep(2_000);
  const onJoin = [...requests.values()].filter((r) => r.type === "Script" && r.phase === "on join");
  await cdp.detach();
  return { firstLoad, onJoin, html };
}

/** Sizes of a list of loaded scripts (deduplicated by URL). */
function sizes(scripts) {
  const unique = new Map(scripts.map((s) => [s.url, s]));
  let raw = 0;
  let gzip = 0;
  let wire = 0;
  const missing = [];
  for (const script of unique.values()) {
    const bytes = builtFile(script.url);
    if (!bytes) {
      missing.push(script.url);
      continue;
    }
    raw += bytes.length;
    gzip += gzipSize(bytes);
    wire += script.wire;
  }
  return { files: unique.size, raw, gzip, wire, missing };
}

/** First-load JS of a route according to the build's manifests (the cross-check). */
function manifestFiles(routeDir, pageKey) {
  const buildManifest = JSON.parse(fs.readFileSync(path.join(ROOT, DIST_DIR, "build-manifest.json"), "utf8"));
  const file = path.join(ROOT, DIST_DIR, "server", "app", routeDir, "page_client-reference-manifest.js");
  const sandbox = { globalThis: /** @type {Record<string, any>} */ ({}) };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
  const entries = manifest?.entryJSFiles ?? {};
  // The route's own page and every layout above it (root layout, route-group layouts).
  const keys = Object.keys(entries).filter((key) => key === pageKey || /\/layout$/.test(key));
  const files = new Set([...buildManifest.rootMainFiles, ...keys.flatMap((key) => entries[key])]);
  return [...files].filter((f) => f.endsWith(".js")).map((f) => path.join(ROOT, DIST_DIR, f));
}

async function esbuildMinifiedLiveKitGzip() {
  try {
    const esbuild = await import("esbuild");
    const result = await esbuild.build({
      stdin: { contents: 'export * from "livekit-client";', resolveDir: ROOT, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const bytes = Buffer.from(result.outputFiles[0]?.contents ?? []);
    return { raw: bytes.length, gzip: gzipSize(bytes) };
  } catch {
    return null; // esbuild comes with tsx; without it this reference row is skipped
  }
}

await runBenchmark(async () => {
  console.log(`room-weight: build in ${DIST_DIR}, ${machineLoad()}`);
  const bench = await startBenchStack();
  const { db, ts } = bench;
  const appUrl = bench.stack.appUrl;
  const host = await ts.createStaffUser(db, { role: "CLINICIAN" });
  const visit = await ts.createConsultation(db, {
    hostId: host.id,
    hostName: host.displayName,
    patientAdmitted: true,
  });
  const browser = await launchChromium();
  const viewport = { width: 1280, height: 800 };

  // The patient: bind the link to a browser once, then open the visit page with a cold cache and those cookies.
  const binding = await newContext(browser, { viewport });
  const bindingPage = await binding.context.newPage();
  await bindingPage.goto(`${appUrl}/join/${visit.patientToken}`);
  await bindingPage.getByRole("button", { name: "Continue to my visit" }).click();
  await bindingPage.waitForURL(new RegExp(`/visit/${visit.patientParticipantId}$`));
  const patientState = await binding.context.storageState();
  await binding.close();
  const patient = await newContext(browser, { viewport, storageState: patientState });
  const visitPage = await measurePage(
    patient.context,
    await patient.context.newPage(),
    `${appUrl}/visit/${visit.patientParticipantId}`,
    "Join the waiting room",
  );
  await patient.close();

  // The clinician: sign in once, then open the room page with a cold cache and the session cookie.
  const signingIn = await newContext(browser, { viewport });
  await signIn(await signingIn.context.newPage(), appUrl, host);
  const staffState = await signingIn.context.storageState();
  await signingIn.close();
  const staff = await newContext(browser, { viewport, storageState: staffState });
  const staffPage = await measurePage(
    staff.context,
    await staff.context.newPage(),
    `${appUrl}/consultations/${visit.consultationId}/room`,
    "Join visit",
  );
  await staff.close();

  const routes = [
    {
      route: "/visit/[participantId]",
      measured: visitPage,
      manifest: manifestFiles("visit/[participantId]", "[project]/app/visit/[participantId]/page"),
    },
    {
      route: "/consultations/[id]/room",
      measured: staffPage,
      manifest: manifestFiles("(app)/consultations/[id]/room", "[project]/app/(app)/consultations/[id]/room/page"),
    },
  ];
  const buildManifest = JSON.parse(fs.readFileSync(path.join(ROOT, DIST_DIR, "build-manifest.json"), "utf8"));
  const rootMain = buildManifest.rootMainFiles.map((f) => path.join(ROOT, DIST_DIR, f));
  const fileGzip = (files) => files.reduce((sum, f) => sum + gzipSize(fs.readFileSync(f)), 0);

  console.log("\nFirst-load JavaScript of the room routes (production build; KB = 1024 bytes):");
  /** @type {Record<string, Record<string, unknown>>} */
  const table = {};
  for (const { route, measured, manifest } of routes) {
    // What the route needs to render (its manifest files) vs what it fetches afterwards while the
    // device check runs (the room's code, split off and preloaded when the page is idle).
    const manifestNames = new Set(manifest.map((file) => path.basename(file)));
    const isRouteFile = (script) => manifestNames.has(path.basename(new URL(script.url).pathname));
    const first = sizes(measured.firstLoad.filter(isRouteFile));
    const prefetched = sizes(measured.firstLoad.filter((script) => !isRouteFile(script)));
    const join = sizes(measured.onJoin);
    table[route] = {
      "JS files": first.files,
      "raw KB": KB(first.raw),
      "gzip KB": KB(first.gzip),
      "wire KB": KB(first.wire),
      "+ preloaded before Join: files": prefetched.files,
      "+ preloaded: gzip KB": KB(prefetched.gzip),
      "+ on Join: files": join.files,
      "+ on Join: gzip KB": KB(join.gzip),
      "manifest gzip KB": KB(fileGzip(manifest)),
      "HTML gzip KB": KB(gzipSize(measured.html)),
    };
    for (const url of [...first.missing, ...join.missing])
      console.log(`  (not in the build folder, not counted: ${url})`);
  }
  table["framework + root layout only (rootMainFiles)"] = {
    "JS files": rootMain.length,
    "raw KB": KB(rootMain.reduce((sum, f) => sum + fs.statSync(f).size, 0)),
    "gzip KB": KB(fileGzip(rootMain)),
  };
  console.table(table);

  // Which chunks, and which one carries livekit-client.
  const chunkRows = {};
  const visitUrls = new Set(visitPage.firstLoad.map((s) => s.url));
  const staffUrls = new Set(staffPage.firstLoad.map((s) => s.url));
  const rootNames = new Set(buildManifest.rootMainFiles.map((f) => path.basename(f)));
  let liveKitChunkGzip = 0;
  for (const url of new Set([...visitUrls, ...staffUrls])) {
    const bytes = builtFile(url);
    if (!bytes) continue;
    const name = path.basename(new URL(url).pathname);
    const hasLiveKit = bytes.includes(LIVEKIT_MARKER);
    if (hasLiveKit) liveKitChunkGzip += gzipSize(bytes);
    chunkRows[name] = {
      "raw KB": KB(bytes.length),
      "gzip KB": KB(gzipSize(bytes)),
      visit: visitUrls.has(url) ? "yes" : "",
      "staff room": staffUrls.has(url) ? "yes" : "",
      note: [rootNames.has(name) ? "framework/root" : "", hasLiveKit ? "contains livekit-client" : ""]
        .filter(Boolean)
        .join(", "),
    };
  }
  const sorted = Object.fromEntries(Object.entries(chunkRows).sort(([, a], [, b]) => b["gzip KB"] - a["gzip KB"]));
  console.log("Chunks loaded before interaction, largest first:");
  console.table(sorted);

  const umd = fs.readFileSync(path.join(ROOT, "node_modules/livekit-client/dist/livekit-client.umd.js"));
  const esm = await esbuildMinifiedLiveKitGzip();
  const version = JSON.parse(
    fs.readFileSync(path.join(ROOT, "node_modules/livekit-client/package.json"), "utf8"),
  ).version;
  console.log(`livekit-client ${version} for reference:`);
  console.table({
    "UMD bundle, minified (dist/livekit-client.umd.js)": { "raw KB": KB(umd.length), "gzip KB": KB(gzipSize(umd)) },
    ...(esm ? { "whole ESM build, minified with esbuild": { "raw KB": KB(esm.raw), "gzip KB": KB(esm.gzip) } } : {}),
    "the app chunk(s) that contain it (with whatever shares the chunk)": { "gzip KB": KB(liveKitChunkGzip) },
  });
  console.log(
    "gzip = zlib level 9 of the built files; wire = bytes the app server sent (its own gzip, headers included); " +
      "'+ preloaded' = scripts outside the route's manifest fetched while the device check runs (the room's " +
      "code, downloaded when the page is idle); '+ on Join' = scripts first loaded after clicking Join until connected.",
  );
  console.log(`Reproduce: ${reproduceCommand("room-weight.mjs")}`);
});
