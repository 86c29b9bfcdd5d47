// POST /api/livekit/webhook with bodies signed the way LiveKit signs them (a JWT from our API key
// whose `sha256` claim is the body's hash), against a temporary database.

import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createDbClient } from "@/lib/db-client";
import type { ConsultationStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { randomBase62 } from "@/lib/random-id";
import { createStaffUser } from "@/prisma/seed";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const livekit = inject("livekit");
const saved = { ...process.env };
let workDir: string;
let prisma: PrismaClient;
let POST: (request: Request) => Promise<Response>;
let hostUserId: string;

// Event times in whole seconds, as LiveKit sends them; an hour ago so nothing depends on "now".
const T = Math.floor(Date.now() / 1000) - 3600;
const at = (seconds: number) => new Date(seconds * 1000);

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-webhook-"));
  const databaseUrl = `file:${path.join(workDir, "webhook.db")}`;
  applyMigrations(root, { ...process.env, DATABASE_URL: databaseUrl });
  prisma = createDbClient(databaseUrl);
  hostUserId = (await createStaffUser(prisma, { role: "CLINICIAN" })).id;

  vi.resetModules();
  delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
  Object.assign(process.env, {
    AUTH_SECRET: "a".repeat(40),
    DATABASE_URL: databaseUrl,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: "warn",
  });
  ({ POST } = await import("@/app/api/livekit/webhook/route"));
});

