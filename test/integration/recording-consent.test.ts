// Recording with consent, against the real LiveKit server and the real recorder worker
// (in this process, with the real media engine and ffmpeg): the server refuses to start
// without everyone's yes, a no declines and names who, late joiners are held until they
// agree, a withdrawal stops at once and keeps a playable file, ending the visit leaves
// nothing running, and retention deletes with an audit trail.
import fs from "node:fs";
import path from "node:path";
import { dispose } from "@livekit/rtc-node";
import { RoomServiceClient } from "livekit-server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CONSENT_TEXT_VERSION } from "@/lib/recording/consent-text";
import { decideAdmission } from "@/lib/server/admission/admit-participants";
import { endConsultation } from "@/lib/server/consultations/end-consultation";
import { answerConsent, withdrawConsent } from "@/lib/server/recordings/answer-consent";
import { consentGateFor } from "@/lib/server/recordings/consent-gate";
import { getRecordingRecord } from "@/lib/server/recordings/get-recording-record";
import { listRecordings } from "@/lib/server/recordings/list-recordings";
import { startPlayback } from "@/lib/server/recordings/playback";
import { recordingStatusForHost } from "@/lib/server/recordings/recording-status";
import { requestRecording } from "@/lib/server/recordings/request-recording";
import { deleteExpiredRecordings } from "@/lib/server/recordings/retention";
import { startRecordingIfConsented } from "@/lib/server/recordings/start-recording";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { addInvitedParticipant, createConsultation, createStaffUser } from "@/prisma/seed";
import { type RecorderWorker, startRecorderWorker } from "@/recorder/worker";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";
import { rtcParticipants } from "../support/rtc-participants";

const livekit = inject("livekit");
const roomService = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
let app: AppEnvironment;
let worker: RecorderWorker | null = null;
let people: ReturnType<typeof rtcParticipants>;

beforeAll(() => {
  app = setUpAppEnvironment();
  process.env.RECORDINGS_DIR = path.join(app.workDir, "recordings");
  people = rtcParticipants(livekit.url);
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await people.disconnectAll();
});
afterAll(async () => {
  await dispose();
  await app.close();
});

const code = (expected: string) => (error: unknown) => error instanceof AppError && error.code === expected;
const yes = (recordingId: string) => ({ recordingId, decision: "GRANTED" as const, textVersion: CONSENT_TEXT_VERSION });
const no = (recordingId: string) => ({ recordingId, decision: "DECLINED" as const, textVersion: CONSENT_TEXT_VERSION });

/** A visit with its host and patient connected to the LiveKit room (as LiveKit sees them). */
async function visitInProgress() {
  const user = await createStaffUser(app.db, { role: "CLINICIAN" });
  const host = asStaff(user);
  const visit = await createConsultation(app.db, {
    hostId: user.id,
    hostName: user.displayName,
    patientAdmitted: true,
  });
  for (const participantId of [visit.hostParticipantId, visit.patientParticipantId]) {
    const { token } = await issueParticipantToken(
      participantId,
      { type: "PARTICIPANT", id: participantId },
      testRequest,
    );
    await people.join(token);
  }
  return { host, ...visit };
}

/** The host asks to record and both the host and the patient say yes. */
async function requestAndAgree(v: Awaited<ReturnType<typeof visitInProgress>>): Promise<string> {
  const { recordingId } = await requestRecording(v.host, v.consultationId, testRequest);
  await answerConsent(v.hostParticipantId, yes(recordingId), { type: "USER", id: v.host.id }, testRequest);
  const patient = { type: "PARTICIPANT" as const, id: v.patientParticipantId };
  await answerConsent(v.patientParticipantId, yes(recordingId), patient, testRequest);
  return recordingId;
}

async function state(recordingId: string) {
  return (await app.db.recording.findUniqueOrThrow({ where: { id: recordingId }, select: { state: true } })).state;
}

