import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// The session layer is replaced: this tests the action door itself (order of checks, error mapping).
const requireStaff = vi.fn();
vi.mock("@/lib/auth/current-staff", () => ({ requireStaff: (...args: unknown[]) => requireStaff(...args) }));
vi.mock("@/lib/request-meta", () => ({ currentRequestMeta: async () => ({ ip: null, userAgent: null }) }));
vi.mock("@/lib/logger", () => ({ logger: () => ({ error: () => {} }) }));

const { staffAction } = await import("@/lib/actions/safe-action");

const handler = vi.fn(async (input: { name: string }) => `hello ${input.name}`);
const action = staffAction(
  "test",
  { permission: "consultation:manage", schema: z.object({ name: z.string().min(1, "Enter a name") }) },
  handler,
);

describe("staff actions", () => {
  beforeEach(() => {
    handler.mockClear();
    requireStaff.mockReset();
  });

  it("refuses a caller without a session before looking at the input", async () => {
    requireStaff.mockRejectedValue(new AppError("UNAUTHENTICATED"));
    expect(await action({ name: "" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("checks the permission the action names", async () => {
    requireStaff.mockResolvedValue({ id: "u1", role: "CLINICIAN" });
    await action({ name: "Ada" });
    expect(requireStaff).toHaveBeenCalledWith("consultation:manage");
  });

  it("turns invalid input into field errors and never runs the handler", async () => {
    requireStaff.mockResolvedValue({ id: "u1", role: "CLINICIAN" });
    const result = await action({ name: "" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: ["Enter a name"] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("hides unexpected errors behind a reference", async () => {
    requireStaff.mockResolvedValue({ id: "u1", role: "CLINICIAN" });
    handler.mockRejectedValueOnce(new Error("SQLITE_BUSY: secret detail"));
    const result = await action({ name: "Ada" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("INTERNAL");
      expect(result.message).not.toContain("SQLITE");
      expect(result.message).toContain(result.errorId);
    }
  });
});
