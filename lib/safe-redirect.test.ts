import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/safe-redirect";

describe("return paths after sign-in", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/media-check")).toBe("/media-check");
  });

  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", ""])(
    "refuses %s",
    (candidate) => {
      expect(safeReturnPath(candidate)).toBe("/dashboard");
    },
  );
});
