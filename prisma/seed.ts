import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient, StaffRole } from "@/lib/generated/prisma/client";

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
