import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createDbClient } from "@/lib/db-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildInviteMessage } from "@/lib/mail/invite-message";
import { getFreeTcpPort } from "../../scripts/lib/ports.mjs";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const livekit = inject("livekit");
const saved = { ...process.env };
let workDir: string;
let databaseUrl: string;
let database: PrismaClient;

const invite = buildInviteMessage({
  uid: "participant-mail-test@openconsult",
  recipientName: "Alex Doe",
  hostName: "Dr Rivera",
  startsAt: new Date("2026-03-09T13:00:00Z"),
  durationMinutes: 30,
  timeZone: "America/New_York",
  joinUrl: "https://visits.example/join/mail-test",
  opensBeforeMinutes: 15,
});
const outgoing = { to: "alex@example.test", ...invite, consultationId: "c-mail-test", participantId: "p-mail-test" };

/** Loads sendMail as a fresh server process would, with these settings. */
async function loadSendMail(settings: Record<string, string>) {
  vi.resetModules();
  delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
  Object.assign(process.env, {
    AUTH_SECRET: "a".repeat(40),
    DATABASE_URL: databaseUrl,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: "silent",
    ...settings,
  });
  return import("@/lib/mail/send-mail");
}

/** A local SMTP server that accepts every message and keeps its raw text. */
async function startSmtpServer() {
  const received: string[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS upgrade and no login to negotiate.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Header lines joined again where a long header was folded (RFC 5322, 2.2.3). */
function unfold(raw: string): string {
  return raw.replace(/\r\n(?=[ \t])/g, "");
}

/** The decoded body of the text/calendar part (nodemailer sends it base64-encoded). */
function calendarPart(raw: string): string {
  const match = /Content-Type: text\/calendar[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(raw);
  return Buffer.from(match?.[1] ?? "", "base64").toString("utf8");
}

describe("sendMail", () => {
  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-mail-"));
    databaseUrl = `file:${path.join(workDir, "mail.db")}`;
    applyMigrations(root, { ...process.env, DATABASE_URL: databaseUrl });
    database = createDbClient(databaseUrl);
  });

  afterEach(async () => {
    process.env = { ...saved };
    await database.outboxMessage.deleteMany();
  });

  afterAll(async () => {
    await database.$disconnect();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("keeps the message, with its calendar invite, in the outbox when no SMTP_URL is set", async () => {
    const { sendMail } = await loadSendMail({});
    await expect(sendMail(outgoing)).resolves.toEqual({ delivered: "outbox" });

    const rows = await database.outboxMessage.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      toAddress: "alex@example.test",
      subject: invite.subject,
      textBody: invite.text,
      htmlBody: invite.html,
      icsAttachment: invite.ics,
      consultationId: "c-mail-test",
      participantId: "p-mail-test",
    });
  });

  it("delivers through the SMTP server in SMTP_URL, with the invite as text/calendar, and keeps nothing in the outbox", async () => {
    const smtp = await startSmtpServer();
    try {
      const { sendMail } = await loadSendMail({ SMTP_URL: smtp.url, MAIL_FROM: "Clinic <visits@clinic.test>" });
      await expect(sendMail(outgoing)).resolves.toEqual({ delivered: "smtp" });

      expect(smtp.received).toHaveLength(1);
      const raw = unfold(smtp.received[0] ?? "");
      expect(raw).toContain(`Subject: ${invite.subject}`);
      expect(raw).toContain("From: Clinic <visits@clinic.test>");
      expect(raw).toContain("To: alex@example.test");
      expect(raw).toMatch(/Content-Type: text\/plain/);
      expect(raw).toMatch(/Content-Type: text\/html/);
      expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH; name=invite\.ics/);
      expect(raw).toMatch(/Content-Disposition: attachment; filename=invite\.ics/);
      expect(calendarPart(raw)).toBe(invite.ics);
      expect(await database.outboxMessage.count()).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it("the exported transport talks to a server it is pointed at", async () => {
    const smtp = await startSmtpServer();
    try {
      const { createMailTransport } = await loadSendMail({});
      const transport = createMailTransport(smtp.url);
      await transport.verify();
      transport.close();
    } finally {
      await smtp.close();
    }
  });

  it("reports a clear error, and keeps nothing in the outbox, when the SMTP server cannot be reached", async () => {
    const { sendMail } = await loadSendMail({ SMTP_URL: `smtp://127.0.0.1:${await getFreeTcpPort()}` });
    await expect(sendMail(outgoing)).rejects.toMatchObject({ name: "AppError", code: "INTERNAL" });
    expect(await database.outboxMessage.count()).toBe(0);
  });
});
