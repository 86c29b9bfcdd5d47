import type { Browser, Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addInvitedParticipant, createConsultation } from "@/prisma/seed";
import { probeMedia } from "@/recorder/media/probe";
import { chromiumTestArgs, systemChromium } from "../scripts/lib/chromium.mjs";
import { decodeAudio, toneShare } from "../test/support/media-analysis";
import { seriousViolations } from "./fixtures/accessibility";
import { smallFakeCamera } from "./fixtures/media";
import { recorderPid, recordingState, storedFile, toneWav } from "./fixtures/recording";
import { expect, signIn, test } from "./fixtures/test";
import { joinAsClinician, joinByLink } from "./fixtures/visit-pages";

// Every camera is a small known picture and every microphone a steady 1 kHz tone: people join
// with their microphone off, so the tone is in the recording only while someone has it on.
const TONE_HZ = 1000;
test.use({
  launchOptions: {
    executablePath: systemChromium(),
    args: chromiumTestArgs({ fakeVideoFile: smallFakeCamera(), fakeAudioFile: toneWav(TONE_HZ) }),
  },
});

async function admittedVisit(db: PrismaClient, host: { id: string; displayName: string }) {
  return createConsultation(db, {
    hostId: host.id,
    hostName: host.displayName,
    patientName: "Robin Patient",
    patientAdmitted: true,
  });
}

/** Host and patient in the room, microphones off. */
async function hostAndPatient(
  browser: Browser,
  db: PrismaClient,
  makeStaff: (i: {
    role: "CLINICIAN";
  }) => Promise<{ id: string; displayName: string; email: string; password: string }>,
) {
  const host = await makeStaff({ role: "CLINICIAN" });
  const visit = await admittedVisit(db, host);
  const hostPage = await joinAsClinician(await browser.newContext(), host, visit.consultationId, { microphone: false });
  const patientPage = await joinByLink(await browser.newContext(), visit.patientToken, visit.patientParticipantId, {
    microphone: false,
  });
  return { host, visit, hostPage, patientPage };
}

