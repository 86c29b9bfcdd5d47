import { createConsultation } from "@/prisma/seed";
import { expect, test } from "./fixtures/test";

test.describe("personal invite links", () => {
  test("a mail scanner's HEAD and GETs do not burn the link; browser A binds it, browser B is refused", async ({
    browser,
    request,
    db,
    makeStaff,
  }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, {
      hostId: host.id,
      hostName: host.displayName,
      startsInMinutes: 5,
      patientAdmitted: true,
    });
    const link = `/join/${visit.patientToken}`;

    // A scanner: no cookies, HEAD then two GETs.
    expect((await request.head(link)).status()).toBe(200);
    for (let i = 0; i < 2; i++) {
      const response = await request.get(link);
      expect(response.status()).toBe(200);
      expect(response.headers()["cache-control"]).toBe("no-store");
      expect(response.headers()["referrer-policy"]).toBe("no-referrer");
      expect(await response.text()).toContain(`Join your visit with ${host.displayName}`);
    }
    const untouched = await db.participant.findUniqueOrThrow({ where: { id: visit.patientParticipantId } });
    expect(untouched.redeemedAt).toBeNull();
    expect(untouched.deviceSecretHash).toBeNull();

    const contextA = await browser.newContext();
    const contextB = await browser.newContext();
    try {
      const pageA = await contextA.newPage();
      await pageA.goto(link);
      await pageA.getByRole("button", { name: "Continue to my visit" }).click();
      await expect(pageA).toHaveURL(new RegExp(`/visit/${visit.patientParticipantId}$`));
      expect(pageA.url()).not.toContain(visit.patientToken);
      await pageA.getByRole("button", { name: "Join the waiting room" }).click();
      await expect(pageA.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
        timeout: 20_000,
      });

      const tokensBefore = await db.auditEvent.count({ where: { action: "livekit.token_issued" } });
      const pageB = await contextB.newPage();
      const refused = await pageB.goto(link);
      expect(refused?.status()).toBe(409);
      await expect(pageB.getByRole("heading", { name: "This link is already in use on another device" })).toBeVisible();
      // B cannot use the visit page either: the participant id alone grants nothing.
      await pageB.goto(`/visit/${visit.patientParticipantId}`);
      await expect(pageB.getByRole("heading", { name: "Open your visit from your invitation" })).toBeVisible();
      expect(await db.auditEvent.count({ where: { action: "livekit.token_issued" } })).toBe(tokensBefore);
      expect(
        await db.auditEvent.count({
          where: { action: "invite.refused", objectId: visit.patientParticipantId, detail: { contains: "IN_USE" } },
        }),
      ).toBeGreaterThan(0);

      // A reloads, and opens its link again: still its visit.
      await pageA.reload();
      await pageA.getByRole("button", { name: "Join the waiting room" }).click();
      await expect(pageA.getByTestId("consultation-room")).toHaveAttribute("data-connection", "connected", {
        timeout: 20_000,
      });
      await pageA.goto(link);
      await expect(pageA).toHaveURL(new RegExp(`/visit/${visit.patientParticipantId}$`));
    } finally {
      await contextA.close();
      await contextB.close();
    }
  });

  const refusals = [
    { name: "too early", setup: { startsInMinutes: 24 * 60 }, status: 200, heading: "Your visit is not open yet" },
    { name: "cancelled", setup: { status: "CANCELLED" as const }, status: 410, heading: "This visit was cancelled" },
    { name: "completed", setup: { status: "COMPLETED" as const }, status: 410, heading: "This visit has ended" },
    {
      name: "expired",
      setup: { startsInMinutes: -180 },
      status: 410,
      heading: "This link has expired or is not valid",
    },
  ];

  for (const refusal of refusals) {
    test(`a ${refusal.name} visit shows its page, issues nothing and is audited`, async ({ page, db, makeStaff }) => {
      const host = await makeStaff({ role: "CLINICIAN" });
      const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName, ...refusal.setup });
      const response = await page.goto(`/join/${visit.patientToken}`);
      expect(response?.status()).toBe(refusal.status);
      expect(response?.headers()["cache-control"]).toBe("no-store");
      await expect(page.getByRole("heading", { name: refusal.heading })).toBeVisible();
      await expect(page.getByRole("button")).toHaveCount(0);
      // A POST straight at the link is refused the same way and binds nothing.
      const post = await page.request.post(`/join/${visit.patientToken}`, { maxRedirects: 0 });
      expect(post.status()).toBe(refusal.status);
      const participant = await db.participant.findUniqueOrThrow({ where: { id: visit.patientParticipantId } });
      expect(participant.deviceSecretHash).toBeNull();
      expect(
        await db.auditEvent.count({ where: { action: "invite.refused", objectId: visit.patientParticipantId } }),
      ).toBe(2);
      expect(
        await db.auditEvent.count({ where: { action: "livekit.token_issued", objectId: visit.patientParticipantId } }),
      ).toBe(0);
    });
  }

  test("a revoked link says so; unknown and expired links are answered alike", async ({ page, db, makeStaff }) => {
    const host = await makeStaff({ role: "CLINICIAN" });
    const visit = await createConsultation(db, { hostId: host.id, hostName: host.displayName });
    await db.participant.update({ where: { id: visit.patientParticipantId }, data: { revokedAt: new Date() } });
    const revoked = await page.goto(`/join/${visit.patientToken}`);
    expect(revoked?.status()).toBe(410);
    await expect(page.getByRole("heading", { name: "This invitation is no longer valid" })).toBeVisible();

    const expiredVisit = await createConsultation(db, {
      hostId: host.id,
      hostName: host.displayName,
      startsInMinutes: -300,
    });
    const expired = await page.request.get(`/join/${expiredVisit.patientToken}`);
    const unknown = await page.request.get(`/join/${"A".repeat(43)}`);
    const malformed = await page.request.get("/join/not-a-token");
    expect(unknown.status()).toBe(expired.status());
    expect(malformed.status()).toBe(expired.status());
    expect(await unknown.text()).toBe(await expired.text());
  });
});
