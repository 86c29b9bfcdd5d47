import { z } from "zod";
import { RECORDING_STATES } from "@/lib/recording/recording-state";

const id = z.string().min(1).max(64);

export const consentAnswerSchema = z.object({
  recordingId: id,
  decision: z.enum(["GRANTED", "DECLINED"], { error: "Answer yes or no" }),
  textVersion: z.string().min(1).max(32),
});

export const staffConsentAnswerSchema = consentAnswerSchema.extend({ consultationId: id });
export const visitConsentAnswerSchema = consentAnswerSchema.extend({ participantId: id });

export const staffWithdrawSchema = z.object({ consultationId: id, recordingId: id });
export const visitWithdrawSchema = z.object({ participantId: id, recordingId: id });
export const recordingIdSchema = z.object({ recordingId: id });

const dateOnly = z.iso.date("Use a date like 2026-12-31");

/** The recordings page's filter (query string, dates in the viewer's zone); empty fields mean "any". */
export const recordingFilterSchema = z.object({
  from: dateOnly.optional(),
  /** Inclusive: the whole day. */
  to: dateOnly.optional(),
  clinicianId: z.string().min(1).max(64).optional(),
  status: z.enum(RECORDING_STATES).optional(),
});

export type RecordingFilter = z.infer<typeof recordingFilterSchema>;

/** A playback id (random, from the player page) in the media URL's query. */
export const playbackQuerySchema = z.object({ playback: z.string().regex(/^[A-Za-z0-9]{32}$/) });
