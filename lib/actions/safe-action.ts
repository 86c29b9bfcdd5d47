import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { requireStaff } from "@/lib/auth/current-staff";
import type { Staff } from "@/lib/auth/staff-session";
import { AppError, ERRORS, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { Permission } from "@/lib/permissions";
import { currentRequestMeta, type RequestMeta } from "@/lib/request-meta";

export type StaffActionContext = { staff: Staff; request: RequestMeta };

export function toActionFailure(error: unknown, action: string): ActionResult<never> {
  if (isAppError(error)) {
    return { ok: false, code: error.code, message: error.userMessage, fieldErrors: error.fieldErrors };
  }
  const errorId = randomUUID();
  logger().error({ err: error, errorId, action }, "server action failed");
  return { ok: false, code: "INTERNAL", message: `${ERRORS.INTERNAL.message} (reference ${errorId})`, errorId };
}

export function invalidInput(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  return new AppError("INVALID_INPUT", undefined, fieldErrors);
}

/**
 * The one door for staff mutations: resolve the caller from the session (never
 * from input), check the permission, validate the input, then run. Each
 * handler still scopes its queries to what the caller may touch.
 */
export function staffAction<Schema extends z.ZodType, Result>(
  name: string,
  options: { permission: Permission; schema: Schema },
  handler: (input: z.infer<Schema>, context: StaffActionContext) => Promise<Result>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (rawInput) => {
    try {
      const staff = await requireStaff(options.permission);
      const parsed = options.schema.safeParse(rawInput);
      if (!parsed.success) throw invalidInput(parsed.error);
      const request = await currentRequestMeta();
      return { ok: true, data: await handler(parsed.data, { staff, request }) };
    } catch (error) {
      return toActionFailure(error, name);
    }
  };
}
