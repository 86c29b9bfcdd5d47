import "server-only";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { resolveStaffSession, type Staff } from "@/lib/auth/staff-session";
import { AppError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";

/** The signed-in member of staff for this request, or null (checked against the database). */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  return resolveStaffSession(session.sid);
});

/** For actions and route handlers: throws AppError UNAUTHENTICATED / FORBIDDEN. */
export async function requireStaff(permission?: Permission): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) throw new AppError("UNAUTHENTICATED");
  if (permission && !can(staff.role, permission)) throw new AppError("FORBIDDEN");
  return staff;
}

/** For pages: sends a signed-out visitor to sign-in, and answers "not found" to a role without access. */
export async function requireStaffPage(permission?: Permission, returnTo?: string): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  if (permission && !can(staff.role, permission)) notFound();
  return staff;
}
