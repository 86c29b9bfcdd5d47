import { z } from "zod";
import { isValidTimeZone } from "@/lib/consultations/local-time";

/** At most this many interactive participants in one visit (the hidden recorder does not count). */
export const MAX_PARTICIPANTS = 25;

const id = z.string().trim().min(1, "Missing id").max(64, "That id is not valid");

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date");

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM (24-hour)");

const timeZone = z.string().min(1, "Choose a time zone").max(64).refine(isValidTimeZone, "Choose a real time zone");

const durationMinutes = z.coerce
  .number({ error: "Enter the length in minutes" })
  .int("Enter whole minutes")
  .min(5, "A visit lasts at least 5 minutes")
  .max(240, "A visit lasts at most 4 hours");

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .optional()
    .transform((value) => (value ? value : undefined));

export const newPatientSchema = z.object({
  fullName: z.string().trim().min(1, "Enter the patient's name").max(200, "The name is too long"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "The email address is too long")
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.email("Enter a valid email address").optional()),
  phone: optionalText(40, "The phone number"),
  dateOfBirth: localDate.optional().or(z.literal("").transform(() => undefined)),
});

export const scheduleConsultationSchema = z
  .object({
    patientId: id.optional(),
    newPatient: newPatientSchema.optional(),
    reason: z.string().trim().min(1, "Enter the reason for the visit").max(500, "Keep the reason under 500 characters"),
    date: localDate,
    time: localTime,
    timeZone,
    durationMinutes,
    /** Email the patient's link (with a calendar invite) to their address. */
    emailInvite: z.boolean().default(false),
  })
  .refine((input) => Boolean(input.patientId) !== Boolean(input.newPatient), {
    message: "Choose an existing patient or enter a new one",
    path: ["patientId"],
  });

export const rescheduleConsultationSchema = z.object({
  consultationId: id,
  date: localDate,
  time: localTime,
  timeZone,
  durationMinutes,
});

export const cancelConsultationSchema = z.object({
  consultationId: id,
  reason: z.string().trim().min(1, "Say why the visit is cancelled").max(500, "Keep it under 500 characters"),
});

export const consultationIdSchema = z.object({ consultationId: id });

export const addParticipantSchema = z.object({
  consultationId: id,
  role: z.enum(["GUEST", "OBSERVER", "CLINICIAN"], { error: "Choose guest, observer or clinician" }),
  displayName: z.string().trim().min(1, "Enter the person's name").max(100, "The name is too long"),
  relationship: optionalText(60, "The relationship"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "The email address is too long")
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.email("Enter a valid email address").optional()),
});

export const participantIdSchema = z.object({ participantId: id });

export const searchPatientsSchema = z.object({ query: z.string().trim().min(2).max(100) });

export type ScheduleConsultationInput = z.infer<typeof scheduleConsultationSchema>;
export type AddParticipantInput = z.infer<typeof addParticipantSchema>;
