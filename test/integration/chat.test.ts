// Chat persistence: the sender is whoever the server resolves (device cookie or staff session),
// only people let into an open visit may write, bad text stores nothing, staff read only visits
// they may see, and the text never reaches the logs or the audit trail.
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Staff } from "@/lib/auth/staff-session";
import { AppError } from "@/lib/errors";
import { generateSecretToken, hashSecretToken } from "@/lib/invites/invite-token";
import { postChatMessage } from "@/lib/server/chat/post-chat-message";
import { addInvitedParticipant, createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";

// What a request would carry: the device cookie, the staff session, and a switch to make the audit write fail.
const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  staff: null as Staff | null,
  failAudit: false,
}));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
  }),
  headers: async () => new Headers({ "user-agent": "vitest", "x-forwarded-for": "127.0.0.1" }),
}));

vi.mock("@/lib/auth/current-staff", async () => {
  const { AppError } = await import("@/lib/errors");
  const { can } = await import("@/lib/permissions");
  return {
    requireStaff: async (permission?: Parameters<typeof can>[1]) => {
      if (!request.staff) throw new AppError("UNAUTHENTICATED");
      if (permission && !can(request.staff.role, permission)) throw new AppError("FORBIDDEN");
      return request.staff;
    },
  };
});

vi.mock("@/lib/audit", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit")>();
  return {
    ...original,
    audit: async (...args: Parameters<typeof original.audit>) => {
      if (request.failAudit) throw new Error("audit store unavailable");
      return original.audit(...args);
    },
  };
});

let app: AppEnvironment;
const originalWriteSync = fs.writeSync;
let postVisitChatAction: typeof import("@/app/visit/[participantId]/chat-actions").postVisitChatAction;
let postStaffChatAction: typeof import("@/app/(app)/consultations/chat-actions").postStaffChatAction;
let confirmVisitChatAction: typeof import("@/app/visit/[participantId]/chat-actions").confirmVisitChatAction;
let confirmStaffChatAction: typeof import("@/app/(app)/consultations/chat-actions").confirmStaffChatAction;
let listChatMessages: typeof import("@/lib/server/chat/list-chat-messages").listChatMessages;
let deviceCookieName: () => string;

beforeAll(async () => {
  app = setUpAppEnvironment({ LOG_LEVEL: "trace" });
  // Imported after the environment is set: they read env() and db() on first use.
  ({ postVisitChatAction, confirmVisitChatAction } = await import("@/app/visit/[participantId]/chat-actions"));
  ({ postStaffChatAction, confirmStaffChatAction } = await import("@/app/(app)/consultations/chat-actions"));
  ({ listChatMessages } = await import("@/lib/server/chat/list-chat-messages"));
  ({ deviceCookieName } = await import("@/lib/server/invites/device-cookie"));
});

beforeEach(() => {
  request.cookies.clear();
  request.staff = null;
  request.failAudit = false;
});

afterAll(async () => {
  await app.close();
});

/** An open visit whose patient is admitted and whose link is bound to "this browser". */
async function openVisit(options: Partial<Parameters<typeof createConsultation>[1]> = {}) {
  const host = await createStaffUser(app.db, { role: "CLINICIAN" });
  const visit = await createConsultation(app.db, {
    hostId: host.id,
    hostName: host.displayName,
    patientAdmitted: true,
    ...options,
  });
  const secret = generateSecretToken();
  await app.db.participant.update({
    where: { id: visit.patientParticipantId },
    data: { deviceSecretHash: hashSecretToken(secret), redeemedAt: new Date() },
  });
  return { host, visit, secret };
}

function bindDevice(secret: string) {
  request.cookies.set(deviceCookieName(), secret);
}

const storedIn = (consultationId: string) => app.db.chatMessage.count({ where: { consultationId } });

async function expectRefused(work: Promise<unknown>, code: string) {
  await expect(work).rejects.toSatisfy((error) => error instanceof AppError && error.code === code);
}

