import type { ErrorCode } from "@/lib/errors";

/** What every server action returns to the browser: data, or a message a person can act on. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]>; errorId?: string };
