// Tokens the app issues for a consultation, checked against the real LiveKit server.
import { AudioSource, dispose, LocalAudioTrack, TrackPublishOptions, TrackSource } from "@livekit/rtc-node";
import { RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "@/lib/errors";
import { endConsultation } from "@/lib/server/consultations/end-consultation";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { resolveStaffParticipant } from "@/lib/server/tokens/resolve-staff-participant";
import { addInvitedParticipant, createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";
import { rtcParticipants } from "../support/rtc-participants";

const livekit = inject("livekit");
const roomService = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
let app: AppEnvironment;
const { join, disconnectAll } = rtcParticipants(livekit.url);

beforeAll(() => {
  app = setUpAppEnvironment();
});

afterEach(async () => {
  await disconnectAll();
});

afterAll(async () => {
  await dispose();
  await app.close();
});

async function visitWithHost(
  overrides: Parameters<typeof createConsultation>[1] extends infer T ? Partial<T> : never = {},
) {
  const host = await createStaffUser(app.db, { role: "CLINICIAN" });
  const visit = await createConsultation(app.db, {
    hostId: host.id,
    hostName: host.displayName,
    patientAdmitted: true,
    ...overrides,
  });
  return { host, visit };
}

async function expectAppError(work: Promise<unknown>, code: string) {
  await expect(work).rejects.toSatisfy((error) => error instanceof AppError && error.code === code);
}

describe("join tokens", () => {
  it("a patient's token names exactly the visit's room, lives at most 10 minutes and carries no admin grant", async () => {
    const { visit } = await visitWithHost();
    const credentials = await issueParticipantToken(
      visit.patientParticipantId,
      { type: "PARTICIPANT", id: visit.patientParticipantId },
      testRequest,
    );
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(credentials.token);
    expect(claims.sub).toBe(visit.patientParticipantId);
    expect(claims.video?.room).toBe(visit.roomName);
    expect(claims.video?.roomJoin).toBe(true);
    for (const grant of ["roomAdmin", "roomCreate", "roomList", "roomRecord", "canUpdateOwnMetadata"] as const) {
      expect(claims.video?.[grant]).toBeFalsy();
    }
    expect(claims.attributes?.role).toBe("PATIENT");
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeLessThanOrEqual(600);
    // The identity is an opaque id, not the person's name.
    expect(credentials.token).not.toContain("Patient ");

    const room = await join(credentials.token);
    expect(room.name).toBe(visit.roomName);
    const present = await roomService.listParticipants(visit.roomName);
    expect(present.map((p) => p.identity)).toContain(visit.patientParticipantId);
  });

  it("the same token cannot be used to enter another room", async () => {
    const { visit } = await visitWithHost();
    const other = await visitWithHost();
    await roomService.createRoom({ name: other.visit.roomName, emptyTimeout: 60 });
    const credentials = await issueParticipantToken(
      visit.patientParticipantId,
      { type: "PARTICIPANT", id: visit.patientParticipantId },
      testRequest,
    );
    const room = await join(credentials.token);
    expect(room.name).toBe(visit.roomName);
    expect(await roomService.listParticipants(other.visit.roomName)).toHaveLength(0);
    await roomService.deleteRoom(other.visit.roomName);
  });

  it("an observer's attempt to publish is refused by the server", async () => {
    const { visit } = await visitWithHost();
    const observer = await addInvitedParticipant(app.db, visit.consultationId, "OBSERVER", "Student", true);
    const credentials = await issueParticipantToken(
      observer.participantId,
      { type: "PARTICIPANT", id: observer.participantId },
      testRequest,
    );
    const room = await join(credentials.token);
    const track = LocalAudioTrack.createAudioTrack("microphone", new AudioSource(48_000, 1));
    const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE });
    const attempt = Promise.race([
      room.localParticipant?.publishTrack(track, options),
      new Promise((_, reject) => setTimeout(() => reject(new Error("publish did not settle")), 15_000)),
    ]);
    await expect(attempt).rejects.toThrow();
    const present = await roomService.listParticipants(visit.roomName);
    expect(present.find((p) => p.identity === observer.participantId)?.tracks ?? []).toHaveLength(0);
  });

  it("is refused, with an audit event, before the room opens, after removal and after the visit ended", async () => {
    const early = await visitWithHost({ startsInMinutes: 24 * 60 });
    await expectAppError(
      issueParticipantToken(early.visit.patientParticipantId, { type: "SYSTEM" }, testRequest),
      "VISIT_TOO_EARLY",
    );

    const removed = await visitWithHost();
    await app.db.participant.update({
      where: { id: removed.visit.patientParticipantId },
      data: { revokedAt: new Date() },
    });
    await expectAppError(
      issueParticipantToken(removed.visit.patientParticipantId, { type: "SYSTEM" }, testRequest),
      "INVITE_REVOKED",
    );

    const ended = await visitWithHost();
    await endConsultation(asStaff(ended.host), ended.visit.consultationId, testRequest);
    await expectAppError(
      issueParticipantToken(ended.visit.patientParticipantId, { type: "SYSTEM" }, testRequest),
      "VISIT_ENDED",
    );

    const refusals = await app.db.auditEvent.count({
      where: {
        action: "livekit.token_refused",
        objectId: {
          in: [early.visit.patientParticipantId, removed.visit.patientParticipantId, ended.visit.patientParticipantId],
        },
      },
    });
    expect(refusals).toBe(3);
  });

  it("is refused while the patient waits to be admitted, and after the host turned them away", async () => {
    const { visit } = await visitWithHost({ patientAdmitted: false });
    await expectAppError(
      issueParticipantToken(visit.patientParticipantId, { type: "SYSTEM" }, testRequest),
      "NOT_ADMITTED",
    );
    await app.db.participant.update({ where: { id: visit.patientParticipantId }, data: { admission: "DENIED" } });
    await expectAppError(
      issueParticipantToken(visit.patientParticipantId, { type: "SYSTEM" }, testRequest),
      "ADMISSION_DENIED",
    );
    expect(
      await app.db.auditEvent.count({
        where: { action: "livekit.token_issued", objectId: visit.patientParticipantId },
      }),
    ).toBe(0);
  });

  it("ending the visit disconnects a connected participant within 5 s", async () => {
    const { host, visit } = await visitWithHost();
    const credentials = await issueParticipantToken(
      visit.patientParticipantId,
      { type: "PARTICIPANT", id: visit.patientParticipantId },
      testRequest,
    );
    const room = await join(credentials.token);
    const disconnected = new Promise<number>((resolve) => room.once("disconnected", () => resolve(Date.now())));
    const started = Date.now();
    await endConsultation(asStaff(host), visit.consultationId, testRequest);
    const at = await Promise.race([
      disconnected,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5_000)),
    ]);
    expect(at).toBeGreaterThan(0);
    expect(at - started).toBeLessThan(5_000);
    expect((await roomService.listRooms([visit.roomName])).length).toBe(0);
  });

  it("staff join as their own participant; another clinician gets 'not found'; an administrator is disclosed as an observer", async () => {
    const { host, visit } = await visitWithHost();
    expect(await resolveStaffParticipant(asStaff(host), visit.consultationId, testRequest)).toBe(
      visit.hostParticipantId,
    );
    const stranger = await createStaffUser(app.db, { role: "CLINICIAN" });
    await expectAppError(resolveStaffParticipant(asStaff(stranger), visit.consultationId, testRequest), "NOT_FOUND");

    const admin = await createStaffUser(app.db, { role: "ADMIN" });
    const adminParticipantId = await resolveStaffParticipant(asStaff(admin), visit.consultationId, testRequest);
    const record = await app.db.participant.findUniqueOrThrow({ where: { id: adminParticipantId } });
    expect(record.role).toBe("OBSERVER");
    expect(record.userId).toBe(admin.id);
  });
});