describe("posting chat", () => {
  it("stores a patient's message with the sender resolved from the device cookie, not from the input", async () => {
    const { visit, secret } = await openVisit();
    const guest = await addInvitedParticipant(app.db, visit.consultationId, "GUEST", "Guest G", true);
    bindDevice(secret);

    const forged = { participantId: visit.patientParticipantId, text: "  Hello <b>doctor</b>\nline two  " };
    const result = await postVisitChatAction({ ...forged, senderId: guest.participantId, senderName: "Dr X" } as never);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;

    const stored = await app.db.chatMessage.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(stored.participantId).toBe(visit.patientParticipantId);
    expect(stored.consultationId).toBe(visit.consultationId);
    // Trimmed, and otherwise exactly what was typed: escaping is the renderer's job.
    expect(stored.text).toBe("Hello <b>doctor</b>\nline two");
    expect(result.data.createdAt).toBe(stored.createdAt.toISOString());

    const event = await app.db.auditEvent.findFirstOrThrow({ where: { action: "chat.message", objectId: stored.id } });
    expect(event.actorType).toBe("PARTICIPANT");
    expect(event.actorId).toBe(visit.patientParticipantId);
    expect(JSON.parse(event.detail ?? "{}")).toEqual({
      consultationId: visit.consultationId,
      participantId: visit.patientParticipantId,
    });
    expect(event.detail).not.toContain("Hello");
  });

  it("a browser cannot write as another participant, even of the same visit", async () => {
    const { visit, secret } = await openVisit();
    const guest = await addInvitedParticipant(app.db, visit.consultationId, "GUEST", "Guest G", true);
    await app.db.participant.update({
      where: { id: guest.participantId },
      data: { deviceSecretHash: hashSecretToken(generateSecretToken()) },
    });
    bindDevice(secret);
    const result = await postVisitChatAction({ participantId: guest.participantId, text: "pretending" });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });

    request.cookies.clear();
    const noCookie = await postVisitChatAction({ participantId: visit.patientParticipantId, text: "no cookie" });
    expect(noCookie).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await storedIn(visit.consultationId)).toBe(0);
  });

  it("staff write as their own participant row; the session decides, and a stranger is 'not found'", async () => {
    const { host, visit } = await openVisit();
    request.staff = asStaff(host);
    const result = await postStaffChatAction({
      consultationId: visit.consultationId,
      text: "Good morning",
      participantId: visit.patientParticipantId,
    } as never);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const stored = await app.db.chatMessage.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(stored.participantId).toBe(visit.hostParticipantId);
    const event = await app.db.auditEvent.findFirstOrThrow({ where: { action: "chat.message", objectId: stored.id } });
    expect(event).toMatchObject({ actorType: "USER", actorId: host.id });

    request.staff = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    const stranger = await postStaffChatAction({ consultationId: visit.consultationId, text: "let me in" });
    expect(stranger).toMatchObject({ ok: false, code: "NOT_FOUND" });

    request.staff = null;
    const signedOut = await postStaffChatAction({ consultationId: visit.consultationId, text: "anyone?" });
    expect(signedOut).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await storedIn(visit.consultationId)).toBe(1);
  });

  it("refuses empty, too long and non-string text, and stores nothing", async () => {
    const { visit, secret } = await openVisit();
    bindDevice(secret);
    const participantId = visit.patientParticipantId;
    for (const text of ["", "   \n ", "x".repeat(2001), 42, null, undefined, { toString: () => "hi" }, ["hi"]]) {
      const result = await postVisitChatAction({ participantId, text } as never);
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      if (!result.ok) expect(result.fieldErrors?.text?.length).toBeGreaterThan(0);
      // The data layer checks again on its own.
      await expectRefused(
        postChatMessage({ participantId, text: text as string }, { type: "SYSTEM" }, testRequest),
        "INVALID_INPUT",
      );
    }
    expect(await storedIn(visit.consultationId)).toBe(0);

    const longest = await postVisitChatAction({ participantId, text: `  ${"y".repeat(2000)}  ` });
    expect(longest).toMatchObject({ ok: true });
    expect(await storedIn(visit.consultationId)).toBe(1);
  });

  it("refuses people not (or no longer) let in, and visits that are not open, storing nothing", async () => {
    const actor = { type: "SYSTEM" } as const;
    const cases: {
      name: string;
      code: string;
      setup: () => Promise<{ participantId: string; consultationId: string }>;
    }[] = [
      {
        name: "removed",
        code: "INVITE_REVOKED",
        setup: async () => {
          const { visit } = await openVisit();
          await app.db.participant.update({
            where: { id: visit.patientParticipantId },
            data: { revokedAt: new Date() },
          });
          return { participantId: visit.patientParticipantId, consultationId: visit.consultationId };
        },
      },
      {
        name: "still waiting",
        code: "NOT_ADMITTED",
        setup: async () => {
          const { visit } = await openVisit({ patientAdmitted: false });
          return { participantId: visit.patientParticipantId, consultationId: visit.consultationId };
        },
      },
      {
        name: "denied",
        code: "ADMISSION_DENIED",
        setup: async () => {
          const { visit } = await openVisit();
          await app.db.participant.update({
            where: { id: visit.patientParticipantId },
            data: { admission: "DENIED", deniedAt: new Date() },
          });
          return { participantId: visit.patientParticipantId, consultationId: visit.consultationId };
        },
      },
      ...(["COMPLETED", "EXPIRED", "NO_SHOW"] as const).map((status) => ({
        name: status,
        code: "VISIT_ENDED",
        setup: async () => {
          const { visit } = await openVisit({ status });
          return { participantId: visit.hostParticipantId, consultationId: visit.consultationId };
        },
      })),
      {
        name: "cancelled",
        code: "VISIT_CANCELLED",
        setup: async () => {
          const { visit } = await openVisit({ status: "CANCELLED" });
          return { participantId: visit.patientParticipantId, consultationId: visit.consultationId };
        },
      },
      {
        name: "in progress but past its window",
        code: "VISIT_ENDED",
        setup: async () => {
          const { visit } = await openVisit({ status: "IN_PROGRESS", startsInMinutes: -300 });
          return { participantId: visit.hostParticipantId, consultationId: visit.consultationId };
        },
      },
    ];
    for (const refusal of cases) {
      const { participantId, consultationId } = await refusal.setup();
      await expect(
        postChatMessage({ participantId, text: `refused: ${refusal.name}` }, actor, testRequest),
        refusal.name,
      ).rejects.toSatisfy((error) => error instanceof AppError && error.code === refusal.code);
      expect(await storedIn(consultationId), refusal.name).toBe(0);
      expect(
        await app.db.auditEvent.count({ where: { action: "chat.message", detail: { contains: consultationId } } }),
      ).toBe(0);
    }
  });

  it("the same refusal reaches the person through the action", async () => {
    const { visit, secret } = await openVisit({ patientAdmitted: false });
    bindDevice(secret);
    const result = await postVisitChatAction({ participantId: visit.patientParticipantId, text: "hello?" });
    expect(result).toMatchObject({ ok: false, code: "NOT_ADMITTED" });
    expect(await storedIn(visit.consultationId)).toBe(0);
  });
});

