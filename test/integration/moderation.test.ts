// Muting someone else's microphone: only the visit's host (or an administrator) may, it
// really mutes the track on the LiveKit server, and it is audited.
import { AudioSource, dispose, LocalAudioTrack, Room, TrackPublishOptions, TrackSource } from "@livekit/rtc-node";
import { RoomServiceClient, TrackType } from "livekit-server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "@/lib/errors";
import { muteParticipant } from "@/lib/server/moderation/mute-participant";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
import { createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";

const livekit = inject("livekit");
const roomService = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
let app: AppEnvironment;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  app = setUpAppEnvironment();
});
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(async () => {
  await dispose();
  await app.close();
});

/** A visit whose admitted patient is connected and publishing a microphone. */
async function visitWithSpeakingPatient() {
  const host = await createStaffUser(app.db, { role: "CLINICIAN" });
  const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
  await app.db.participant.update({ where: { id: visit.patientParticipantId }, data: { admission: "ADMITTED" } });
  const { token } = await issueParticipantToken(
    visit.patientParticipantId,
    { type: "PARTICIPANT", id: visit.patientParticipantId },
    testRequest,
  );
  const room = new Room();
  await room.connect(livekit.url, token, { autoSubscribe: false, dynacast: false });
  const source = new AudioSource(48_000, 1);
  cleanups.push(async () => {
    await room.disconnect();
    await source.close();
  });
  await room.localParticipant?.publishTrack(
    LocalAudioTrack.createAudioTrack("microphone", source),
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  await expect.poll(() => microphoneMuted(visit.roomName, visit.patientParticipantId)).toBe(false);
  return { host: asStaff(host), ...visit };
}

async function microphoneMuted(roomName: string, identity: string): Promise<boolean | undefined> {
  const participant = await roomService.getParticipant(roomName, identity).catch(() => null);
  return participant?.tracks.find((track) => track.type === TrackType.AUDIO)?.muted;
}

const code = (expected: string) => (error: unknown) => error instanceof AppError && error.code === expected;

describe("muting someone's microphone", () => {
  it("the host mutes the patient: the track is muted on the server, and the mute is audited", async () => {
    const v = await visitWithSpeakingPatient();
    expect(await muteParticipant(v.host, v.patientParticipantId, testRequest)).toEqual({ mutedTracks: 1 });
    await expect.poll(() => microphoneMuted(v.roomName, v.patientParticipantId)).toBe(true);
    const audits = await app.db.auditEvent.findMany({
      where: { action: "participant.mute", objectId: v.patientParticipantId },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorId).toBe(v.host.id);
    // Muting again is harmless: nothing left to mute.
    expect(await muteParticipant(v.host, v.patientParticipantId, testRequest)).toEqual({ mutedTracks: 0 });
  });

  it("another clinician is told 'not found' and nothing is muted", async () => {
    const v = await visitWithSpeakingPatient();
    const stranger = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    await expect(muteParticipant(stranger, v.patientParticipantId, testRequest)).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await microphoneMuted(v.roomName, v.patientParticipantId)).toBe(false);
    expect(
      await app.db.auditEvent.count({ where: { action: "participant.mute", objectId: v.patientParticipantId } }),
    ).toBe(0);
  });

  it("an administrator may mute in any visit", async () => {
    const v = await visitWithSpeakingPatient();
    const admin = asStaff(await createStaffUser(app.db, { role: "ADMIN" }));
    expect(await muteParticipant(admin, v.patientParticipantId, testRequest)).toEqual({ mutedTracks: 1 });
    await expect.poll(() => microphoneMuted(v.roomName, v.patientParticipantId)).toBe(true);
  });

  it("someone not connected, or a visit that has ended, gets a clear refusal", async () => {
    const host = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
    await expect(muteParticipant(host, visit.patientParticipantId, testRequest)).rejects.toSatisfy(
      (error) => code("NOT_FOUND")(error) && (error as AppError).userMessage.includes("not connected"),
    );
    await app.db.consultation.update({ where: { id: visit.consultationId }, data: { status: "COMPLETED" } });
    await expect(muteParticipant(host, visit.patientParticipantId, testRequest)).rejects.toSatisfy(code("VISIT_ENDED"));
  });
});
