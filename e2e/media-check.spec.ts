import type { Page } from "@playwright/test";
import { expect, formError, signIn, test } from "./fixtures/test";

/** Reads decoding progress straight from the <video> element and WebRTC stats. */
async function videoProgress(page: Page) {
  return page.getByTestId("received-video").evaluate((video: HTMLVideoElement) => ({
    width: video.videoWidth,
    currentTime: video.currentTime,
  }));
}

test("media check: a camera published in one browser is received and decoded in another", async ({
  browser,
  makeStaff,
}) => {
  const clinician = await makeStaff({ role: "CLINICIAN" });
  const senderContext = await browser.newContext({ permissions: ["camera", "microphone"] });
  const receiverContext = await browser.newContext();
  try {
    const sender = await senderContext.newPage();
    await signIn(sender, clinician);
    await sender.goto("/media-check");
    await sender.getByRole("button", { name: "Start media check" }).click();
    await expect(sender.getByText("Sending camera and microphone")).toBeVisible({ timeout: 20_000 });
    const receiverPath = await sender.getByRole("link", { name: "the receiver page" }).getAttribute("href");
    expect(receiverPath).toMatch(/^\/media-check\/mc-[A-Za-z0-9]{22}$/);

    const receiver = await receiverContext.newPage();
    await signIn(receiver, clinician);
    await receiver.goto(receiverPath ?? "");
    await expect(receiver.getByText("Receiving video")).toBeVisible({ timeout: 20_000 });

    // Frames keep decoding: the count rises and the picture's clock advances.
    await expect
      .poll(async () => Number(await receiver.getByTestId("frames-decoded").textContent()), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    const first = await videoProgress(receiver);
    const framesBefore = Number(await receiver.getByTestId("frames-decoded").textContent());
    await expect
      .poll(async () => Number(await receiver.getByTestId("frames-decoded").textContent()), {
        timeout: 10_000,
      })
      .toBeGreaterThan(framesBefore + 10);
    const later = await videoProgress(receiver);
    expect(later.width).toBeGreaterThan(0);
    expect(later.currentTime).toBeGreaterThan(first.currentTime);
  } finally {
    await senderContext.close();
    await receiverContext.close();
  }
});

test("media check: another clinician cannot watch someone else's check room", async ({ browser, makeStaff }) => {
  const owner = await makeStaff({ role: "CLINICIAN" });
  const stranger = await makeStaff({ role: "CLINICIAN" });
  const ownerContext = await browser.newContext({ permissions: ["camera", "microphone"] });
  const strangerContext = await browser.newContext();
  try {
    const ownerPage = await ownerContext.newPage();
    await signIn(ownerPage, owner);
    await ownerPage.goto("/media-check");
    await ownerPage.getByRole("button", { name: "Start media check" }).click();
    const receiverPath = await ownerPage.getByRole("link", { name: "the receiver page" }).getAttribute("href");

    const strangerPage = await strangerContext.newPage();
    await signIn(strangerPage, stranger);
    await strangerPage.goto(receiverPath ?? "");
    await expect(formError(strangerPage)).toContainText("has ended or is not yours");
    await expect(strangerPage.getByText("Receiving video")).toHaveCount(0);
  } finally {
    await ownerContext.close();
    await strangerContext.close();
  }
});

test("health: the app reports the database and LiveKit as up, and reveals no secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ status: "ok", checks: { database: "up", livekit: "up" } });
  expect(body).not.toContain(process.env.E2E_LIVEKIT_API_SECRET ?? "<unset>");
  expect(response.headers()["cache-control"]).toContain("no-store");
});