describe("reading chat", () => {
  it("staff who may see the visit get it oldest first as DTOs; another clinician gets 'not found'", async () => {
    const { host, visit } = await openVisit({ patientName: "Pat Example" });
    const actor = { type: "SYSTEM" } as const;
    await postChatMessage({ participantId: visit.hostParticipantId, text: "first" }, actor, testRequest);
    await postChatMessage(
      { participantId: visit.patientParticipantId, text: "<script>second</script>" },
      actor,
      testRequest,
    );

    const messages = await listChatMessages(asStaff(host), visit.consultationId);
    expect(messages.map((m) => [m.senderName, m.senderRole, m.text])).toEqual([
      [host.displayName, "HOST", "first"],
      ["Pat Example", "PATIENT", "<script>second</script>"],
    ]);
    for (const message of messages) {
      expect(Object.keys(message).sort()).toEqual([
        "createdAt",
        "id",
        "senderName",
        "senderParticipantId",
        "senderRole",
        "text",
      ]);
      expect(typeof message.createdAt).toBe("string");
    }

    const stranger = await createStaffUser(app.db, { role: "CLINICIAN" });
    await expectRefused(listChatMessages(asStaff(stranger), visit.consultationId), "NOT_FOUND");
    const admin = await createStaffUser(app.db, { role: "ADMIN" });
    expect(await listChatMessages(asStaff(admin), visit.consultationId)).toHaveLength(2);
  });
});

