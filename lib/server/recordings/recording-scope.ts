import "server-only";
import type { Staff } from "@/lib/auth/staff-session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/permissions";

/**
 * Which recordings a member of staff may watch: every one for an
 * administrator; for a clinician, those of the visits they hosted. Used inside
 * every query, so anyone else's recording is simply "not found".
 */
export function watchableBy(staff: Staff): Prisma.RecordingWhereInput {
  if (!can(staff.role, "recording:watch")) return { id: { in: [] } };
  if (can(staff.role, "recording:watch-any")) return {};
  return { consultation: { hostId: staff.id } };
}
