// The background sweep closes visits whose window has passed and deletes every LiveKit room that
// is not an open visit's, without relying on webhooks: this file runs its own LiveKit server whose
// webhook target answers 503 to every delivery, for the whole run.

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { RoomServiceClient } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createDbClient } from "@/lib/db-client";
import type { ConsultationStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { randomBase62 } from "@/lib/random-id";
import { createStaffUser } from "@/prisma/seed";
import { generateApiCredentials, obtainLiveKitBinary, startLiveKitServer } from "../../scripts/lib/livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "../../scripts/lib/ports.mjs";
import { applyMigrations } from "../../scripts/lib/steps.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const provided = inject("livekit");
const saved = { ...process.env };
const MINUTE = 60_000;

let workDir: string;
let databaseUrl: string;
let prisma: PrismaClient;
let hostUserId: string;
let liveKit: { url: string; httpUrl: string; apiKey: string; apiSecret: string; stop: () => Promise<void> };
let rooms: RoomServiceClient;
let refusingWebhooks: http.Server;
const refusedDeliveries: { authorized: boolean; event: string }[] = [];

/** Loads the sweeper as a fresh server process would, with these settings. */
async function loadSweeper(settings: Record<string, string> = {}) {
  vi.resetModules();
  const appDb = (globalThis as { openConsultDb?: PrismaClient }).openConsultDb;
  await appDb?.$disconnect();
  delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
  Object.assign(process.env, {
    AUTH_SECRET: "a".repeat(40),
    DATABASE_URL: databaseUrl,
    LIVEKIT_URL: liveKit.url,
    LIVEKIT_API_KEY: liveKit.apiKey,
    LIVEKIT_API_SECRET: liveKit.apiSecret,
    LOG_LEVEL: "silent",
    ...settings,
  });
  return {
    ...(await import("@/lib/server/sweeper/sweep")),
    ...(await import("@/lib/server/sweeper/start-sweeper")),
  };
}

// The sweep deletes every room that is not an open visit's: never point it at a shared external server.
describe.skipIf(provided.external)("sweeper", () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-sweeper-"));
    databaseUrl = `file:${path.join(workDir, "sweeper.db")}`;
    applyMigrations(root, { ...process.env, DATABASE_URL: databaseUrl });
    prisma = createDbClient(databaseUrl);
    hostUserId = (await createStaffUser(prisma, { role: "CLINICIAN" })).id;

    refusingWebhooks = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        let event = "?";
        try {
          event = JSON.parse(body).event ?? "?";
        } catch {}
        refusedDeliveries.push({ authorized: Boolean(request.headers.authorization), event });
        response.writeHead(503).end();
      });
    });
    await new Promise<void>((resolve) => refusingWebhooks.listen(0, "127.0.0.1", resolve));
    const webhookPort = (refusingWebhooks.address() as AddressInfo).port;

    const { apiKey, apiSecret } = generateApiCredentials();
    const server = await startLiveKitServer({
      binary: await obtainLiveKitBinary({ projectRoot: root }),
      apiKey,
      apiSecret,
      port: await getFreeTcpPort(),
      rtcTcpPort: await getFreeTcpPort(),
      rtcUdpPort: await getFreeUdpPort(),
      webhookUrl: `http://127.0.0.1:${webhookPort}/api/livekit/webhook`,
      logFile: path.join(workDir, "livekit.log"),
    });
    liveKit = { url: server.url, httpUrl: server.httpUrl, apiKey, apiSecret, stop: server.stop };
    rooms = new RoomServiceClient(server.httpUrl, apiKey, apiSecret);
  });

  afterAll(async () => {
    const appDb = (globalThis as { openConsultDb?: PrismaClient }).openConsultDb;
    await appDb?.$disconnect();
    delete (globalThis as { openConsultDb?: unknown }).openConsultDb;
    await prisma?.$disconnect();
    await liveKit?.stop();
    if (refusingWebhooks) await new Promise((resolve) => refusingWebhooks.close(resolve));
    process.env = { ...saved };
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function createVisit(status: ConsultationStatus, scheduledStart: Date) {
    const patient = await prisma.patient.create({ data: { fullName: "Test Patient", createdById: hostUserId } });
    const consultation = await prisma.consultation.create({
      data: {
        hostId: hostUserId,
        patientId: patient.id,
        reason: "check-up",
        scheduledStart,
        durationMinutes: 30,
        timeZone: "Europe/London",
        roomName: `v-${randomBase62()}`,
        status,
        ...(status === "IN_PROGRESS" ? { startedAt: scheduledStart } : {}),
      },
    });
    await prisma.participant.createMany({
      data: [
        { consultationId: consultation.id, role: "HOST", displayName: "Dr Host", userId: hostUserId },
        {
          consultationId: consultation.id,
          role: "PATIENT",
          displayName: "Test Patient",
          inviteTokenHash: randomUUID(),
        },
      ],
    });
    return consultation;
  }

  async function roomNames() {
    return new Set((await rooms.listRooms()).map((room) => room.name));
  }

  async function participantsOf(consultationId: string) {
    return prisma.participant.findMany({ where: { consultationId } });
  }

  it("closes visits whose window has passed, revokes their links and deletes every visit room not an open visit's", async () => {
    const { sweepOnce } = await loadSweeper();
    const booked = new Date(Date.now() + 60 * MINUTE);
    // Window: 15 min before the start to 60 min after the 30-minute visit ends.
    const afterWindow = new Date(booked.getTime() + 90 * MINUTE);

    const neverJoined = await createVisit("SCHEDULED", booked);
    const leftRunning = await createVisit("IN_PROGRESS", booked);
    const stillOpen = await createVisit("IN_PROGRESS", new Date(afterWindow.getTime() - 20 * MINUTE));
    const completed = await createVisit("COMPLETED", booked);
    // A visit room no consultation owns goes; another app's room on the same LiveKit stays.
    const stray = `v-${randomBase62()}`;
    const anotherApps = `signage-${randomUUID()}`;
    const mediaCheck = `mc-${randomBase62()}`;
    for (const name of [neverJoined, leftRunning, stillOpen, completed].map((c) => c.roomName)) {
      await rooms.createRoom({ name, emptyTimeout: 600 });
    }
    await rooms.createRoom({ name: stray, emptyTimeout: 600 });
    await rooms.createRoom({ name: anotherApps, emptyTimeout: 600 });
    await rooms.createRoom({ name: mediaCheck, emptyTimeout: 600 });

    // Now, nothing has lapsed: only the completed visit's room and the stray room go.
    expect(await sweepOnce()).toEqual({ lapsed: 0, roomsDeleted: 2, recordingsDeleted: 0 });
    expect(await roomNames()).toEqual(
      new Set([neverJoined.roomName, leftRunning.roomName, stillOpen.roomName, mediaCheck, anotherApps]),
    );

    const result = await sweepOnce(afterWindow);
    expect(result).toEqual({ lapsed: 2, roomsDeleted: 2, recordingsDeleted: 0 });

    const status = async (id: string) => (await prisma.consultation.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(neverJoined.id)).toBe("NO_SHOW");
    expect(await status(leftRunning.id)).toBe("EXPIRED");
    expect(await status(stillOpen.id)).toBe("IN_PROGRESS");
    expect(await status(completed.id)).toBe("COMPLETED");
    for (const consultation of [neverJoined, leftRunning]) {
      const row = await prisma.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
      expect(row.endedAt).toEqual(afterWindow);
      expect((await participantsOf(consultation.id)).map((p) => p.revokedAt)).toEqual([afterWindow, afterWindow]);
      const lapse = await prisma.auditEvent.findMany({
        where: { action: "consultation.lapse", objectId: consultation.id },
      });
      expect(lapse).toHaveLength(1);
      expect(lapse[0]).toMatchObject({ actorType: "SYSTEM", objectType: "Consultation" });
      expect(JSON.parse(lapse[0]?.detail ?? "{}")).toEqual({ status: row.status });
    }
    expect((await participantsOf(stillOpen.id)).map((p) => p.revokedAt)).toEqual([null, null]);
    expect(await roomNames()).toEqual(new Set([stillOpen.roomName, mediaCheck, anotherApps]));

    // A second pass finds nothing more to do and audits nothing twice.
    expect(await sweepOnce(afterWindow)).toEqual({ lapsed: 0, roomsDeleted: 0, recordingsDeleted: 0 });
    expect(await prisma.auditEvent.count({ where: { action: "consultation.lapse" } })).toBe(2);

    // LiveKit did try to tell the app (signed deliveries, retried with backoff); every one was refused.
    await vi.waitFor(() => expect(refusedDeliveries.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(refusedDeliveries.every((d) => d.authorized && d.event.startsWith("room_"))).toBe(true);

    await rooms.deleteRoom(stillOpen.roomName);
    await rooms.deleteRoom(mediaCheck);
    await rooms.deleteRoom(anotherApps);
  });

  it("still closes lapsed visits in the database when LiveKit is unreachable", async () => {
    const { sweepOnce } = await loadSweeper({ LIVEKIT_URL: `ws://127.0.0.1:${await getFreeTcpPort()}` });
    const start = new Date(Date.now() - 3 * 60 * MINUTE);
    const lapsed = await createVisit("SCHEDULED", start);

    expect(await sweepOnce()).toEqual({ lapsed: 1, roomsDeleted: 0, recordingsDeleted: 0 });
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe("NO_SHOW");
    expect((await participantsOf(lapsed.id)).every((p) => p.revokedAt !== null)).toBe(true);
  });

  it("startSweeper runs the sweep on its interval, once however often it is called", async () => {
    const { startSweeper, stopSweeper } = await loadSweeper({ SWEEP_INTERVAL_SECONDS: "5" });
    const lapsed = await createVisit("IN_PROGRESS", new Date(Date.now() - 3 * 60 * MINUTE));
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      startSweeper();
      startSweeper();
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(5_000);
      await vi.waitFor(
        async () =>
          expect((await prisma.consultation.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe("EXPIRED"),
        { timeout: 10_000 },
      );
      stopSweeper();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      stopSweeper();
      vi.useRealTimers();
    }
  });
});
