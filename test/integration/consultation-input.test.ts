// Bad input to the scheduling and participant actions: clear field errors, and nothing stored.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { invalidInput } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { addParticipant } from "@/lib/server/consultations/add-participant";
import { scheduleConsultation } from "@/lib/server/consultations/schedule-consultation";
import {
  addParticipantSchema,
  cancelConsultationSchema,
  MAX_PARTICIPANTS,
  rescheduleConsultationSchema,
  scheduleConsultationSchema,
} from "@/lib/validations/consultation";
import { createConsultation, createStaffUser } from "@/prisma/seed";
import { type AppEnvironment, asStaff, setUpAppEnvironment, testRequest } from "../support/app-environment";

let app: AppEnvironment;

beforeAll(() => {
  app = setUpAppEnvironment({ LOG_LEVEL: "trace" });
});

afterAll(async () => {
  await app.close();
});

function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected invalid input");
  return invalidInput(parsed.error).fieldErrors ?? {};
}

function tomorrow() {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

const validSchedule = () => ({
  newPatient: { fullName: "Ada Example", email: "ada@example.test" },
  reason: "Check-up",
  date: tomorrow(),
  time: "10:00",
  timeZone: "Europe/Berlin",
  durationMinutes: 20,
});

async function counts() {
  return {
    consultations: await app.db.consultation.count(),
    patients: await app.db.patient.count(),
    participants: await app.db.participant.count(),
  };
}

describe("scheduling input", () => {
  it("empty input names every missing field", () => {
    const errors = fieldErrors(scheduleConsultationSchema, {});
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(["reason", "date", "time", "timeZone", "durationMinutes"]),
    );
  });

  it("too long, wrong types and unknown zones are refused with sentences", () => {
    const errors = fieldErrors(scheduleConsultationSchema, {
      ...validSchedule(),
      reason: "x".repeat(501),
      durationMinutes: "forty",
      timeZone: "Mars/Base",
      time: "25:00",
    });
    expect(errors.reason?.[0]).toMatch(/under 500/);
    expect(errors.durationMinutes?.[0]).toMatch(/minutes/);
    expect(errors.timeZone?.[0]).toMatch(/real time zone/);
    expect(errors.time?.[0]).toMatch(/HH:MM/);
    expect(
      fieldErrors(scheduleConsultationSchema, { ...validSchedule(), newPatient: { fullName: "" } }),
    ).toHaveProperty(["newPatient.fullName"]);
  });

  it("a start in the past is refused and nothing is stored", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const before = await counts();
    const input = scheduleConsultationSchema.parse({ ...validSchedule(), date: "2020-05-01" });
    await expect(scheduleConsultation(asStaff(host), input, testRequest)).rejects.toSatisfy(
      (error) => error instanceof AppError && Boolean(error.fieldErrors?.date),
    );
    expect(await counts()).toEqual(before);
  });

  it("an unknown patient id is refused and nothing is stored", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const before = await counts();
    const { newPatient: _unused, ...rest } = validSchedule();
    const input = scheduleConsultationSchema.parse({ ...rest, patientId: "no-such-patient" });
    await expect(scheduleConsultation(asStaff(host), input, testRequest)).rejects.toSatisfy(
      (error) => error instanceof AppError && Boolean(error.fieldErrors?.patientId),
    );
    expect(await counts()).toEqual(before);
  });

  it("reschedule and cancel refuse empty input", () => {
    expect(Object.keys(fieldErrors(rescheduleConsultationSchema, {}))).toEqual(
      expect.arrayContaining(["consultationId", "date", "time", "timeZone", "durationMinutes"]),
    );
    expect(fieldErrors(cancelConsultationSchema, { consultationId: "c1", reason: " " }).reason).toBeDefined();
  });
});

describe("participants", () => {
  it("a 26th participant is refused and not stored", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
    for (let i = 0; i < MAX_PARTICIPANTS - 2; i++) {
      await addParticipant(
        asStaff(host),
        addParticipantSchema.parse({ consultationId: visit.consultationId, role: "GUEST", displayName: `Guest ${i}` }),
        testRequest,
      );
    }
    expect(await app.db.participant.count({ where: { consultationId: visit.consultationId } })).toBe(MAX_PARTICIPANTS);
    const twentySixth = addParticipantSchema.parse({
      consultationId: visit.consultationId,
      role: "OBSERVER",
      displayName: "One too many",
    });
    await expect(addParticipant(asStaff(host), twentySixth, testRequest)).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "VISIT_FULL",
    );
    expect(await app.db.participant.count({ where: { consultationId: visit.consultationId } })).toBe(MAX_PARTICIPANTS);
  });

  it("bad participant input names the fields", () => {
    const errors = fieldErrors(addParticipantSchema, {
      consultationId: "c1",
      role: "ADMIN",
      displayName: "",
      email: "not-an-email",
    });
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(["role", "displayName", "email"]));
  });

  it("another clinician's visit is 'not found', and nothing is added", async () => {
    const host = await createStaffUser(app.db, { role: "CLINICIAN" });
    const stranger = await createStaffUser(app.db, { role: "CLINICIAN" });
    const visit = await createConsultation(app.db, { hostId: host.id, hostName: host.displayName });
    const input = addParticipantSchema.parse({
      consultationId: visit.consultationId,
      role: "GUEST",
      displayName: "Eve",
    });
    await expect(addParticipant(asStaff(stranger), input, testRequest)).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "NOT_FOUND",
    );
    expect(await app.db.participant.count({ where: { consultationId: visit.consultationId } })).toBe(2);
  });
});

describe("invite secrecy", () => {
  it("after 100 invites, no raw token is in the database file or the logs", async () => {
    const output: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    const tokens: string[] = [];
    try {
      const host = await createStaffUser(app.db, { role: "CLINICIAN" });
      for (let i = 0; i < 50; i++) {
        const scheduled = await scheduleConsultation(
          asStaff(host),
          scheduleConsultationSchema.parse({ ...validSchedule(), newPatient: { fullName: `Patient ${i}` } }),
          testRequest,
        );
        tokens.push(scheduled.link.split("/join/")[1] ?? "");
        const added = await addParticipant(
          asStaff(host),
          addParticipantSchema.parse({ consultationId: scheduled.consultationId, role: "GUEST", displayName: `G${i}` }),
          testRequest,
        );
        tokens.push(added.link.split("/join/")[1] ?? "");
      }
    } finally {
      spy.mockRestore();
    }
    expect(tokens).toHaveLength(100);
    expect(tokens.every((token) => token.length === 43)).toBe(true);

    const dbFile = app.databaseUrl.slice("file:".length);
    const files = [dbFile, `${dbFile}-wal`, `${dbFile}-journal`].filter((file) => fs.existsSync(file));
    const stored = files.map((file) => fs.readFileSync(file).toString("latin1")).join("");
    const logs = output.join("");
    for (const token of tokens) {
      expect(stored.includes(token)).toBe(false);
      expect(logs.includes(token)).toBe(false);
    }
    expect(path.basename(dbFile)).toBe("app.db");
  });
});
