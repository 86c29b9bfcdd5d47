import { createConsultation } from "@/prisma/seed";
import { seriousViolations } from "./fixtures/accessibility";
import { expect, signIn, test } from "./fixtures/test";

test.describe("the audit log", () => {
  test("an administrator reads who did what, follows an id, and filters by kind; nobody else sees it", async ({
    browser,
    db,
    makeStaff,
    baseURL,
  }) => {
    const admin = await makeStaff({ role: "ADMIN" });
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, {
      hostId: host.id,
      hostName: host.displayName,
      patientName: "Robin Auditpatient",
    });

    // The patient opens their link: an audited redemption, by a participant.
    const patientPage = await (await browser.newContext()).newPage();
    await patientPage.goto(`/join/${visit.patientToken}`);
    await patientPage.getByRole("button", { name: "Continue to my visit" }).click();
    await expect(patientPage).toHaveURL(/\/visit\//);

    const page = await (await browser.newContext()).newPage();
    await signIn(page, admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    const rows = page.getByTestId("audit-row");
    // Their own sign-in is there, by name.
    await expect(rows.filter({ hasText: "auth.sign_in" }).filter({ hasText: admin.displayName }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Everything about the patient's participant: the redemption, shown by role, never by name.
    await page
      .getByRole("link", { name: `Everything by or about ${visit.patientParticipantId}` })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`subject=${visit.patientParticipantId}`));
    await expect(rows.filter({ hasText: "invite.redeem" })).toHaveCount(1);
    await expect(rows.first()).toContainText("Participant (patient)");
    await expect(page.getByTestId("audit-table")).not.toContainText("Auditpatient");

    // By kind: sign-in events only.
    await page.goto("/audit");
    await page.getByLabel("Kind of event").selectOption({ label: "Sign-in" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/category=auth/);
    const actions = await page.getByTestId("audit-row").locator("td:nth-child(2)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action.startsWith("auth."))).toBe(true);

    // A bad filter says so and changes nothing.
    await page.goto("/audit?from=yesterday");
    await expect(page.getByRole("alert").filter({ hasText: "Some filters were not valid" })).toContainText(
      "Use a date like 2026-12-31",
    );
    await expect(page.getByTestId("audit-row").first()).toBeVisible();

    // A clinician has no link and gets "not found"; a signed-out visitor is sent to sign in.
    const clinicianPage = await (await browser.newContext()).newPage();
    await signIn(clinicianPage, host);
    await expect(clinicianPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    expect((await clinicianPage.request.get("/audit")).status()).toBe(404);
    const anonymous = await (await browser.newContext({ baseURL })).newPage();
    await anonymous.goto("/audit");
    await expect(anonymous).toHaveURL(/\/sign-in/);
  });
});