async function recorderInRoom(roomName: string): Promise<boolean> {
  const inRoom = await roomService.listParticipants(roomName).catch(() => []);
  return inRoom.some((p) => p.identity.startsWith("recorder-"));
}

describe("the consent gate", () => {
  it("refuses to start until everyone present said yes, and no recorder joins meanwhile", async () => {
    worker = startRecorderWorker();
    const v = await visitInProgress();
    const { recordingId } = await requestRecording(v.host, v.consultationId, testRequest);
    expect(await state(recordingId)).toBe("AWAITING_CONSENT");
    // Both present people were asked, with the current text.
    const asked = await app.db.recordingConsent.findMany({ where: { recordingId } });
    expect(asked.map((c) => c.participantId).sort()).toEqual([v.hostParticipantId, v.patientParticipantId].sort());
    expect(asked.every((c) => c.decision === "PENDING" && c.textVersion === CONSENT_TEXT_VERSION)).toBe(true);

    await answerConsent(v.hostParticipantId, yes(recordingId), { type: "USER", id: v.host.id }, testRequest);
    // The explicit start (what the host's "start" action calls) is refused: the patient has not answered.
    expect(await startRecordingIfConsented(recordingId, { type: "USER", id: v.host.id })).toEqual({
      kind: "WAITING",
      missing: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await state(recordingId)).toBe("AWAITING_CONSENT");
    expect(await recorderInRoom(v.roomName)).toBe(false);
    // A second request while one is open is refused.
    await expect(requestRecording(v.host, v.consultationId, testRequest)).rejects.toSatisfy(
      code("RECORDING_ALREADY_ACTIVE"),
    );
  });

  it("one no declines the request, and the host sees who declined", async () => {
    const v = await visitInProgress();
    const { recordingId } = await requestRecording(v.host, v.consultationId, testRequest);
    await answerConsent(v.hostParticipantId, yes(recordingId), { type: "USER", id: v.host.id }, testRequest);
    const result = await answerConsent(
      v.patientParticipantId,
      no(recordingId),
      { type: "PARTICIPANT", id: v.patientParticipantId },
      testRequest,
    );
    expect(result.state).toBe("DECLINED");
    const patient = await app.db.participant.findUniqueOrThrow({ where: { id: v.patientParticipantId } });
    const status = await recordingStatusForHost(v.host, v.consultationId);
    expect(status.recording?.declinedBy).toEqual([patient.displayName]);
    // The answer is on file with its text version, time and hashed origin (not the address itself).
    const answer = await app.db.recordingConsent.findFirstOrThrow({
      where: { recordingId, participantId: v.patientParticipantId },
    });
    expect(answer).toMatchObject({ decision: "DECLINED", textVersion: CONSENT_TEXT_VERSION });
    expect(answer.decidedAt).not.toBeNull();
    expect(answer.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.ipHash).not.toContain("127.0.0.1");
    expect(await app.db.auditEvent.count({ where: { action: "recording.declined", objectId: recordingId } })).toBe(1);
  });

  it("refuses an answer to another text version, and an answer from another visit's participant", async () => {
    const v = await visitInProgress();
    const other = await visitInProgress();
    const { recordingId } = await requestRecording(v.host, v.consultationId, testRequest);
    await expect(
      answerConsent(
        v.patientParticipantId,
        { ...yes(recordingId), textVersion: "1999-01-01.1" },
        { type: "PARTICIPANT", id: v.patientParticipantId },
        testRequest,
      ),
    ).rejects.toSatisfy(code("CONSENT_TEXT_CHANGED"));
    await expect(
      answerConsent(
        other.patientParticipantId,
        yes(recordingId),
        { type: "PARTICIPANT", id: other.patientParticipantId },
        testRequest,
      ),
    ).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await state(recordingId)).toBe("AWAITING_CONSENT");
  });
});

