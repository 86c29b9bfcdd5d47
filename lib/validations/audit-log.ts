import { z } from "zod";

/** The families of audit actions (the part before the dot), for the audit log's filter. */
export const AUDIT_CATEGORIES = [
  "auth",
  "consultation",
  "participant",
  "invite",
  "livekit",
  "chat",
  "recording",
  "media_check",
] as const;

const dateOnly = z.iso.date("Use a date like 2026-12-31");

/** The audit log page's filter (query string; dates in the viewer's zone); empty fields mean "any". */
export const auditLogFilterSchema = z.object({
  from: dateOnly.optional(),
  /** Inclusive: the whole day. */
  to: dateOnly.optional(),
  category: z.enum(AUDIT_CATEGORIES).optional(),
  /** Everything done by, or to, this id (a user, participant, consultation, recording…). */
  subject: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "An id has letters, digits, - and _ only")
    .optional(),
  /** The next page: events older than this event. */
  before: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export type AuditLogFilter = z.infer<typeof auditLogFilterSchema>;
