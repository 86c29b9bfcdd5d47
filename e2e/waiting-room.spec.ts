import type { Page } from "@playwright/test";
import { createConsultation } from "@/prisma/seed";
import { seriousViolations } from "./fixtures/accessibility";
import { expect, signIn, test } from "./fixtures/test";

/** The patient opens their link and arrives in the waiting room. */
async function arrive(page: Page, token: string) {
  await page.goto(`/join/${token}`);
  await page.getByRole("button", { name: "Continue to my visit" }).click();
  await page.getByRole("button", { name: "Join the waiting room" }).click();
}

test.describe("waiting room", () => {
  test("the patient waits without a token; the host admits them and they enter without reloading", async ({
    browser,
    db,
    makeStaff,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, {
      hostId: host.id,
      hostName: host.displayName,
      patientName: "Robin Wait",
    });
    const patientContext = await browser.newContext();
    const hostContext = await browser.newContext();
    try {
      const patient = await patientContext.newPage();
      await arrive(patient, visit.patientToken);
      await expect(patient.getByRole("heading", { name: `Waiting for ${host.displayName}` })).toBeVisible();
      // The waiting page is accessible: no serious or critical axe-core findings.
      expect(await seriousViolations(patient)).toEqual([]);
      expect(
        await db.auditEvent.count({ where: { action: "livekit.token_issued", objectId: visit.patientParticipantId } }),
      ).toBe(0);

      const hostPage = await hostContext.newPage();
      await signIn(hostPage, host);
      await hostPage.goto(`/consultations/${visit.consultationId}`);
      await expect(hostPage.getByRole("heading", { name: "Waiting room (1)" })).toBeVisible();
      await expect(hostPage.getByText("Robin Wait").first()).toBeVisible();
      await hostPage.getByRole("button", { name: "Admit Robin Wait" }).click();

      await expect(patient.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
        timeout: 20_000,
      });
      await expect(hostPage.getByRole("heading", { name: "Waiting room (0)" })).toBeVisible();
    } finally {
      await patientContext.close();
      await hostContext.close();
    }
  });

  test("a denied person sees a clear page and gets no token", async ({ browser, db, makeStaff }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, {
      hostId: host.id,
      hostName: host.displayName,
      patientName: "Sam Deny",
    });
    const patientContext = await browser.newContext();
    const hostContext = await browser.newContext();
    try {
      const patient = await patientContext.newPage();
      await arrive(patient, visit.patientToken);
      const hostPage = await hostContext.newPage();
      await signIn(hostPage, host);
      await hostPage.goto(`/consultations/${visit.consultationId}`);
      await hostPage.getByRole("button", { name: "Deny Sam Deny" }).click();
      await expect(patient.getByRole("heading", { name: "You were not admitted to this visit" })).toBeVisible();
      expect(
        await db.auditEvent.count({ where: { action: "livekit.token_issued", objectId: visit.patientParticipantId } }),
      ).toBe(0);
      expect(
        await db.auditEvent.count({ where: { action: "participant.deny", objectId: visit.patientParticipantId } }),
      ).toBe(1);
    } finally {
      await patientContext.close();
      await hostContext.close();
    }
  });

  test("with auto-admit on, the patient goes straight in", async ({ page, db, makeStaff }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
    await db.consultation.update({ where: { id: visit.consultationId }, data: { autoAdmit: true } });
    await arrive(page, visit.patientToken);
    await expect(page.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
      timeout: 20_000,
    });
  });
});
