import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { auditLogFilterSchema } from "@/lib/validations/audit-log";
import { createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";

let app: AppEnvironment;
let audit: typeof import("@/lib/audit").audit;
let listAuditEvents: typeof import("@/lib/server/audit-log/list-audit-events").listAuditEvents;
let AUDIT_PAGE_SIZE: number;

beforeAll(async () => {
  app = setUpAppEnvironment();
  // Imported after the environment is set: they read env() and db() on first use.
  ({ audit } = await import("@/lib/audit"));
  ({ listAuditEvents, AUDIT_PAGE_SIZE } = await import("@/lib/server/audit-log/list-audit-events"));
});

afterAll(async () => {
  await app.close();
});

describe("the audit log", () => {
  it("is for administrators only: a clinician is refused on the server", async () => {
    const clinician = await createStaffUser(app.db, { role: "CLINICIAN" });
    await expect(listAuditEvents(asStaff(clinician), {})).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "FORBIDDEN",
    );
  });

  it("names staff, shows participants by role and id only, and narrows by kind, id and day", async () => {
    const admin = await createStaffUser(app.db, { role: "ADMIN" });
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, {
      hostId: host.id,
      hostName: host.displayName,
      patientName: "Pat Secretname",
    });
    await audit({
      actor: { type: "USER", id: host.id },
      action: "consultation.schedule",
      objectType: "Consultation",
      objectId: visit.consultationId,
      request: testRequest,
    });
    await audit({
      actor: { type: "PARTICIPANT", id: visit.patientParticipantId },
      action: "invite.redeem",
      objectType: "Participant",
      objectId: visit.patientParticipantId,
      detail: { consultationId: visit.consultationId },
      request: testRequest,
    });

    const all = await listAuditEvents(asStaff(admin), {});
    const [redeem, schedule] = all.events;
    expect(redeem).toMatchObject({
      action: "invite.redeem",
      actor: { type: "PARTICIPANT", id: visit.patientParticipantId, label: "Participant (patient)" },
      ip: "127.0.0.1",
    });
    expect(schedule).toMatchObject({
      action: "consultation.schedule",
      actor: { type: "USER", id: host.id, label: host.displayName },
      objectId: visit.consultationId,
    });
    expect(JSON.stringify(all)).not.toContain("Secretname");

    const aboutVisit = await listAuditEvents(asStaff(admin), { subject: visit.consultationId });
    expect(aboutVisit.events.map((e) => e.action)).toEqual(["consultation.schedule"]);
    const byPatient = await listAuditEvents(asStaff(admin), { subject: visit.patientParticipantId });
    expect(byPatient.events.map((e) => e.action)).toEqual(["invite.redeem"]);
    const invites = await listAuditEvents(asStaff(admin), { category: "invite" });
    expect(invites.events.every((e) => e.action.startsWith("invite."))).toBe(true);

    // Days are the viewer's: in Auckland (UTC+13 in December) today's events are on today's local date.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Auckland" }).format(new Date());
    const inAuckland = await listAuditEvents(asStaff(admin), { from: today, to: today }, "Pacific/Auckland");
    expect(inAuckland.events.length).toBe(all.events.length);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await listAuditEvents(asStaff(admin), { from: tomorrow }, "Pacific/Auckland")).events).toEqual([]);
  });

  it("pages through long logs, newest first, without losing or repeating an event", async () => {
    const admin = await createStaffUser(app.db, { role: "ADMIN" });
    const subject = "paging-subject";
    const total = AUDIT_PAGE_SIZE + 20;
    for (let i = 0; i < total; i++) {
      await audit({
        actor: { type: "SYSTEM" },
        action: "consultation.lapse",
        objectType: "Consultation",
        objectId: subject,
      });
    }
    const first = await listAuditEvents(asStaff(admin), { subject });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAuditEvents(asStaff(admin), { subject, before: first.nextBefore ?? undefined });
    expect(second.events).toHaveLength(20);
    expect(second.nextBefore).toBeNull();
    const ids = [...first.events, ...second.events].map((e) => e.id);
    expect(new Set(ids).size).toBe(total);
    const times = [...first.events, ...second.events].map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("refuses filters that are not what they say (bad dates, odd characters in an id)", () => {
    expect(auditLogFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(auditLogFilterSchema.safeParse({ subject: "x' OR 1=1 --" }).success).toBe(false);
    expect(auditLogFilterSchema.safeParse({ category: "everything" }).success).toBe(false);
    expect(auditLogFilterSchema.safeParse({ category: "recording", subject: " abc_DEF-1 " }).data).toEqual({
      category: "recording",
      subject: "abc_DEF-1",
    });
  });
});