afterAll(async () => {
  await prisma?.$disconnect();
  const appDb = (globalThis as { openConsultDb?: PrismaClient }).openConsultDb;
  await appDb?.$disconnect();
  delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
  process.env = { ...saved };
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A consultation with a host and a patient participant, in its own room. */
async function createVisit(status: ConsultationStatus = "SCHEDULED") {
  const patient = await prisma.patient.create({ data: { fullName: "Test Patient", createdById: hostUserId } });
  const consultation = await prisma.consultation.create({
    data: {
      hostId: hostUserId,
      patientId: patient.id,
      reason: "check-up",
      scheduledStart: at(T),
      durationMinutes: 30,
      timeZone: "Europe/London",
      roomName: `v-${randomBase62()}`,
      status,
    },
  });
  const host = await prisma.participant.create({
    data: { consultationId: consultation.id, role: "HOST", displayName: "Dr Host", userId: hostUserId },
  });
  const patientParticipant = await prisma.participant.create({
    data: { consultationId: consultation.id, role: "PATIENT", displayName: "Test Patient" },
  });
  return { consultation, host, patient: patientParticipant };
}

type EventInput = {
  event: string;
  room: string;
  identity?: string;
  createdAt: number;
  joinedAt?: number;
  id?: string;
};

/** The JSON LiveKit posts (protojson: int64 as strings). */
function eventBody({ event, room, identity, createdAt, joinedAt, id = `EV_${randomUUID()}` }: EventInput) {
  return JSON.stringify({
    event,
    room: { sid: `RM_${randomBase62(12)}`, name: room },
    ...(identity
      ? { participant: { sid: `PA_${randomBase62(12)}`, identity, joinedAt: String(joinedAt ?? createdAt) } }
      : {}),
    id,
    createdAt: String(createdAt),
  });
}

async function sign(body: string, secret = livekit.apiSecret) {
  const token = new AccessToken(livekit.apiKey, secret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function webhookRequest(body: string, authorization?: string) {
  const headers: Record<string, string> = {
    "content-type": "application/webhook+json",
    "user-agent": "Go-http-client/1.1",
  };
  if (authorization) headers.authorization = authorization;
  return new Request("http://localhost/api/livekit/webhook", { method: "POST", headers, body });
}

async function deliver(input: EventInput | string) {
  const body = typeof input === "string" ? input : eventBody(input);
  return POST(webhookRequest(body, await sign(body)));
}

async function snapshot(consultationId: string) {
  return {
    consultation: await prisma.consultation.findUniqueOrThrow({ where: { id: consultationId } }),
    participants: await prisma.participant.findMany({ where: { consultationId }, orderBy: { id: "asc" } }),
    webhookEvents: await prisma.webhookEvent.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

describe("POST /api/livekit/webhook: signature", () => {
  async function expectRejected(response: Response, reason: string) {
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid signature" });
    const rejected = await prisma.auditEvent.findFirst({
      where: { action: "livekit.webhook_rejected" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(rejected).toMatchObject({ actorType: "ANONYMOUS", userAgent: "Go-http-client/1.1" });
    expect(JSON.parse(rejected?.detail ?? "{}")).toEqual({ reason });
  }

  it("refuses a delivery without an Authorization header and changes nothing", async () => {
    const { consultation, patient } = await createVisit();
    const before = await snapshot(consultation.id);
    const body = eventBody({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T,
    });
    await expectRejected(await POST(webhookRequest(body)), "missing_signature");
    const after = await snapshot(consultation.id);
    expect(after).toEqual({ ...before, auditEvents: before.auditEvents + 1 });
  });

  it("refuses a body signed with another secret", async () => {
    const { consultation, patient } = await createVisit();
    const body = eventBody({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T,
    });
    const before = await snapshot(consultation.id);
    await expectRejected(await POST(webhookRequest(body, await sign(body, "w".repeat(40)))), "invalid_signature");
    expect((await snapshot(consultation.id)).consultation).toEqual(before.consultation);
    expect((await snapshot(consultation.id)).participants).toEqual(before.participants);
  });

  it("refuses a correctly signed body that was altered by one byte", async () => {
    const { consultation, patient } = await createVisit();
    const body = eventBody({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T,
    });
    const authorization = await sign(body);
    const altered = body.replace(`"createdAt":"${T}"`, `"createdAt":"${T + 1}"`);
    expect(altered).not.toBe(body);
    expect(altered.length).toBe(body.length);
    const before = await snapshot(consultation.id);
    await expectRejected(await POST(webhookRequest(altered, authorization)), "body_mismatch");
    const after = await snapshot(consultation.id);
    expect(after.consultation).toEqual(before.consultation);
    expect(after.participants).toEqual(before.participants);
    expect(after.webhookEvents).toBe(before.webhookEvents);
  });
});

describe("POST /api/livekit/webhook: attendance", () => {
  it("participant_joined starts a scheduled visit and marks the participant connected", async () => {
    const { consultation, patient } = await createVisit();
    const response = await deliver({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });

    const visit = await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(visit.status).toBe("IN_PROGRESS");
    expect(visit.startedAt).toEqual(at(T));
    const participant = await prisma.participant.findUniqueOrThrow({ where: { id: patient.id } });
    expect(participant).toMatchObject({
      firstJoinedAt: at(T),
      lastJoinedAt: at(T),
      connectedSince: at(T),
      attendedSeconds: 0,
    });
    const started = await prisma.auditEvent.findMany({
      where: { action: "consultation.start", objectId: consultation.id },
    });
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ actorType: "SYSTEM", objectType: "Consultation" });
  });

  it("the same event delivered twice changes nothing the second time", async () => {
    const { consultation, patient } = await createVisit();
    const body = eventBody({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T,
    });
    expect((await deliver(body)).status).toBe(200);
    const once = await snapshot(consultation.id);
    const again = await deliver(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true });
    expect(await snapshot(consultation.id)).toEqual(once);

    // A duplicated `left` must not add the time twice either.
    const left = eventBody({
      event: "participant_left",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T + 60,
      joinedAt: T,
    });
    await deliver(left);
    await deliver(left);
    expect((await prisma.participant.findUniqueOrThrow({ where: { id: patient.id } })).attendedSeconds).toBe(60);
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } })).participantSeconds).toBe(
      60,
    );
  });

  it("a join and a leave 90 seconds apart add 90 seconds to the participant and the visit", async () => {
    const { consultation, host, patient } = await createVisit();
    await deliver({ event: "participant_joined", room: consultation.roomName, identity: host.id, createdAt: T });
    await deliver({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T + 10,
    });
    await deliver({
      event: "participant_left",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T + 100,
      joinedAt: T + 10,
    });
    await deliver({
      event: "participant_left",
      room: consultation.roomName,
      identity: host.id,
      createdAt: T + 90,
      joinedAt: T,
    });

    const hostRow = await prisma.participant.findUniqueOrThrow({ where: { id: host.id } });
    const patientRow = await prisma.participant.findUniqueOrThrow({ where: { id: patient.id } });
    expect(hostRow).toMatchObject({ attendedSeconds: 90, connectedSince: null, lastLeftAt: at(T + 90) });
    expect(patientRow).toMatchObject({ attendedSeconds: 90, connectedSince: null, lastLeftAt: at(T + 100) });
    const visit = await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(visit).toMatchObject({ status: "IN_PROGRESS", startedAt: at(T), participantSeconds: 180 });
  });

  it("a leave that arrives before its join ends consistent: time counted, not left connected", async () => {
    const { consultation, patient } = await createVisit();
    await deliver({
      event: "participant_left",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T + 90,
      joinedAt: T,
    });
    await deliver({ event: "participant_joined", room: consultation.roomName, identity: patient.id, createdAt: T });

    const participant = await prisma.participant.findUniqueOrThrow({ where: { id: patient.id } });
    expect(participant).toMatchObject({
      firstJoinedAt: at(T),
      lastJoinedAt: at(T),
      lastLeftAt: at(T + 90),
      connectedSince: null,
      attendedSeconds: 90,
    });
    const visit = await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(visit).toMatchObject({ status: "IN_PROGRESS", startedAt: at(T), participantSeconds: 90 });
    expect(await prisma.auditEvent.count({ where: { action: "consultation.start", objectId: consultation.id } })).toBe(
      1,
    );
  });

  it("room_finished closes whoever is still connected and audits the room closing", async () => {
    const { consultation, host, patient } = await createVisit();
    await deliver({ event: "participant_joined", room: consultation.roomName, identity: host.id, createdAt: T });
    await deliver({
      event: "participant_joined",
      room: consultation.roomName,
      identity: patient.id,
      createdAt: T + 30,
    });
    await deliver({ event: "room_finished", room: consultation.roomName, createdAt: T + 120 });

    const rows = await prisma.participant.findMany({ where: { consultationId: consultation.id } });
    expect(rows.map((p) => [p.id, p.attendedSeconds, p.connectedSince]).sort()).toEqual(
      [
        [host.id, 120, null],
        [patient.id, 90, null],
      ].sort(),
    );
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } })).participantSeconds).toBe(
      210,
    );
    const closed = await prisma.auditEvent.findMany({
      where: { action: "consultation.room_closed", objectId: consultation.id },
    });
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ actorType: "SYSTEM", objectType: "Consultation" });
  });

  it("never moves an ended visit back to IN_PROGRESS", async () => {
    for (const status of ["COMPLETED", "CANCELLED", "NO_SHOW", "EXPIRED"] as const) {
      const { consultation, patient } = await createVisit(status);
      const response = await deliver({
        event: "participant_joined",
        room: consultation.roomName,
        identity: patient.id,
        createdAt: T,
      });
      expect(response.status).toBe(200);
      const visit = await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
      expect(visit, status).toMatchObject({ status, startedAt: null });
    }
  });

  it("ignores media-check rooms, unknown rooms and identities that are not the visit's participants", async () => {
    const { consultation, patient } = await createVisit();
    const other = await createVisit();
    const before = await snapshot(consultation.id);
    const ignored: EventInput[] = [
      { event: "participant_joined", room: `mc-${randomBase62()}`, identity: "mc-sender-abc", createdAt: T },
      { event: "participant_joined", room: `v-${randomBase62()}`, identity: patient.id, createdAt: T },
      // A participant of another visit, and the (future) hidden recorder.
      { event: "participant_joined", room: consultation.roomName, identity: other.patient.id, createdAt: T },
      { event: "participant_joined", room: consultation.roomName, identity: "recorder-1", createdAt: T },
      { event: "track_published", room: consultation.roomName, identity: patient.id, createdAt: T },
    ];
    for (const input of ignored) {
      const response = await deliver(input);
      expect(response.status, input.event).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
    }
    expect(await snapshot(consultation.id)).toEqual(before);
    expect((await prisma.participant.findUniqueOrThrow({ where: { id: other.patient.id } })).firstJoinedAt).toBeNull();
  });
});