describe("confirming what arrives over LiveKit", () => {
  it("shows a message only as the record has it: this visit's, from the sender LiveKit named", async () => {
    const { host, visit, secret } = await openVisit({ patientName: "Pat Example" });
    const actor = { type: "SYSTEM" } as const;
    const fromHost = await postChatMessage(
      { participantId: visit.hostParticipantId, text: "Hello" },
      actor,
      testRequest,
    );
    const other = await openVisit();
    const elsewhere = await postChatMessage(
      { participantId: other.visit.hostParticipantId, text: "another visit" },
      actor,
      testRequest,
    );

    // The patient's browser confirms the host's message: it gets the record's text, name and role.
    bindDevice(secret);
    const confirmed = await confirmVisitChatAction({
      participantId: visit.patientParticipantId,
      messageId: fromHost.id,
      senderParticipantId: visit.hostParticipantId,
    });
    expect(confirmed).toMatchObject({
      ok: true,
      data: { id: fromHost.id, text: "Hello", senderName: host.displayName, senderRole: "HOST" },
    });

    // Not on the record (sent straight into the room), from someone else than stored, or another visit's.
    for (const [messageId, senderParticipantId] of [
      ["never-stored", visit.hostParticipantId],
      [fromHost.id, visit.patientParticipantId],
      [elsewhere.id, other.visit.hostParticipantId],
    ] as const) {
      const refused = await confirmVisitChatAction({
        participantId: visit.patientParticipantId,
        messageId,
        senderParticipantId,
      });
      expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }

    // Staff confirm as their own participant in the visit; a clinician not in it gets nothing.
    request.cookies.clear();
    request.staff = asStaff(host);
    const forHost = await confirmStaffChatAction({
      consultationId: visit.consultationId,
      messageId: fromHost.id,
      senderParticipantId: visit.hostParticipantId,
    });
    expect(forHost).toMatchObject({ ok: true, data: { id: fromHost.id } });
    request.staff = asStaff(await createStaffUser(app.db, { role: "CLINICIAN" }));
    const stranger = await confirmStaffChatAction({
      consultationId: visit.consultationId,
      messageId: fromHost.id,
      senderParticipantId: visit.hostParticipantId,
    });
    expect(stranger).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("tells nothing to someone sent back to the waiting room", async () => {
    const { visit, secret } = await openVisit();
    const message = await postChatMessage(
      { participantId: visit.hostParticipantId, text: "while you wait" },
      { type: "SYSTEM" },
      testRequest,
    );
    await app.db.participant.update({ where: { id: visit.patientParticipantId }, data: { admission: "WAITING" } });
    bindDevice(secret);
    const refused = await confirmVisitChatAction({
      participantId: visit.patientParticipantId,
      messageId: message.id,
      senderParticipantId: visit.hostParticipantId,
    });
    expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(JSON.stringify(refused)).not.toContain("while you wait");
  });
});

describe("chat secrecy", () => {
  it("the text never appears in what the logger wrote, even when posting fails unexpectedly", async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    };
    // pino may write through process.stdout or straight to file descriptor 1: watch both.
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      capture(chunk);
      return true;
    });
    const writeSync = vi.spyOn(fs, "writeSync").mockImplementation(((
      fd: number,
      chunk: unknown,
      ...rest: unknown[]
    ) => {
      if (fd === 1 || fd === 2) {
        capture(chunk);
        return typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
      }
      return originalWriteSync(fd, chunk as string, ...(rest as []));
    }) as typeof fs.writeSync);
    const secretText = `my chest hurts ${generateSecretToken()}`;
    try {
      const { host, visit, secret } = await openVisit();
      bindDevice(secret);
      const participantId = visit.patientParticipantId;
      expect(await postVisitChatAction({ participantId, text: secretText })).toMatchObject({ ok: true });
      expect(await postVisitChatAction({ participantId, text: `${secretText}${"z".repeat(2000)}` })).toMatchObject({
        ok: false,
      });
      request.failAudit = true;
      const failed = await postVisitChatAction({ participantId, text: secretText });
      expect(failed).toMatchObject({ ok: false, code: "INTERNAL" });
      request.staff = asStaff(host);
      await postStaffChatAction({ consultationId: visit.consultationId, text: secretText });
      request.failAudit = false;
      await app.db.participant.update({ where: { id: participantId }, data: { revokedAt: new Date() } });
      await postVisitChatAction({ participantId, text: secretText });
    } finally {
      stdout.mockRestore();
      writeSync.mockRestore();
    }
    const logs = written.join("");
    // The unexpected failures were logged (so the capture works) ...
    expect(logs).toContain("server action failed");
    // ... and the message is nowhere in them.
    expect(logs).not.toContain(secretText);
    expect(logs).not.toContain("my chest hurts");
  });
});
