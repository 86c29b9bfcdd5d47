import type { Page, Request } from "@playwright/test";
import { createConsultation } from "@/prisma/seed";
import { expect, formError, signIn, test } from "./fixtures/test";

function tomorrow(): string {
  return new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10);
}

/** Captures the next server-action POST a page makes, so a test can replay it as someone else. */
function captureServerAction(page: Page): Promise<Request> {
  return page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
}

test.describe("consultations", () => {
  test("a clinician schedules a visit for a new patient and gets the patient's link", async ({
    page,
    db,
    makeStaff,
  }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await page.getByRole("link", { name: "Schedule a visit" }).click();
    await page.getByLabel("Full name").fill("Robin Example");
    await page.getByLabel("Email (for the invitation)").fill("robin@example.test");
    await page.getByLabel(/Reason for the visit/).fill("Review of blood pressure");
    await page.getByLabel("Date", { exact: true }).fill(tomorrow());
    await page.getByLabel("Time", { exact: true }).fill("10:30");
    await page.getByRole("button", { name: "Schedule visit" }).click();

    await expect(page.getByRole("status")).toHaveText("The visit is scheduled.");
    const link = await page.getByTestId("invite-link").inputValue();
    expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("link", { name: "Open the consultation" }).click();
    await expect(page.getByRole("heading", { name: "Visit with Robin Example" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Not opened yet" })).toBeVisible();

    // The token is stored only as a hash.
    const token = link.split("/join/")[1] ?? "";
    expect(await db.participant.count({ where: { inviteTokenHash: token } })).toBe(0);
    const room = await db.consultation.findFirstOrThrow({
      where: { hostId: clinician.id },
      select: { roomName: true },
    });
    expect(room.roomName).toMatch(/^v-[A-Za-z0-9]{22}$/);
  });

  test("scheduling with bad input shows field errors and stores nothing", async ({ page, db, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await page.goto("/consultations/new");
    await page.getByRole("button", { name: "Schedule visit" }).click();
    await expect(page.getByText("Enter the patient's name")).toBeVisible();
    await expect(page.getByText("Enter the reason for the visit")).toBeVisible();
    await expect(formError(page)).toContainText("not valid");

    await page.getByLabel("Full name").fill("Sam Past");
    await page.getByLabel(/Reason for the visit/).fill("x");
    await page.getByLabel("Date", { exact: true }).fill("2020-01-01");
    await page.getByLabel("Time", { exact: true }).fill("09:00");
    await page.getByRole("button", { name: "Schedule visit" }).click();
    await expect(page.getByText("Choose a start in the future")).toBeVisible();
    expect(await db.consultation.count({ where: { hostId: clinician.id } })).toBe(0);
    expect(await db.patient.count({ where: { createdById: clinician.id } })).toBe(0);
  });

  test("a visit at 09:00 New York time shows as 15:00 to a viewer in Berlin", async ({ browser, db, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, {
      hostId: clinician.id,
      hostName: clinician.displayName,
      timeZone: "America/New_York",
    });
    await db.consultation.update({
      where: { id: visit.consultationId },
      data: { scheduledStart: new Date("2027-01-12T14:00:00Z") }, // 09:00 in New York (EST)
    });
    const berlin = await browser.newContext({ timezoneId: "Europe/Berlin" });
    try {
      const page = await berlin.newPage();
      await signIn(page, clinician);
      await page.goto(`/consultations/${visit.consultationId}`);
      await expect(page.locator("time").first()).toContainText("15:00");
      await expect(page.locator("time").first()).toContainText("scheduled in America/New_York");
    } finally {
      await berlin.close();
    }
  });

  test("another clinician can neither see, change nor join a visit that is not theirs, even by direct POST", async ({
    browser,
    db,
    makeStaff,
  }) => {
    const owner = await makeStaff({ role: "CLINICIAN" });
    const stranger = await makeStaff({ role: "CLINICIAN" });
    const victim = await createConsultation(db, { hostId: owner.id, hostName: owner.displayName });
    const decoy = await createConsultation(db, { hostId: owner.id, hostName: owner.displayName });

    const ownerContext = await browser.newContext();
    const strangerContext = await browser.newContext();
    try {
      // The owner cancels the decoy; we capture what that server action request looks like.
      const ownerPage = await ownerContext.newPage();
      await signIn(ownerPage, owner);
      await ownerPage.goto(`/consultations/${decoy.consultationId}`);
      await ownerPage.getByRole("button", { name: "Cancel visit" }).click();
      await ownerPage.getByLabel(/Why is it cancelled/).fill("Patient asked");
      const captured = captureServerAction(ownerPage);
      await ownerPage.getByRole("button", { name: "Cancel the visit" }).click();
      const cancelRequest = await captured;
      await expect(ownerPage.getByText("Cancelled", { exact: true })).toBeVisible();

      const strangerPage = await strangerContext.newPage();
      await signIn(strangerPage, stranger);
      const seen = await strangerPage.goto(`/consultations/${victim.consultationId}`);
      expect(seen?.status()).toBe(404);
      const room = await strangerPage.goto(`/consultations/${victim.consultationId}/room`);
      expect(room?.status()).toBe(404);

      // Replay the cancel action as the stranger, aimed at the victim, with a header that once bypassed middleware.
      const body = (cancelRequest.postData() ?? "").replace(decoy.consultationId, victim.consultationId);
      const replay = await strangerPage.request.post(cancelRequest.url(), {
        headers: {
          "next-action": cancelRequest.headers()["next-action"] ?? "",
          "content-type": cancelRequest.headers()["content-type"] ?? "text/plain;charset=UTF-8",
          accept: "text/x-component",
          "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
        },
        data: body,
      });
      // The action ran (Next found it) and refused: "not found", as for a visit that does not exist.
      const answer = await replay.text();
      expect(answer).toContain('"ok":false');
      expect(answer).toContain("NOT_FOUND");
      const after = await db.consultation.findUniqueOrThrow({ where: { id: victim.consultationId } });
      expect(after.status).toBe("SCHEDULED");
      expect(
        await db.auditEvent.count({
          where: { action: "livekit.token_issued", detail: { contains: victim.consultationId } },
        }),
      ).toBe(0);
    } finally {
      await ownerContext.close();
      await strangerContext.close();
    }
  });

  test("ending the visit disconnects the patient within 5 s, and no token can be had afterwards", async ({
    browser,
    db,
    makeStaff,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName, patientAdmitted: true });
    const patientContext = await browser.newContext();
    const hostContext = await browser.newContext();
    try {
      const patient = await patientContext.newPage();
      await patient.goto(`/join/${visit.patientToken}`);
      await patient.getByRole("button", { name: "Continue to my visit" }).click();
      await patient.getByRole("button", { name: "Join the waiting room" }).click();
      await expect(patient.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
        timeout: 20_000,
      });

      const hostPage = await hostContext.newPage();
      await signIn(hostPage, host);
      await hostPage.goto(`/consultations/${visit.consultationId}`);
      hostPage.once("dialog", (dialog) => void dialog.accept());
      await hostPage.getByRole("button", { name: "End visit" }).click();
      const endedAt = Date.now();
      await expect(patient.getByRole("heading", { name: "This visit has ended" })).toBeVisible({ timeout: 5_000 });
      expect(Date.now() - endedAt).toBeLessThan(5_000);
      await expect(hostPage.getByText("Completed", { exact: true })).toBeVisible();

      // Coming back asks the server again, which refuses; the link shows the ended page.
      await patient.reload();
      await expect(patient.getByRole("heading", { name: "This visit has ended" })).toBeVisible();
      await expect(patient.getByRole("button", { name: "Join the waiting room" })).toHaveCount(0);
      const link = await patient.request.get(`/join/${visit.patientToken}`);
      expect(link.status()).toBe(410);
      const issuedAfterEnd = await db.auditEvent.count({
        where: {
          action: "livekit.token_issued",
          objectId: visit.patientParticipantId,
          createdAt: { gt: new Date(endedAt) },
        },
      });
      expect(issuedAfterEnd).toBe(0);
    } finally {
      await patientContext.close();
      await hostContext.close();
    }
  });
});
