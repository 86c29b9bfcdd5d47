import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readPageFilter } from "./page-filter";

const schema = z.object({ from: z.iso.date("Use a date like 2026-12-31").optional(), status: z.string().optional() });

describe("readPageFilter", () => {
  it("keeps filled-in single values and parses them", () => {
    const result = readPageFilter({ from: "2026-12-01", status: "", tag: ["a", "b"] }, schema);
    expect(result).toEqual({ raw: { from: "2026-12-01" }, filter: { from: "2026-12-01" }, problems: null });
  });

  it("narrows nothing when a field is invalid, and says what was wrong", () => {
    const result = readPageFilter({ from: "yesterday", status: "READY" }, schema);
    expect(result.filter).toEqual({});
    expect(result.raw).toEqual({ from: "yesterday", status: "READY" });
    expect(result.problems).toEqual(["Use a date like 2026-12-31"]);
  });
});
