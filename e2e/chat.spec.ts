import type { BrowserContext, Page } from "@playwright/test";
import { createConsultation } from "@/prisma/seed";
import { chromiumTestArgs, systemChromium } from "../scripts/lib/chromium.mjs";
import { recordAnnouncements, smallFakeCamera } from "./fixtures/media";
import { expect, signIn, test } from "./fixtures/test";
import { enterFromDeviceCheck } from "./fixtures/visit-pages";

// Two browsers encode and decode at once on two cores: a 320 × 240 camera is plenty here.
test.use({
  launchOptions: {
    executablePath: systemChromium(),
    args: chromiumTestArgs({ fakeVideoFile: smallFakeCamera() }),
  },
});

function chat(page: Page) {
  return page.getByTestId("chat-panel");
}

async function openChat(page: Page) {
  await page.getByRole("button", { name: /^Chat/ }).click();
  await expect(chat(page)).toBeVisible();
}

async function write(page: Page, text: string) {
  const box = chat(page).getByLabel("Your message");
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

test("chat: messages go both ways at once, as text, only what is on record is shown, and staff read them afterwards", async ({
  browser,
  db,
  makeStaff,
}) => {
  const host = await makeStaff({ role: "CLINICIAN" });
  const visit = await createConsultation(db, {
    hostId: host.id,
    hostName: host.displayName,
    patientName: "Robin Patient",
    patientAdmitted: true,
  });
  const contexts: BrowserContext[] = [];
  try {
    const hostContext = await browser.newContext();
    const patientContext = await browser.newContext();
    contexts.push(hostContext, patientContext);

    const hostPage = await hostContext.newPage();
    const heardByHost = await recordAnnouncements(hostPage);
    await signIn(hostPage, host);
    await hostPage.goto(`/consultations/${visit.consultationId}/room`);
    await enterFromDeviceCheck(hostPage, "Join visit");

    const patientPage = await patientContext.newPage();
    await patientPage.goto(`/join/${visit.patientToken}`);
    await patientPage.getByRole("button", { name: "Continue to my visit" }).click();
    await enterFromDeviceCheck(patientPage, "Join the waiting room");

    // The patient writes; markup stays text, and a second line stays a second line.
    await openChat(patientPage);
    const fromPatient = "Hello <b>doctor</b>\nsecond line";
    const patientBox = chat(patientPage).getByLabel("Your message");
    await patientBox.fill("Hello <b>doctor</b>");
    await patientBox.press("Shift+Enter");
    await patientBox.pressSequentially("second line");
    await patientBox.press("Enter");
    await expect(patientBox).toHaveValue("");
    const ownMessage = chat(patientPage).getByTestId("chat-message").last();
    await expect(ownMessage).toContainText("You");
    await expect(ownMessage.locator("p").nth(1)).toHaveText(fromPatient, { useInnerText: true });

    // The host, chat closed, gets an unread count and an announcement; opening the chat shows it.
    await expect(hostPage.getByRole("button", { name: /^Chat, 1 unread/ })).toBeVisible({ timeout: 10_000 });
    await expect.poll(heardByHost).toContainEqual(expect.stringContaining("New message from Robin Patient"));
    await openChat(hostPage);
    const received = chat(hostPage).getByTestId("chat-message").last();
    await expect(received).toContainText("Robin Patient · Patient");
    await expect(received.locator("p").nth(1)).toHaveText(fromPatient, { useInnerText: true });
    await expect(received.locator("b")).toHaveCount(0);
    await expect(hostPage.getByRole("button", { name: /^Chat, \d+ unread/ })).toHaveCount(0);

    await write(hostPage, "Good morning, Robin");
    const reply = chat(patientPage).getByTestId("chat-message").last();
    await expect(reply).toContainText(`${host.displayName} · Clinician (host)`, { timeout: 10_000 });
    await expect(reply).toContainText("Good morning, Robin");

    // A modified browser puts text straight into the room, unrecorded (with no id, or with the id of
    // someone else's stored message): nobody is shown it. The next recorded message is shown.
    const hostReplyId = (await db.chatMessage.findFirstOrThrow({ where: { text: "Good morning, Robin" } })).id;
    await patientPage.evaluate(async (stolenId) => {
      const participant = window.__openConsultRoom?.localParticipant;
      if (!participant) throw new Error("the room is not exposed");
      await participant.sendText("unrecorded words", { topic: "lk.chat" });
      await participant.sendText("words under a stolen id", { topic: "lk.chat", attributes: { messageId: stolenId } });
    }, hostReplyId);
    await write(patientPage, "Thank you");
    await expect(chat(hostPage).getByTestId("chat-message").last()).toContainText("Thank you", { timeout: 10_000 });
    await expect(chat(hostPage).getByTestId("chat-message")).toHaveCount(3);
    await expect(chat(hostPage)).not.toContainText("unrecorded words");
    await expect(chat(hostPage)).not.toContainText("stolen id");

    // Too long: the counter warns and nothing is sent or stored.
    await chat(patientPage).getByLabel("Your message").fill("x".repeat(2001));
    await expect(chat(patientPage).getByText("1 characters too many")).toBeVisible();
    await chat(patientPage).getByLabel("Your message").press("Enter");
    await expect(chat(patientPage).getByRole("alert")).toContainText("too long");

    // On record, with the senders the server resolved.
    const stored = await db.chatMessage.findMany({
      where: { consultationId: visit.consultationId },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((m) => [m.participantId, m.text])).toEqual([
      [visit.patientParticipantId, fromPatient],
      [visit.hostParticipantId, "Good morning, Robin"],
      [visit.patientParticipantId, "Thank you"],
    ]);

    // After a reload the patient rejoins and sees the chat so far again, from the server's record.
    await patientPage.reload();
    await enterFromDeviceCheck(patientPage, "Join the waiting room");
    await openChat(patientPage);
    await expect(chat(patientPage).getByTestId("chat-message")).toHaveCount(3, { timeout: 10_000 });
    await expect(chat(patientPage).getByTestId("chat-message").first()).toContainText("You");
    await expect(chat(patientPage).getByTestId("chat-message").nth(1)).toContainText("Good morning, Robin");

    // Afterwards, on the consultation page.
    await hostPage.goto(`/consultations/${visit.consultationId}`);
    const transcript = hostPage.getByTestId("chat-transcript");
    await expect(transcript.getByRole("listitem")).toHaveCount(3);
    await expect(transcript.getByRole("listitem").first()).toContainText("Robin Patient");
    await expect(transcript.getByRole("listitem").first()).toContainText("Hello <b>doctor</b>");
    await expect(transcript.getByRole("listitem").nth(1)).toContainText("Good morning, Robin");
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
