import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Staff } from "@/lib/auth/staff-session";
import { createDbClient } from "@/lib/db-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStaffUser } from "@/prisma/seed";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

// The signed-in member of staff is whoever the test says; the pages and the
// route then do their own scoping, which is what is under test here.
const session = vi.hoisted(() => ({ staff: null as Staff | null }));
vi.mock("@/lib/auth/current-staff", () => {
  const signedIn = async () => {
    // Imported here, not once: after vi.resetModules the route checks against a fresh AppError class.
    const { AppError } = await import("@/lib/errors");
    if (!session.staff) throw new AppError("UNAUTHENTICATED");
    return session.staff;
  };
  return { requireStaffPage: signedIn, requireStaff: signedIn };
});

const root = path.resolve(import.meta.dirname, "../..");
const livekit = inject("livekit");
const saved = { ...process.env };
let workDir: string;
let database: PrismaClient;
let admin: Staff;
let host: Staff;
let otherHost: Staff;
let quiet: Staff;
const ids = { hosted: "", foreign: "", unlinked: "" };

function asStaff({ id, role, displayName, email }: Omit<Staff, "sessionId">): Staff {
  return { id, role, displayName, email, sessionId: `s-${id}` };
}

async function createConsultation(hostId: string, patientId: string): Promise<string> {
  const consultation = await database.consultation.create({
    data: {
      hostId,
      patientId,
      reason: "not shown anywhere",
      scheduledStart: new Date("2026-03-09T13:00:00Z"),
      durationMinutes: 30,
      timeZone: "America/New_York",
      roomName: `room-${randomBytes(8).toString("hex")}`,
    },
    select: { id: true },
  });
  return consultation.id;
}

async function createMessage(data: { consultationId: string | null; subject: string; createdAt?: Date }) {
  const row = await database.outboxMessage.create({
    data: {
      ...data,
      toAddress: "patient@example.test",
      textBody: `Hello <script>alert(1)</script>,\nJoin here: https://visits.example/join/${data.subject}.\nBye`,
      htmlBody: "<p>not rendered</p>",
      icsAttachment: "BEGIN:VCALENDAR\r\nEND:VCALENDAR",
    },
    select: { id: true },
  });
  return row.id;
}

async function load() {
  return {
    list: await import("@/lib/server/outbox/list-outbox-messages"),
    get: await import("@/lib/server/outbox/get-outbox-message"),
    listPage: (await import("@/app/(app)/outbox/page")).default,
    messagePage: (await import("@/app/(app)/outbox/[id]/page")).default,
    icsRoute: await import("@/app/(app)/outbox/[id]/invite.ics/route"),
  };
}

