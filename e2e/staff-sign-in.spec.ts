import { attemptSignIn, expect, formError, signIn, test } from "./fixtures/test";

test.describe("staff sign-in", () => {
  test("good credentials reach the staff home", async ({ page, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: `Welcome, ${clinician.displayName}` })).toBeVisible();
  });

  test("a wrong password shows an error and does not sign in", async ({ page, context, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await attemptSignIn(page, { email: clinician.email, password: "not-the-password" });
    await expect(formError(page)).toContainText("do not match an active account");
    await expect(page).toHaveURL(/\/sign-in/);
    const cookies = await context.cookies();
    expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(false);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a staff page opened while signed out goes to sign-in, then back", async ({ page, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await page.goto("/media-check");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmedia-check$/);
    await page.getByLabel("Email").fill(clinician.email);
    await page.getByLabel("Password").fill(clinician.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/media-check$/);
  });

  test("sign-out ends the session on the server, so a copied cookie no longer works", async ({
    page,
    browser,
    makeStaff,
  }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await expect(page).toHaveURL(/\/dashboard$/);
    const stolenCookies = await page.context().cookies();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);

    const replay = await browser.newContext();
    await replay.addCookies(stolenCookies);
    const replayPage = await replay.newPage();
    await replayPage.goto(`${process.env.E2E_BASE_URL}/dashboard`);
    await expect(replayPage).toHaveURL(/\/sign-in/);
    await replay.close();
  });

  test("a disabled account cannot sign in", async ({ page, makeStaff }) => {
    const disabled = await makeStaff({ role: "CLINICIAN", disabled: true });
    await attemptSignIn(page, disabled);
    await expect(formError(page)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an account is locked for a while after 5 failed sign-ins, and each failure is audited", async ({
    page,
    db,
    makeStaff,
  }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    const before = await db.auditEvent.count({ where: { action: "auth.sign_in_failed" } });
    for (let attempt = 0; attempt < 5; attempt++) {
      await attemptSignIn(page, { email: clinician.email, password: `wrong-${attempt}` });
      await expect(formError(page)).toContainText("do not match");
    }
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(before + 5);

    // Even the right password is refused now.
    await attemptSignIn(page, clinician);
    await expect(formError(page)).toContainText("Too many failed sign-in attempts");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an idle session expires on the server", async ({ page, db, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await expect(page).toHaveURL(/\/dashboard$/);
    await db.staffSession.updateMany({
      where: { userId: clinician.id },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await db.auditEvent.count({ where: { action: "auth.session_expired", objectId: clinician.id } })).toBe(1);
  });

  test("a session ends at its absolute limit even while active", async ({ page, db, makeStaff }) => {
    const clinician = await makeStaff({ role: "CLINICIAN" });
    await signIn(page, clinician);
    await expect(page).toHaveURL(/\/dashboard$/);
    await db.staffSession.updateMany({
      where: { userId: clinician.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("a client cannot choose the address its failed sign-ins are counted against", async ({
  browser,
  db,
  makeStaff,
}) => {
  const clinician = await makeStaff({ role: "CLINICIAN" });
  const spoofing = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9" } });
  try {
    const page = await spoofing.newPage();
    await attemptSignIn(page, { email: clinician.email, password: "wrong-password" });
    await expect(formError(page)).toBeVisible();
    const failures = await db.auditEvent.findMany({
      where: { action: "auth.sign_in_failed", detail: { contains: clinician.id } },
      select: { ip: true },
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.ip).not.toBe("203.0.113.9");
    expect(failures[0]?.ip).toMatch(/127\.0\.0\.1/);
  } finally {
    await spoofing.close();
  }
});