describe("recording, late joiners and withdrawal", () => {
  it("records once all agree; a late joiner is held until they agree; a withdrawal stops it and keeps the file", async () => {
    worker = startRecorderWorker();
    const v = await visitInProgress();
    const recordingId = await requestAndAgree(v);
    await expect.poll(() => state(recordingId), { timeout: 20_000 }).toBe("RECORDING");
    expect(await recorderInRoom(v.roomName)).toBe(true);

    // A guest arrives in the waiting room: held, not admitted, no token, until they say yes.
    const guest = await addInvitedParticipant(app.db, v.consultationId, "GUEST", "Late Guest");
    await app.db.participant.update({ where: { id: guest.participantId }, data: { waitingSince: new Date() } });
    expect(await consentGateFor(guest.participantId, v.consultationId)).toMatchObject({ recordingId });
    await expect(
      decideAdmission(v.host, v.consultationId, [guest.participantId], "ADMITTED", testRequest),
    ).rejects.toSatisfy(code("RECORDING_CONSENT_REQUIRED"));
    // "Admit all" lets in everyone else and leaves them waiting.
    expect(await decideAdmission(v.host, v.consultationId, [], "ADMITTED", testRequest)).toMatchObject({ count: 0 });
    await answerConsent(
      guest.participantId,
      no(recordingId),
      { type: "PARTICIPANT", id: guest.participantId },
      testRequest,
    );
    expect(await state(recordingId)).toBe("RECORDING"); // a no from the waiting room keeps them out, nothing more
    await expect(
      decideAdmission(v.host, v.consultationId, [guest.participantId], "ADMITTED", testRequest),
    ).rejects.toSatisfy(code("RECORDING_CONSENT_REQUIRED"));
    await answerConsent(
      guest.participantId,
      yes(recordingId),
      { type: "PARTICIPANT", id: guest.participantId },
      testRequest,
    );
    await decideAdmission(v.host, v.consultationId, [guest.participantId], "ADMITTED", testRequest);
    const credentials = await issueParticipantToken(
      guest.participantId,
      { type: "PARTICIPANT", id: guest.participantId },
      testRequest,
    );
    expect(credentials.token).toBeTruthy();

    // The patient withdraws: STOPPING at once, then READY with a stored, checksummed file.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const withdrawal = await withdrawConsent(
      v.patientParticipantId,
      recordingId,
      { type: "PARTICIPANT", id: v.patientParticipantId },
      testRequest,
    );
    expect(withdrawal.state).toBe("STOPPING");
    await expect.poll(() => state(recordingId), { timeout: 30_000 }).toBe("READY");
    const done = await app.db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(done.stopReason).toBe("CONSENT_WITHDRAWN");
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.durationSeconds).toBeGreaterThan(1);
    expect(done.storageKey).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(fs.existsSync(path.join(process.env.RECORDINGS_DIR as string, `${done.storageKey}.mp4`))).toBe(true);
    const consent = await app.db.recordingConsent.findFirstOrThrow({
      where: { recordingId, participantId: v.patientParticipantId },
    });
    expect(consent.decision).toBe("WITHDRAWN");
    expect(consent.withdrawnAt).not.toBeNull();
    expect(await recorderInRoom(v.roomName)).toBe(false);
  }, 90_000);
});

