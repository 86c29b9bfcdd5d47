import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

const valid = {
  AUTH_SECRET: "a".repeat(40),
  LIVEKIT_URL: "ws://127.0.0.1:7880",
  LIVEKIT_API_KEY: "APIkey",
  LIVEKIT_API_SECRET: "s".repeat(40),
};

function errorOf(settings: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(settings);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("settings", () => {
  it("accepts the minimal settings and fills in defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.LIVEKIT_PUBLIC_URL).toBe(valid.LIVEKIT_URL);
    expect(env.DATABASE_URL).toMatch(/^file:.*openconsult\.db$/);
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
    expect(env.DEMO_MODE).toBe(false);
  });

  it("names a LiveKit secret shorter than 32 characters", () => {
    const error = errorOf({ ...valid, LIVEKIT_API_SECRET: "s".repeat(31) });
    expect(error.message).toMatch(/^LIVEKIT_API_SECRET must be at least 32 characters/);
  });

  it("names a missing auth secret", () => {
    expect(errorOf({ ...valid, AUTH_SECRET: undefined }).issues.map((i) => i.setting)).toEqual(["AUTH_SECRET"]);
  });

  it("refuses a database it cannot use", () => {
    expect(errorOf({ ...valid, DATABASE_URL: "postgres://x/y" }).message).toContain("DATABASE_URL");
  });

  it("refuses a malformed LiveKit URL and a bad port", () => {
    const error = errorOf({ ...valid, LIVEKIT_URL: "localhost:7880", PORT: "70000" });
    expect(error.issues.map((i) => i.setting).sort()).toEqual(["LIVEKIT_URL", "PORT"]);
  });

  it("will not stretch staff sessions past the health-data limits", () => {
    expect(errorOf({ ...valid, SESSION_IDLE_MINUTES: "31" }).message).toContain("SESSION_IDLE_MINUTES");
    expect(errorOf({ ...valid, SESSION_MAX_HOURS: "13" }).message).toContain("SESSION_MAX_HOURS");
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ ...valid, PORT: "" }).PORT).toBe(3000);
  });
});
