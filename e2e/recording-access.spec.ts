import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CONSENT_TEXT_VERSION } from "@/lib/recording/consent-text";
import { createConsultation } from "@/prisma/seed";
import { runFfmpeg } from "../test/support/media-analysis";
import { seriousViolations } from "./fixtures/accessibility";
import { recordingsDir } from "./fixtures/recording";
import { expect, signIn, test } from "./fixtures/test";

// Who may watch a recording, and how it is served: every request authorized on the server
// (not by the proxy, which an `x-middleware-subrequest` header once let people skip), seeking
// with Range requests, one audit event per playback, and retention ending in 410.

const BYPASS = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

/** A READY recording of a visit hosted by `hostId`, with a real 4-second MP4 and its checksum. */
async function readyRecording(db: PrismaClient, host: { id: string; displayName: string }) {
  const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
  const storageKey = createHash("sha256").update(`${visit.consultationId}${Math.random()}`).digest("hex").slice(0, 32);
  const file = path.join(recordingsDir(), `${storageKey}.mp4`);
  fs.mkdirSync(recordingsDir(), { recursive: true });
  await runFfmpeg([
    ...[
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=320x240:rate=15",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=500:sample_rate=48000",
    ],
    ...["-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    ...["-movflags", "+faststart", "-y", file],
  ]);
  const bytes = fs.readFileSync(file);
  const recording = await db.recording.create({
    data: {
      consultationId: visit.consultationId,
      requestedById: host.id,
      consentTextVersion: CONSENT_TEXT_VERSION,
      state: "READY",
      storageKey,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      durationSeconds: 4,
      mediaStartedAt: new Date(Date.now() - 10_000),
      mediaEndedAt: new Date(Date.now() - 6_000),
    },
  });
  return { visit, recording, size: bytes.length };
}

test.describe("who may watch a recording", () => {
  test("the visit's clinician plays and seeks it; others and signed-out requests get nothing; retention ends it", async ({
    browser,
    db,
    makeStaff,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const host = await makeStaff({ role: "CLINICIAN" });
    const { visit, recording, size } = await readyRecording(db, host);
    const viewEvents = () => db.auditEvent.count({ where: { action: "recording.view", objectId: recording.id } });

    // The clinician opens it from the list: one viewing, one audit event.
    const hostPage = await (await browser.newContext()).newPage();
    await signIn(hostPage, host);
    await hostPage.goto("/recordings");
    await expect(hostPage.getByTestId("recording-row")).toHaveCount(1);
    expect(await seriousViolations(hostPage)).toEqual([]);
    await hostPage.getByTestId("recording-row").getByRole("link", { name: "Open" }).click();
    const video = hostPage.getByTestId("recording-video");
    await expect(video).toHaveAttribute("src", /\/media\?playback=/);
    const mediaPath = (await video.getAttribute("src")) as string;
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(3);
    // The list and the player (consent record, chat, timeline) are accessible.
    expect(await seriousViolations(hostPage)).toEqual([]);

    // Seeking: partial content, and a range past the end is refused; never cached.
    const partial = await hostPage.request.get(mediaPath, { headers: { Range: "bytes=0-99" } });
    expect(partial.status()).toBe(206);
    expect(partial.headers()["content-range"]).toBe(`bytes 0-99/${size}`);
    expect((await partial.body()).length).toBe(100);
    expect(partial.headers()["cache-control"]).toContain("no-store");
    expect(partial.headers()["cache-control"]).toContain("private");
    const tail = await hostPage.request.get(mediaPath, { headers: { Range: `bytes=${size - 10}-` } });
    expect(tail.status()).toBe(206);
    expect(tail.headers()["content-range"]).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const beyond = await hostPage.request.get(mediaPath, { headers: { Range: `bytes=${size + 10}-` } });
    expect(beyond.status()).toBe(416);
    expect(beyond.headers()["content-range"]).toBe(`bytes */${size}`);
    expect(await viewEvents()).toBe(1);

    // Another clinician: not listed, the page is "not found", and the stream too (even with the playback id).
    const stranger = await makeStaff({ role: "CLINICIAN" });
    const strangerPage = await (await browser.newContext()).newPage();
    await signIn(strangerPage, stranger);
    await strangerPage.goto("/recordings");
    await expect(strangerPage.getByTestId("recording-row")).toHaveCount(0);
    for (const headers of [{}, BYPASS]) {
      expect((await strangerPage.request.get(`/recordings/${recording.id}`, { headers })).status()).toBe(404);
      expect((await strangerPage.request.get(mediaPath, { headers })).status()).toBe(404);
      expect((await strangerPage.request.get("/recordings", { headers })).status()).toBe(200);
    }

    // The patient (their invite link's device cookie, no staff session) and a signed-out caller: nothing.
    const patientPage = await (await browser.newContext()).newPage();
    await patientPage.goto(`/join/${visit.patientToken}`);
    await patientPage.getByRole("button", { name: "Continue to my visit" }).click();
    await expect(patientPage).toHaveURL(/\/visit\//);
    const anonymous = await playwrightRequest.newContext({ baseURL });
    for (const caller of [patientPage.request, anonymous]) {
      for (const headers of [{}, BYPASS]) {
        const stream = await caller.get(mediaPath, { headers });
        expect(stream.status()).toBe(401);
        for (const pagePath of ["/recordings", `/recordings/${recording.id}`]) {
          const response = await caller.get(pagePath, { headers, maxRedirects: 0 });
          expect([307, 308, 401, 404]).toContain(response.status());
          if (response.status() < 400) expect(response.headers().location).toMatch(/^\/sign-in|\/sign-in/);
          const body = await response.text();
          expect(body).not.toContain("recording-video");
          expect(body).not.toContain("Consent text version");
        }
      }
    }
    expect(await viewEvents()).toBe(1);

    // A download is audited on its own.
    const download = await hostPage.request.post(`/api/recordings/${recording.id}/download`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expect(await db.auditEvent.count({ where: { action: "recording.download", objectId: recording.id } })).toBe(1);

    // Retention: once older than the period, the sweeper deletes it (audited) and replay answers 410.
    await db.recording.update({
      where: { id: recording.id },
      data: { requestedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    await expect.poll(async () => (await hostPage.request.get(mediaPath)).status(), { timeout: 20_000 }).toBe(410);
    expect(await db.auditEvent.count({ where: { action: "recording.delete", objectId: recording.id } })).toBe(1);
    await hostPage.goto(`/recordings/${recording.id}`);
    await expect(hostPage.getByTestId("recording-deleted")).toBeVisible();
    await anonymous.dispose();
  });
});
