import type { z } from "zod";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A list page's filter from its query string: the filled-in single values (to put back in the
 * form), the parsed filter (empty when any field is invalid: a bad filter narrows nothing), and
 * what was wrong.
 */
export function readPageFilter<Schema extends z.ZodType<object>>(searchParams: SearchParams, schema: Schema) {
  const raw = Object.fromEntries(
    Object.entries(searchParams).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );
  const parsed = schema.safeParse(raw);
  return {
    raw,
    filter: (parsed.success ? parsed.data : {}) as Partial<z.infer<Schema>>,
    problems: parsed.success ? null : parsed.error.issues.map((issue) => issue.message),
  };
}