describe("the outbox", () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-outbox-"));
    const databaseUrl = `file:${path.join(workDir, "outbox.db")}`;
    applyMigrations(root, { ...process.env, DATABASE_URL: databaseUrl });
    database = createDbClient(databaseUrl);
    delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
    Object.assign(process.env, {
      AUTH_SECRET: "a".repeat(40),
      DATABASE_URL: databaseUrl,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      LOG_LEVEL: "silent",
    });

    admin = asStaff(await createStaffUser(database, { role: "ADMIN" }));
    host = asStaff(await createStaffUser(database, { role: "CLINICIAN" }));
    otherHost = asStaff(await createStaffUser(database, { role: "CLINICIAN" }));
    quiet = asStaff(await createStaffUser(database, { role: "CLINICIAN" }));
    const patient = await database.patient.create({
      data: { fullName: "Alex Doe", createdById: host.id },
      select: { id: true },
    });
    const hostedVisit = await createConsultation(host.id, patient.id);
    const foreignVisit = await createConsultation(otherHost.id, patient.id);
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 9, 12, minute));
    ids.unlinked = await createMessage({ consultationId: null, subject: "unlinked", createdAt: at(1) });
    ids.foreign = await createMessage({ consultationId: foreignVisit, subject: "foreign", createdAt: at(2) });
    ids.hosted = await createMessage({ consultationId: hostedVisit, subject: "hosted", createdAt: at(3) });
  });

  afterAll(async () => {
    process.env = { ...saved };
    await database.$disconnect();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("shows an administrator every message, newest first", async () => {
    const { list } = await load();
    const messages = await list.listOutboxMessages(admin);
    expect(messages.map((m) => m.subject)).toEqual(["hosted", "foreign", "unlinked"]);
    expect(messages[0]).toEqual({
      id: ids.hosted,
      createdAt: expect.any(Date),
      toAddress: "patient@example.test",
      subject: "hosted",
      hasIcs: true,
    });
  });

  it("shows a clinician only the mail of the visits they host", async () => {
    const { list, get } = await load();
    expect((await list.listOutboxMessages(host)).map((m) => m.id)).toEqual([ids.hosted]);
    expect(await get.getOutboxMessage(host, ids.hosted)).toMatchObject({ id: ids.hosted, ics: expect.any(String) });
    expect(await get.getOutboxMessage(host, ids.foreign)).toBeNull();
    expect(await get.getOutboxMessage(host, ids.unlinked)).toBeNull();
    expect(await get.getOutboxMessage(admin, ids.foreign)).toMatchObject({ id: ids.foreign });
    expect(await get.getOutboxMessage(admin, "../../etc/passwd")).toBeNull();
  });

  it("lists at most 100 messages", async () => {
    const base = Date.parse("2026-01-01T00:00:00Z");
    await database.outboxMessage.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        createdAt: new Date(base + i * 1000),
        toAddress: "bulk@example.test",
        subject: `bulk ${i}`,
        textBody: "bulk",
      })),
    });
    const { list } = await load();
    const messages = await list.listOutboxMessages(admin);
    expect(messages).toHaveLength(100);
    expect(messages.at(-1)?.subject).toBe("bulk 4");
    await database.outboxMessage.deleteMany({ where: { toAddress: "bulk@example.test" } });
  });

  it("renders the list page empty and with messages", async () => {
    const { listPage } = await load();
    session.staff = quiet;
    const empty = renderToStaticMarkup(await listPage());
    expect(empty).toContain("<table");
    expect(empty).toContain("No messages yet");
    expect(empty).toContain("No mail server is set");

    session.staff = host;
    const full = renderToStaticMarkup(await listPage());
    expect(full).toContain(`href="/outbox/${ids.hosted}"`);
    expect(full).toContain("patient@example.test");
    expect(full).not.toContain(ids.foreign);
  });

  it("says mail goes to the SMTP server when SMTP_URL is set", async () => {
    vi.resetModules();
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    try {
      const { listPage } = await load();
      session.staff = host;
      expect(renderToStaticMarkup(await listPage())).toContain("the outbox is not used");
    } finally {
      delete process.env.SMTP_URL;
      vi.resetModules();
    }
  });

  it("renders a message as text, with its web addresses as links", async () => {
    const { messagePage } = await load();
    session.staff = host;
    const html = renderToStaticMarkup(await messagePage({ params: Promise.resolve({ id: ids.hosted }) }));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("not rendered");
    // The sentence's full stop is not part of the link.
    expect(html).toContain('<a href="https://visits.example/join/hosted" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain(`href="/outbox/${ids.hosted}/invite.ics"`);
  });

  it("answers not found for a message the clinician may not read", async () => {
    const { messagePage } = await load();
    session.staff = host;
    await expect(messagePage({ params: Promise.resolve({ id: ids.foreign }) })).rejects.toThrow(
      /NEXT_HTTP_ERROR_FALLBACK;404/,
    );
  });

  it("serves the calendar invite, uncached, only to staff who may read the message", async () => {
    const { icsRoute } = await load();
    const context = (id: string) => ({ params: Promise.resolve({ id }) });
    session.staff = host;
    const response = await icsRoute.GET(new Request("http://app/x"), context(ids.hosted));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("BEGIN:VCALENDAR");

    const refused = await icsRoute.GET(new Request("http://app/x"), context(ids.foreign));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("cache-control")).toBe("no-store");

    session.staff = null;
    expect((await icsRoute.GET(new Request("http://app/x"), context(ids.hosted))).status).toBe(401);
  });
});
