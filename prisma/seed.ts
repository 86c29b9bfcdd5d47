import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient, StaffRole } from "@/lib/generated/prisma/client";
import { generateSecretToken, hashSecretToken } from "@/lib/invites/invite-token";

/**
 * Factories for staff accounts (the tests use them too) and the demo data that
 * `npm start` creates on a new database in demo mode.
 */
export type StaffInput = {
  role: StaffRole;
  email?: string;
  displayName?: string;
  password?: string;
  disabled?: boolean;
};

export async function createStaffUser(db: PrismaClient, input: StaffInput) {
  const password = input.password ?? randomBytes(12).toString("base64url");
  const suffix = randomBytes(6).toString("hex");
  const user = await db.user.create({
    data: {
      role: input.role,
      email: (input.email ?? `${input.role.toLowerCase()}-${suffix}@openconsult.test`).toLowerCase(),
      displayName: input.displayName ?? (input.role === "ADMIN" ? `Admin ${suffix}` : `Dr ${suffix}`),
      passwordHash: await hashPassword(password),
      disabledAt: input.disabled ? new Date() : null,
    },
    select: { id: true, email: true, displayName: true, role: true },
  });
  return { ...user, password };
}

export type DemoCredentials = { role: StaffRole; email: string; password: string }[];

/**
 * Creates a demo admin and clinician only when the database has no staff yet.
 * Their passwords are random, stored hashed, and written (for `npm start` to
 * print) to a git-ignored file readable only by this user.
 */
export async function seedDemo(db: PrismaClient, credentialsFile: string): Promise<{ created: boolean }> {
  if ((await db.user.count()) > 0) return { created: false };
  const admin = await createStaffUser(db, {
    role: "ADMIN",
    email: "admin@openconsult.test",
    displayName: "Alex Admin (demo)",
  });
  const clinician = await createStaffUser(db, {
    role: "CLINICIAN",
    email: "clinician@openconsult.test",
    displayName: "Dr Casey Clinician (demo)",
  });
  const credentials: DemoCredentials = [admin, clinician].map(({ role, email, password }) => ({
    role,
    email,
    password,
  }));
  fs.mkdirSync(path.dirname(credentialsFile), { recursive: true });
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return { created: true };
}

export function readDemoCredentials(credentialsFile: string): DemoCredentials | null {
  try {
    return JSON.parse(fs.readFileSync(credentialsFile, "utf8")) as DemoCredentials;
  } catch {
    return null;
  }
}

export type ConsultationFactoryInput = {
  hostId: string;
  hostName: string;
  /** Minutes from now to the scheduled start (negative: in the past). */
  startsInMinutes?: number;
  durationMinutes?: number;
  status?: "SCHEDULED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW" | "EXPIRED";
  timeZone?: string;
  patientName?: string;
  /** Let the patient in already (as if the host had admitted them from the waiting room). */
  patientAdmitted?: boolean;
};

/**
 * A consultation with its host and patient participants, for tests. Returns
 * the patient's raw invite token (the database keeps only its hash).
 */
export async function createConsultation(db: PrismaClient, input: ConsultationFactoryInput) {
  const token = generateSecretToken();
  const suffix = randomBytes(6).toString("hex");
  const start = new Date(Date.now() + (input.startsInMinutes ?? 5) * 60_000);
  const consultation = await db.consultation.create({
    data: {
      host: { connect: { id: input.hostId } },
      patient: {
        create: {
          fullName: input.patientName ?? `Patient ${suffix}`,
          email: `patient-${suffix}@example.test`,
          createdById: input.hostId,
        },
      },
      reason: "Follow-up",
      scheduledStart: start,
      durationMinutes: input.durationMinutes ?? 30,
      timeZone: input.timeZone ?? "UTC",
      status: input.status ?? "SCHEDULED",
      roomName: `v-test${suffix}${randomBytes(6).toString("hex")}`,
      participants: {
        create: [
          { role: "HOST", displayName: input.hostName, userId: input.hostId, admission: "ADMITTED" },
          {
            role: "PATIENT",
            displayName: input.patientName ?? `Patient ${suffix}`,
            inviteTokenHash: hashSecretToken(token),
            admission: input.patientAdmitted ? "ADMITTED" : "WAITING",
          },
        ],
      },
    },
    select: { id: true, roomName: true, participants: { select: { id: true, role: true } } },
  });
  const patientParticipant = consultation.participants.find((p) => p.role === "PATIENT");
  const hostParticipant = consultation.participants.find((p) => p.role === "HOST");
  if (!patientParticipant || !hostParticipant) throw new Error("factory: participants missing");
  return {
    consultationId: consultation.id,
    roomName: consultation.roomName,
    patientParticipantId: patientParticipant.id,
    hostParticipantId: hostParticipant.id,
    patientToken: token,
  };
}

/** Adds an invited participant with a known raw token, for tests. */
export async function addInvitedParticipant(
  db: PrismaClient,
  consultationId: string,
  role: "GUEST" | "OBSERVER" | "CLINICIAN",
  displayName = `Guest ${randomBytes(4).toString("hex")}`,
  admitted = false,
) {
  const token = generateSecretToken();
  const participant = await db.participant.create({
    data: {
      consultationId,
      role,
      displayName,
      inviteTokenHash: hashSecretToken(token),
      admission: admitted ? "ADMITTED" : "WAITING",
    },
    select: { id: true },
  });
  return { participantId: participant.id, token };
}
