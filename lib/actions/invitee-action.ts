import "server-only";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { invalidInput, toActionFailure } from "@/lib/actions/safe-action";
import { currentRequestMeta } from "@/lib/request-meta";

/**
 * The door for actions of people who join by link (no account): validate the
 * input, then run; the handler resolves the invitee from the bound device
 * cookie, never from what the browser claims.
 */
export function inviteeAction<Schema extends z.ZodType, Result>(
  name: string,
  schema: Schema,
  handler: (input: z.infer<Schema>, request: Awaited<ReturnType<typeof currentRequestMeta>>) => Promise<Result>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (rawInput) => {
    try {
      const parsed = schema.safeParse(rawInput);
      if (!parsed.success) throw invalidInput(parsed.error);
      return { ok: true, data: await handler(parsed.data, await currentRequestMeta()) };
    } catch (error) {
      return toActionFailure(error, name);
    }
  };
}