async function agree(page: Page) {
  const dialog = page.getByRole("dialog", { name: "May this visit be recorded?" });
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole("button", { name: "Yes, I agree to recording" }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Host asks, both agree; resolves when the server says RECORDING (returning that instant),
 * after checking the room said "starting" meanwhile and everyone sees the indicator within 2 s.
 */
async function startRecording(db: PrismaClient, consultationId: string, hostPage: Page, patientPage: Page) {
  await hostPage.getByTestId("request-recording").click();
  await agree(hostPage);
  await agree(patientPage);
  await expect(
    hostPage.getByTestId("recording-starting").or(hostPage.getByTestId("recording-indicator")),
  ).toBeVisible();
  let startedAt = 0;
  await expect
    .poll(
      async () => {
        const { state } = await recordingState(db, consultationId);
        if (state === "RECORDING" && !startedAt) startedAt = Date.now();
        return state;
      },
      { timeout: 30_000, intervals: [100] },
    )
    .toBe("RECORDING");
  // Everyone sees the indicator within 2 s of RECORDING.
  await Promise.all(
    [hostPage, patientPage].map((page) =>
      expect(page.getByTestId("recording-indicator")).toBeVisible({ timeout: 2_000 }),
    ),
  );
  const { id } = await recordingState(db, consultationId);
  return { recordingId: id as string, startedAt };
}

test.describe("recording with consent", () => {
  test("records 20 s of a visit, keeps the last seconds, and an administrator plays it back", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(180_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    const { recordingId, startedAt } = await startRecording(db, visit.consultationId, hostPage, patientPage);

    // ~17 s of silence, then the patient speaks (the tone) for the last ~2.5 s before stop.
    await hostPage.waitForTimeout(17_000);
    await patientPage.getByRole("button", { name: "Microphone", exact: true }).click();
    await hostPage.waitForTimeout(2_500);
    await hostPage.getByTestId("stop-recording").click();
    const stoppedAt = Date.now();
    // The indicator goes within 2 s of stop, for everyone.
    await Promise.all(
      [hostPage, patientPage].map((page) =>
        expect(page.getByTestId("recording-indicator")).toBeHidden({ timeout: 2_000 }),
      ),
    );
    await expect
      .poll(async () => (await recordingState(db, visit.consultationId)).state, { timeout: 60_000 })
      .toBe("READY");

    const file = await storedFile(db, recordingId);
    const facts = await probeMedia(file);
    expect(facts.streams.map((s) => s.codecType).sort()).toEqual(["audio", "video"]);
    // From the instant the recorder began capturing (second 0 of the file) to the click on stop.
    const { mediaStartedAt } = await db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect((mediaStartedAt as Date).getTime()).toBeLessThanOrEqual(startedAt);
    const recordedSpan = (stoppedAt - (mediaStartedAt as Date).getTime()) / 1000;
    expect(Math.abs(facts.durationSeconds - recordedSpan)).toBeLessThanOrEqual(2);
    const samples = await decodeAudio(file);
    const duration = samples.length / 48_000;
    // The tone is in the last seconds (the tail was kept) and not in the silent middle.
    expect(toneShare(samples, TONE_HZ, duration - 2, 1.5)).toBeGreaterThan(0.3);
    expect(toneShare(samples, TONE_HZ, 3, 8)).toBeLessThan(0.05);

    // An administrator plays it in the browser: the video reaches past 10 s.
    const admin = await makeStaff({ role: "ADMIN" });
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, admin);
    await adminPage.goto("/recordings");
    await adminPage.getByTestId("recording-row").first().getByRole("link", { name: "Open" }).click();
    await expect(adminPage).toHaveURL(new RegExp(`/recordings/${recordingId}$`));
    await expect(adminPage.getByTestId("consent-record")).toContainText("Robin Patient");
    const video = adminPage.getByTestId("recording-video");
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      v.currentTime = 9.5;
      await v.play();
    });
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
      .toBeGreaterThan(10);
    // Seeking made range requests; the viewing is one audit event.
    expect(await db.auditEvent.count({ where: { action: "recording.view", objectId: recordingId } })).toBe(1);
  });

  test("one participant declining: nothing is recorded and the host sees who declined", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(90_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    await hostPage.getByTestId("request-recording").click();
    await agree(hostPage);
    const dialog = patientPage.getByRole("dialog", { name: "May this visit be recorded?" });
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    // The page with the question open is accessible (no serious or critical axe-core findings).
    expect(await seriousViolations(patientPage)).toEqual([]);
    await dialog.getByRole("button", { name: "No, do not record" }).click();
    await expect(hostPage.getByTestId("recording-declined")).toHaveText(/declined by Robin Patient/);
    expect((await recordingState(db, visit.consultationId)).state).toBe("DECLINED");
    await expect(hostPage.getByTestId("recording-indicator")).toBeHidden();
  });

  test("a late joiner is held for consent: declining keeps them out, agreeing lets them in", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(150_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    await startRecording(db, visit.consultationId, hostPage, patientPage);
    const guest = await addInvitedParticipant(db, visit.consultationId, "GUEST", "Sam Interpreter");
    // The guest keeps their microphone on: the tone is theirs alone (host and patient are muted).
    const guestPage = await joinByLink(await browser.newContext(), guest.token, guest.participantId, {
      expectRoom: false,
    });
    // Told before entering, in the waiting room.
    const gate = guestPage.getByTestId("consent-gate");
    await expect(gate).toBeVisible({ timeout: 10_000 });
    await gate.getByRole("button", { name: "No, do not record me" }).click();
    await expect(guestPage.getByTestId("consent-gate-declined")).toBeVisible({ timeout: 10_000 });
    // The host cannot admit them while recording continues.
    await hostPage.getByRole("button", { name: /^Waiting room/ }).click();
    await expect(hostPage.getByTestId("waiting-recording-consent")).toHaveText(/Said no to the recording/, {
      timeout: 10_000,
    });
    await hostPage.getByRole("button", { name: "Admit Sam Interpreter" }).click();
    await expect(hostPage.getByText(/has not agreed to it/)).toBeVisible();
    expect((await db.participant.findUniqueOrThrow({ where: { id: guest.participantId } })).admission).toBe("WAITING");

    // They change their mind: admitted, in the room, seeing the indicator, and in the recording's timeline.
    await gate.getByRole("button", { name: "Yes, I agree and want to join" }).click();
    await expect(gate).toBeHidden({ timeout: 10_000 });
    await hostPage.getByRole("button", { name: "Admit Sam Interpreter" }).click();
    await expect(guestPage.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
      timeout: 20_000,
    });
    await expect(guestPage.getByTestId("recording-indicator")).toBeVisible({ timeout: 5_000 });
    await expect
      .poll(() => db.attendanceEvent.count({ where: { participantId: guest.participantId, kind: "JOINED" } }), {
        timeout: 10_000,
      })
      .toBe(1);
    // Their microphone is published and live (not only their connection: on two busy cores
    // publishing can lag the join by seconds), then long enough for the recorder to hear it.
    await expect
      .poll(
        () =>
          guestPage.evaluate(() => {
            const microphone = window.__openConsultRoom?.localParticipant.getTrackPublication("microphone" as never);
            return Boolean(microphone?.track && !microphone.isMuted);
          }),
        { timeout: 15_000 },
      )
      .toBe(true);
    await hostPage.waitForTimeout(4_000);
    await hostPage.getByTestId("stop-recording").click();
    await expect
      .poll(async () => (await recordingState(db, visit.consultationId)).state, { timeout: 60_000 })
      .toBe("READY");
    const { id } = await recordingState(db, visit.consultationId);
    const recording = await db.recording.findUniqueOrThrow({ where: { id: id as string } });
    const joined = await db.attendanceEvent.findFirstOrThrow({ where: { participantId: guest.participantId } });
    expect(joined.at.getTime()).toBeGreaterThan((recording.mediaStartedAt as Date).getTime());
    expect(joined.at.getTime()).toBeLessThan((recording.mediaEndedAt as Date).getTime());
    const consent = await db.recordingConsent.findFirstOrThrow({
      where: { recordingId: id as string, participantId: guest.participantId },
    });
    expect(consent.decision).toBe("GRANTED");
    // They are in the recording: their voice (the tone) is absent before they joined and present after.
    const samples = await decodeAudio(await storedFile(db, id as string));
    const joinedAtSecond = (joined.at.getTime() - (recording.mediaStartedAt as Date).getTime()) / 1000;
    expect(toneShare(samples, TONE_HZ, 0.5, Math.max(0.5, joinedAtSecond - 1.5))).toBeLessThan(0.05);
    expect(toneShare(samples, TONE_HZ, samples.length / 48_000 - 2, 1.5)).toBeGreaterThan(0.3);
  });

  test("a withdrawal stops the recording within 2 s and keeps what was recorded", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(120_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    await startRecording(db, visit.consultationId, hostPage, patientPage);
    await hostPage.waitForTimeout(4_000);
    await patientPage.getByTestId("stop-recording").click();
    await expect(hostPage.getByTestId("recording-indicator")).toBeHidden({ timeout: 2_000 });
    await expect(patientPage.getByTestId("recording-indicator")).toBeHidden({ timeout: 2_000 });
    await expect
      .poll(async () => (await recordingState(db, visit.consultationId)).state, { timeout: 60_000 })
      .toBe("READY");
    const { id } = await recordingState(db, visit.consultationId);
    const recording = await db.recording.findUniqueOrThrow({ where: { id: id as string } });
    expect(recording.stopReason).toBe("CONSENT_WITHDRAWN");
    const facts = await probeMedia(await storedFile(db, id as string));
    expect(facts.streams).toHaveLength(2);
    expect(facts.durationSeconds).toBeGreaterThan(3);
  });

  test("when the recorder is killed mid-recording, the recording becomes PARTIAL within 30 s and the file plays", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(150_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    const { startedAt } = await startRecording(db, visit.consultationId, hostPage, patientPage);
    await hostPage.waitForTimeout(8_000);
    process.kill(recorderPid(), "SIGKILL");
    const killedAt = Date.now();
    await expect
      .poll(async () => (await recordingState(db, visit.consultationId)).state, { timeout: 30_000 })
      .toMatch(/^(PARTIAL|FAILED)$/);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    const { id, state } = await recordingState(db, visit.consultationId);
    expect(state).toBe("PARTIAL");
    const recording = await db.recording.findUniqueOrThrow({ where: { id: id as string } });
    expect(recording.failureReason).toBe("RECORDER_LOST");
    const facts = await probeMedia(await storedFile(db, id as string));
    expect(facts.streams.map((s) => s.codecType).sort()).toEqual(["audio", "video"]);
    expect(Math.abs(facts.durationSeconds - (killedAt - startedAt) / 1000)).toBeLessThan(3);
    // The room no longer claims to record.
    await expect(hostPage.getByTestId("recording-indicator")).toBeHidden({ timeout: 5_000 });
  });

  test("ending the visit while recording is starting leaves nothing running and completes the visit", async ({
    browser,
    db,
    makeStaff,
  }) => {
    test.setTimeout(120_000);
    const { visit, hostPage, patientPage } = await hostAndPatient(browser, db, makeStaff);
    await hostPage.getByTestId("request-recording").click();
    await agree(hostPage);
    await agree(patientPage);
    await hostPage.getByRole("button", { name: "Leave" }).click();
    await hostPage.getByRole("button", { name: "End visit for everyone" }).click();
    await expect(patientPage.getByText("This visit has ended")).toBeVisible({ timeout: 20_000 });
    await expect
      .poll(async () => (await recordingState(db, visit.consultationId)).state, { timeout: 30_000 })
      .toMatch(/^(READY|FAILED|PARTIAL)$/);
    const consultation = await db.consultation.findUniqueOrThrow({ where: { id: visit.consultationId } });
    expect(consultation.status).toBe("COMPLETED");
    expect(
      await db.recording.count({
        where: {
          consultationId: visit.consultationId,
          state: { in: ["STARTING", "RECORDING", "STOPPING", "PROCESSING"] },
        },
      }),
    ).toBe(0);
  });
});
