import { chromium, type Page } from "@playwright/test";
import { RoomServiceClient, TrackSource } from "livekit-server-sdk";
import { addInvitedParticipant, createConsultation } from "@/prisma/seed";
import { chromiumTestArgs, systemChromium } from "../scripts/lib/chromium.mjs";
import { seriousViolations } from "./fixtures/accessibility";
import { expect, test } from "./fixtures/test";

/** Opens a patient's personal link, redeems it, and waits for the device check of /visit/<id>. */
async function openDeviceCheck(page: Page, token: string, participantId: string) {
  await page.goto(`/join/${token}`);
  await page.getByRole("button", { name: "Continue to my visit" }).click();
  await expect(page).toHaveURL(new RegExp(`/visit/${participantId}$`));
  await expect(page.getByTestId("device-check")).toBeVisible();
}

const micLevel = (page: Page) =>
  page.getByRole("meter", { name: "Microphone level" }).evaluate((meter: HTMLMeterElement) => meter.value);

test.describe("device check before joining", () => {
  test("a blocked camera gets help naming what to click, and the patient can join with the camera off", async ({
    db,
    makeStaff,
    baseURL,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    // Admitted already, so "Join" goes through the waiting room straight into the room.
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName, patientAdmitted: true });
    // Its own browser: the suite's Chromium accepts every prompt (--use-fake-ui-for-media-stream).
    // Here prompts are refused and the context allows only the microphone, so the camera is
    // blocked as when a person clicks "Block".
    const args = chromiumTestArgs().filter((arg) => arg !== "--use-fake-ui-for-media-stream");
    const browser = await chromium.launch({
      executablePath: systemChromium(),
      args: [...args, "--deny-permission-prompts"],
    });
    try {
      const context = await browser.newContext({ baseURL, permissions: ["microphone"] });
      const page = await context.newPage();
      await openDeviceCheck(page, visit.patientToken, visit.patientParticipantId);

      const help = page.getByTestId("device-help");
      await expect(help).toBeVisible({ timeout: 15_000 });
      await expect(help.getByRole("heading", { name: "Chrome is blocking your camera" })).toBeVisible();
      await expect(help).toContainText("camera icon with a red cross");
      await expect(help).toContainText("You can also join without it");
      await expect(page.getByRole("button", { name: "Camera", exact: true })).toHaveAttribute("aria-pressed", "false");
      // The microphone was allowed and still works.
      await expect(page.getByRole("button", { name: "Microphone", exact: true })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      await expect(page.getByText("Your camera is blocked. See the help below.")).toBeVisible();
      expect(await seriousViolations(page, '[data-testid="device-check"]')).toEqual([]);

      // "Try again" asks once more; still blocked, the help stays.
      await help.getByRole("button", { name: "Try again" }).click();
      await expect(help.getByRole("heading", { name: "Chrome is blocking your camera" })).toBeVisible();

      await page.getByRole("button", { name: "Join the waiting room" }).click();
      await expect(page.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
        timeout: 20_000,
      });
      // As LiveKit sees it: the patient is in the room with their microphone and without a camera.
      const rooms = new RoomServiceClient(
        (process.env.E2E_LIVEKIT_URL ?? "").replace(/^ws/, "http"),
        process.env.E2E_LIVEKIT_API_KEY,
        process.env.E2E_LIVEKIT_API_SECRET,
      );
      const publishedSources = async () => {
        const present = await rooms.listParticipants(visit.roomName);
        return (present.find((p) => p.identity === visit.patientParticipantId)?.tracks ?? []).map((t) => t.source);
      };
      await expect.poll(publishedSources, { timeout: 15_000 }).toContain(TrackSource.MICROPHONE);
      expect(await publishedSources()).not.toContain(TrackSource.CAMERA);
      const participant = await db.participant.findUniqueOrThrow({ where: { id: visit.patientParticipantId } });
      // What the check remembers for next time: the choices, never the name.
      const saved = await page.evaluate(() => window.localStorage.getItem("openconsult.devices.v1") ?? "");
      expect(saved).not.toContain(participant.displayName);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test("the microphone level moves with the (fake) microphone, and the switches work from the keyboard", async ({
    page,
    db,
    makeStaff,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
    await openDeviceCheck(page, visit.patientToken, visit.patientParticipantId);

    // Chromium's fake microphone beeps about once a second: the meter must rise well above silence.
    await expect.poll(() => micLevel(page), { timeout: 15_000, intervals: [100] }).toBeGreaterThan(40);
    await expect(page.getByText("We can hear you.")).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId("camera-preview").evaluate((video: HTMLVideoElement) => video.videoWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await expect(page.getByLabel("Camera to use")).toBeVisible();
    await expect(page.getByLabel("Microphone to use")).toBeVisible();
    await page.getByRole("button", { name: "Play test sound" }).click();
    await expect(page.getByText(/Playing a chime now|Did you hear a chime\?/)).toBeVisible();

    // Keyboard: focus the microphone switch and press Space to turn it off; the meter falls to zero.
    const microphone = page.getByRole("button", { name: "Microphone", exact: true });
    await microphone.focus();
    await page.keyboard.press("Space");
    await expect(microphone).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByText("Your microphone is off.")).toBeVisible();
    await expect.poll(() => micLevel(page)).toBe(0);
    await page.keyboard.press("Enter");
    await expect(microphone).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => micLevel(page), { timeout: 15_000, intervals: [100] }).toBeGreaterThan(40);
  });

  test("axe finds no serious or critical problems, and the check fits a 375 px phone", async ({
    page,
    db,
    makeStaff,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
    await page.setViewportSize({ width: 375, height: 812 });
    await openDeviceCheck(page, visit.patientToken, visit.patientParticipantId);
    await expect(page.getByText("We can hear you.").or(page.getByText("Say something"))).toBeVisible({
      timeout: 15_000,
    });
    expect(await seriousViolations(page, '[data-testid="device-check"]')).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const join = page.getByRole("button", { name: "Join the waiting room" });
    const box = await join.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });

  test("an observer's check never opens the camera or microphone", async ({ page, db, makeStaff }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
    const observer = await addInvitedParticipant(db, visit.consultationId, "OBSERVER", "Student S");
    await page.addInitScript(() => {
      const calls = { count: 0 };
      (window as unknown as { gumCalls: typeof calls }).gumCalls = calls;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (constraints) => {
        calls.count += 1;
        return original(constraints);
      };
    });
    await openDeviceCheck(page, observer.token, observer.participantId);
    await expect(page.getByRole("heading", { name: "Check your sound" })).toBeVisible();
    await expect(page.getByText("Your camera and microphone stay off")).toBeVisible();
    await expect(page.getByRole("button", { name: "Camera", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Play test sound" })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { gumCalls: { count: number } }).gumCalls.count)).toBe(0);
    await page.getByRole("button", { name: "Join the waiting room" }).click();
    await expect(page.getByText("You are in the waiting room")).toBeVisible({ timeout: 15_000 });
  });
});