describe("ending the visit", () => {
  it("while STARTING with no recorder yet: nothing stays running and the visit is COMPLETED", async () => {
    const v = await visitInProgress();
    const recordingId = await requestAndAgree(v);
    expect(await state(recordingId)).toBe("STARTING");
    await endConsultation(v.host, v.consultationId, testRequest);
    const after = await app.db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(after).toMatchObject({ state: "FAILED", failureReason: "STOPPED_BEFORE_START", stopReason: "VISIT_ENDED" });
    const consultation = await app.db.consultation.findUniqueOrThrow({ where: { id: v.consultationId } });
    expect(consultation.status).toBe("COMPLETED");
  });

  it("while RECORDING: the recorder keeps the tail, then the room closes", async () => {
    worker = startRecorderWorker();
    const v = await visitInProgress();
    const recordingId = await requestAndAgree(v);
    await expect.poll(() => state(recordingId), { timeout: 20_000 }).toBe("RECORDING");
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await endConsultation(v.host, v.consultationId, testRequest);
    // By the time the visit is closed the recorder has let go of the room.
    expect(["PROCESSING", "READY"]).toContain(await state(recordingId));
    await expect.poll(() => state(recordingId), { timeout: 30_000 }).toBe("READY");
    const done = await app.db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(done.stopReason).toBe("VISIT_ENDED");
  }, 90_000);
});

describe("who may watch, and retention", () => {
  async function readyRecording() {
    const user = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, { hostId: user.id, hostName: user.displayName });
    const storageKey = `k${Date.now()}${Math.random().toString(36).slice(2, 12)}`.replace(/[^A-Za-z0-9]/g, "");
    const dir = process.env.RECORDINGS_DIR as string;
    fs.mkdirSync(dir, { recursive: true });
    const bytes = Buffer.from("not really a video, but bytes with a checksum");
    fs.writeFileSync(path.join(dir, `${storageKey}.mp4`), bytes);
    const { createHash } = await import("node:crypto");
    const recording = await app.db.recording.create({
      data: {
        consultationId: visit.consultationId,
        requestedById: user.id,
        consentTextVersion: CONSENT_TEXT_VERSION,
        state: "READY",
        storageKey,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length,
        durationSeconds: 1,
      },
    });
    return { host: asStaff(user), recording, storageKey, dir };
  }

  it("lets the visit's clinician and administrators watch, and nobody else", async () => {
    const { host, recording } = await readyRecording();
    const stranger = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    const admin = asStaff(await createStaffUser(app.db, { role: "ADMIN" }));
    expect((await listRecordings(host, {})).map((r) => r.id)).toContain(recording.id);
    expect((await listRecordings(admin, {})).map((r) => r.id)).toContain(recording.id);
    expect((await listRecordings(stranger, {})).map((r) => r.id)).not.toContain(recording.id);
    await expect(getRecordingRecord(stranger, recording.id)).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(startPlayback(stranger, recording.id, "VIEW", testRequest)).rejects.toSatisfy(code("NOT_FOUND"));
    await startPlayback(admin, recording.id, "VIEW", testRequest);
    expect(await app.db.auditEvent.count({ where: { action: "recording.view", objectId: recording.id } })).toBe(1);
  });

  it("refuses to serve a file whose checksum no longer matches, and says so in the audit log", async () => {
    const { host, recording, storageKey, dir } = await readyRecording();
    fs.appendFileSync(path.join(dir, `${storageKey}.mp4`), "tampered");
    await expect(startPlayback(host, recording.id, "VIEW", testRequest)).rejects.toSatisfy(code("RECORDING_INTEGRITY"));
    expect(
      await app.db.auditEvent.count({ where: { action: "recording.integrity_failed", objectId: recording.id } }),
    ).toBe(1);
    expect(await app.db.auditEvent.count({ where: { action: "recording.view", objectId: recording.id } })).toBe(0);
  });

  it("deletes recordings past the retention period (file and pointer), audits it, and replay answers 410", async () => {
    const { host, recording, storageKey, dir } = await readyRecording();
    // Not yet expired: kept.
    expect(await deleteExpiredRecordings(new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await deleteExpiredRecordings(later)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(dir, `${storageKey}.mp4`))).toBe(false);
    const row = await app.db.recording.findUniqueOrThrow({ where: { id: recording.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.storageKey).toBeNull();
    expect(await app.db.auditEvent.count({ where: { action: "recording.delete", objectId: recording.id } })).toBe(1);
    const refusal = await startPlayback(host, recording.id, "VIEW", testRequest).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(410);
  });
});
