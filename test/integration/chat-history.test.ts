import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listChatForParticipant } from "@/lib/server/chat/list-chat-messages";
import { addInvitedParticipant, createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, setUpAppEnvironment } from "../support/app-environment";

let app: AppEnvironment;
beforeAll(() => {
  app = setUpAppEnvironment();
});
afterAll(async () => {
  await app.close();
});

describe("chat history for people invited by link", () => {
  it("shows what was said since they came in, never what was said before", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
    const t0 = Date.now();
    await app.db.participant.update({
      where: { id: visit.patientParticipantId },
      data: { admission: "ADMITTED", admittedAt: new Date(t0 - 60_000) },
    });
    const say = (participantId: string, text: string, at: number) =>
      app.db.chatMessage.create({
        data: { consultationId: visit.consultationId, participantId, text, createdAt: new Date(at) },
      });
    await say(visit.patientParticipantId, "before the interpreter came", t0 - 30_000);
    const interpreter = await addInvitedParticipant(app.db, visit.consultationId, "GUEST", "Interpreter", true);
    await app.db.participant.update({ where: { id: interpreter.participantId }, data: { admittedAt: new Date(t0) } });
    await say(visit.hostParticipantId, "after the interpreter came", t0 + 1_000);

    const patientSees = await listChatForParticipant(visit.patientParticipantId);
    expect(patientSees.map((m) => m.text)).toEqual(["before the interpreter came", "after the interpreter came"]);
    const interpreterSees = await listChatForParticipant(interpreter.participantId);
    expect(interpreterSees.map((m) => m.text)).toEqual(["after the interpreter came"]);
    expect(interpreterSees[0]?.senderParticipantId).toBe(visit.hostParticipantId);
  });

  it("someone never admitted, or removed, reads nothing", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
    await app.db.chatMessage.create({
      data: { consultationId: visit.consultationId, participantId: visit.hostParticipantId, text: "private" },
    });
    expect(await listChatForParticipant(visit.patientParticipantId)).toEqual([]);
    await app.db.participant.update({ where: { id: visit.patientParticipantId }, data: { revokedAt: new Date() } });
    await expect(listChatForParticipant(visit.patientParticipantId)).rejects.toThrow();
  });
});
