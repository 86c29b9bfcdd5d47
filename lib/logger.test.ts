import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe("logger", () => {
  it("censors names, emails, tokens and chat text wherever they are nested", () => {
    const { lines, stream } = capture();
    createLogger("info", stream).info(
      {
        participantId: "p_123",
        email: "jane@example.com",
        patient: { name: "Jane Doe", dateOfBirth: "1980-01-01" },
        request: { headers: { authorization: "Bearer abc.def" } },
        invite: { token: "raw-invite-token" },
        chat: "my chest hurts",
      },
      "participant joined",
    );
    const line = lines.join("");
    for (const secret of ["jane@example.com", "Jane Doe", "1980-01-01", "abc.def", "raw-invite-token", "my chest"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("p_123");
    expect(line).toContain("participant joined");
  });
});
