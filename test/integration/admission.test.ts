// The waiting room on the server: who waits, who is let in, who is sent back, and what a
// token obtained before being sent back is worth (nothing, once LiveKit reports the join).
import { dispose } from "@livekit/rtc-node";
import { RoomServiceClient, WebhookEvent } from "livekit-server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decideAdmission } from "@/lib/server/admission/admit-participants";
import { enterWaitingRoom } from "@/lib/server/admission/enter-waiting-room";
import { listWaiting } from "@/lib/server/admission/list-waiting";
import { sendToWaitingRoom } from "@/lib/server/admission/send-to-waiting-room";
import { setAutoAdmit } from "@/lib/server/admission/set-auto-admit";
import { handleWebhookEvent } from "@/lib/server/livekit-webhooks/handle-webhook-event";
import { issueParticipantToken } from "@/lib/server/tokens/issue-participant-token";
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

async function visit() {
  const host = await createStaffUser(app.db, { role: "CLINICIAN" });
  const created = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
  return { host: asStaff(host), ...created };
}

const patientActor = (id: string) => ({ type: "PARTICIPANT", id }) as const;

describe("the waiting room", () => {
  it("shows an arriving patient to the host, who admits them; only then is a token issued", async () => {
    const v = await visit();
    expect((await enterWaitingRoom(v.patientParticipantId, testRequest)).admission).toBe("WAITING");
    const list = await listWaiting(v.host, v.consultationId);
    expect(list.waiting.map((p) => p.id)).toEqual([v.patientParticipantId]);
    await expect(
      issueParticipantToken(v.patientParticipantId, patientActor(v.patientParticipantId), testRequest),
    ).rejects.toSatisfy((error) => error instanceof AppError && error.code === "NOT_ADMITTED");

    await decideAdmission(v.host, v.consultationId, [v.patientParticipantId], "ADMITTED", testRequest);
    expect((await listWaiting(v.host, v.consultationId)).waiting).toHaveLength(0);
    const credentials = await issueParticipantToken(
      v.patientParticipantId,
      patientActor(v.patientParticipantId),
      testRequest,
    );
    expect(credentials.token).toBeTruthy();
  });

  it("admit all lets in everyone waiting, and nobody who has not arrived", async () => {
    const v = await visit();
    const guest = await addInvitedParticipant(app.db, v.consultationId, "GUEST");
    const absent = await addInvitedParticipant(app.db, v.consultationId, "GUEST");
    await enterWaitingRoom(v.patientParticipantId, testRequest);
    await enterWaitingRoom(guest.participantId, testRequest);
    expect((await decideAdmission(v.host, v.consultationId, [], "ADMITTED", testRequest)).count).toBe(2);
    const absentRow = await app.db.participant.findUniqueOrThrow({ where: { id: absent.participantId } });
    expect(absentRow.admission).toBe("WAITING");
  });

  it("auto-admit lets people straight in; a denial stays a denial", async () => {
    const v = await visit();
    const guest = await addInvitedParticipant(app.db, v.consultationId, "GUEST");
    await enterWaitingRoom(guest.participantId, testRequest);
    await decideAdmission(v.host, v.consultationId, [guest.participantId], "DENIED", testRequest);
    await setAutoAdmit(v.host, v.consultationId, true, testRequest);
    expect((await enterWaitingRoom(v.patientParticipantId, testRequest)).admission).toBe("ADMITTED");
    expect((await enterWaitingRoom(guest.participantId, testRequest)).admission).toBe("DENIED");
  });

  it("another clinician cannot see or decide anyone's admission", async () => {
    const v = await visit();
    const stranger = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    await enterWaitingRoom(v.patientParticipantId, testRequest);
    const notFound = (error: unknown) => error instanceof AppError && error.code === "NOT_FOUND";
    await expect(listWaiting(stranger, v.consultationId)).rejects.toSatisfy(notFound);
    await expect(
      decideAdmission(stranger, v.consultationId, [v.patientParticipantId], "ADMITTED", testRequest),
    ).rejects.toSatisfy(notFound);
    await expect(sendToWaitingRoom(stranger, v.patientParticipantId, testRequest)).rejects.toSatisfy(notFound);
    const row = await app.db.participant.findUniqueOrThrow({ where: { id: v.patientParticipantId } });
    expect(row.admission).toBe("WAITING");
  });

  it("sending someone back ends their session, and their old token gets them removed again", async () => {
    const v = await visit();
    await enterWaitingRoom(v.patientParticipantId, testRequest);
    await decideAdmission(v.host, v.consultationId, [v.patientParticipantId], "ADMITTED", testRequest);
    const { token } = await issueParticipantToken(
      v.patientParticipantId,
      patientActor(v.patientParticipantId),
      testRequest,
    );
    const first = await join(token);
    const removed = new Promise<void>((resolve) => first.once("disconnected", () => resolve()));

    await sendToWaitingRoom(v.host, v.patientParticipantId, testRequest);
    await Promise.race([
      removed,
      new Promise((_, reject) => setTimeout(() => reject(new Error("not removed")), 5_000)),
    ]);
    await expect(
      issueParticipantToken(v.patientParticipantId, patientActor(v.patientParticipantId), testRequest),
    ).rejects.toSatisfy((error) => error instanceof AppError && error.code === "NOT_ADMITTED");

    // They come back with the token they had; LiveKit reports the join; the server removes them.
    const again = await join(token);
    const removedAgain = new Promise<void>((resolve) => again.once("disconnected", () => resolve()));
    const info = (await roomService.listParticipants(v.roomName)).find((p) => p.identity === v.patientParticipantId);
    expect(info).toBeDefined();
    const ev = WebhookEvent.fromJson({
      id: `EV_${v.patientParticipantId}_rejoin`,
      event: "participant_joined",
      room: { name: v.roomName },
      participant: { identity: info?.identity ?? "", sid: info?.sid ?? "" },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const outcome = await handleWebhookEvent(ev);
    expect(outcome).toBe("handled");
    await Promise.race([
      removedAgain,
      new Promise((_, reject) => setTimeout(() => reject(new Error("not removed again")), 5_000)),
    ]);
  });
});
