/**
 * Roles become permissions here and nowhere else. Pages, actions and routes
 * ask `can(role, permission)` or `assertCan(...)`; no `role === "ADMIN"`
 * checks elsewhere.
 */
import { AppError } from "@/lib/errors";

export type StaffRole = "ADMIN" | "CLINICIAN";

const PERMISSIONS = {
  "staff-home:view": ["ADMIN", "CLINICIAN"],
  "media-check:run": ["ADMIN", "CLINICIAN"],
  "media-check:watch-any": ["ADMIN"],
  "consultation:schedule": ["CLINICIAN"],
  // Change, invite to and join consultations; which ones is scoped in each query (own, or all for admins).
  "consultation:manage": ["ADMIN", "CLINICIAN"],
  // Read every consultation, and cancel or end any of them (clinicians: only their own).
  "consultation:oversee": ["ADMIN"],
  "patient:search": ["ADMIN", "CLINICIAN"],
  "staff:manage": ["ADMIN"],
  "audit-log:read": ["ADMIN"],
  // Request and stop recording in a visit they manage.
  "recording:request": ["ADMIN", "CLINICIAN"],
  // Watch recordings: clinicians their own visits' (scoped in each query), administrators all.
  "recording:watch": ["ADMIN", "CLINICIAN"],
  "recording:watch-any": ["ADMIN"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export function assertCan(role: StaffRole, permission: Permission): void {
  if (!can(role, permission)) throw new AppError("FORBIDDEN");
}
