/**
 * The one error type of OpenConsult. Each code maps to an HTTP status and to a
 * sentence a person can act on. Unknown errors become INTERNAL, with the
 * details kept in the log under an id the person can quote.
 */
export const ERRORS = {
  UNAUTHENTICATED: { status: 401, message: "Please sign in to continue." },
  FORBIDDEN: { status: 403, message: "You do not have permission to do that." },
  NOT_FOUND: { status: 404, message: "We could not find that. It may have been removed, or the link is wrong." },
  INVALID_INPUT: { status: 400, message: "Some of the information is not valid. Please check the highlighted fields." },
  RATE_LIMITED: { status: 429, message: "Too many attempts. Please wait a few minutes and try again." },
  VISIT_TOO_EARLY: { status: 409, message: "This visit is not open yet. Please come back closer to the start time." },
  VISIT_ENDED: { status: 410, message: "This visit has ended. Contact your clinic if you need another appointment." },
  VISIT_CANCELLED: { status: 410, message: "This visit was cancelled. Contact your clinic to arrange a new time." },
  VISIT_FULL: { status: 409, message: "This visit already has the maximum of 25 people." },
  INVITE_REVOKED: { status: 410, message: "This invitation is no longer valid. Contact your clinic for a new link." },
  INVITE_IN_USE: {
    status: 409,
    message: "This link is already in use on another device. Contact your clinic so they can reset it.",
  },
  NOT_ADMITTED: { status: 409, message: "You are in the waiting room. Your clinician will let you in shortly." },
  ADMISSION_DENIED: {
    status: 403,
    message: "Your clinician did not admit you to this visit. Contact your clinic if you think this is a mistake.",
  },
  RECORDING_CONSENT_REQUIRED: {
    status: 409,
    message: "This visit is being recorded. Please answer the recording question before you join.",
  },
  RECORDING_CONSENT_INCOMPLETE: {
    status: 409,
    message: "Recording can only start when everyone in the visit has agreed to it.",
  },
  RECORDING_ALREADY_ACTIVE: { status: 409, message: "A recording of this visit is already under way." },
  RECORDING_NOT_ACTIVE: { status: 409, message: "This recording is no longer running." },
  CONSENT_TEXT_CHANGED: {
    status: 409,
    message: "The recording question has changed. Please read it again and answer.",
  },
  RECORDING_DELETED: { status: 410, message: "This recording was deleted at the end of its retention period." },
  RECORDING_INTEGRITY: {
    status: 500,
    message: "This recording failed its integrity check and cannot be played. Please tell your administrator.",
  },
  LIVEKIT_UNAVAILABLE: {
    status: 503,
    message: "The video service is not reachable right now. Please try again in a minute.",
  },
  INTERNAL: { status: 500, message: "Something went wrong on our side. Please try again." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string = ERRORS[code].message,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code);
    this.name = "AppError";
    this.status = ERRORS[code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
