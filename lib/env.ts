import path from "node:path";
import { z } from "zod";

/**
 * Every setting OpenConsult reads, validated once. Nothing else reads
 * process.env (next-auth reads NEXTAUTH_URL itself; scripts/start.mjs sets it
 * from APP_URL). A bad setting stops the start with a message naming it.
 */

const secret = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(32, `${name} must be at least 32 characters (generate one with: openssl rand -base64 48)`);

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`)
    .default(fallback);

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const databaseUrl = z
  .string()
  .refine((value) => /^file:.+/.test(value) || /^libsql:\/\/.+/.test(value) || /^https?:\/\/.+/.test(value), {
    message:
      "DATABASE_URL must be a SQLite file (file:./.data/openconsult.db) or a libsql URL (libsql://…); other databases are not supported yet",
  });

const liveKitUrl = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .url(`${name} must be a URL such as ws://127.0.0.1:7880 or wss://example.livekit.cloud`)
    .refine((value) => /^(wss?|https?):\/\//.test(value), `${name} must start with ws://, wss://, http:// or https://`);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port("PORT", 3000),
  HOSTNAME: z.string().min(1).default("127.0.0.1"),
  APP_URL: z.string().url("APP_URL must be the URL people open, such as http://localhost:3000").optional(),
  DATABASE_URL: databaseUrl.default(`file:${path.join(process.cwd(), ".data", "openconsult.db")}`),
  AUTH_SECRET: secret("AUTH_SECRET"),
  LIVEKIT_URL: liveKitUrl("LIVEKIT_URL"),
  LIVEKIT_PUBLIC_URL: liveKitUrl("LIVEKIT_PUBLIC_URL").optional(),
  LIVEKIT_API_KEY: z.string({ error: "LIVEKIT_API_KEY is required" }).min(3, "LIVEKIT_API_KEY is too short"),
  LIVEKIT_API_SECRET: secret("LIVEKIT_API_SECRET"),
  DEMO_MODE: booleanFlag.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(30, "SESSION_IDLE_MINUTES may be at most 30 (a health-data rule)")
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(12, "SESSION_MAX_HOURS may be at most 12 (a health-data rule)")
    .default(12),
  TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "SMTP_URL must look like smtp://user:password@mail.example:587 or smtps://…")
    .optional(),
  MAIL_FROM: z.string().min(3).default("OpenConsult <no-reply@openconsult.invalid>"),
  JOIN_LINK_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(1, "JOIN_LINK_RATE_LIMIT must be at least 1")
    .max(10_000)
    .default(60),
  /** Test builds only: puts the LiveKit Room on window so e2e tests can simulate network faults. */
  E2E_EXPOSE_ROOM: booleanFlag.default(false),
  SWEEP_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(60, "SWEEP_INTERVAL_SECONDS may be at most 60")
    .default(30),
  /** Where recordings are kept (local disk storage); random file names, never PHI. */
  RECORDINGS_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), ".data", "recordings")),
  RECORDING_RETENTION_DAYS: z.coerce
    .number({ error: "RECORDING_RETENTION_DAYS must be a number of days" })
    .int("RECORDING_RETENTION_DAYS must be a whole number of days")
    .min(1, "RECORDING_RETENTION_DAYS must be at least 1")
    .max(3650, "RECORDING_RETENTION_DAYS may be at most 3650")
    .default(30),
  FFMPEG_PATH: z.string().min(1).default("ffmpeg"),
  FFPROBE_PATH: z.string().min(1).default("ffprobe"),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; LIVEKIT_PUBLIC_URL: string };

export class ConfigError extends Error {
  constructor(readonly issues: { setting: string; message: string }[]) {
    super(issues.map((i) => (i.message.startsWith(i.setting) ? i.message : `${i.setting}: ${i.message}`)).join("; "));
    this.name = "ConfigError";
  }
}

/** Parses a settings object; throws ConfigError naming each bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", so `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        setting: issue.path.join(".") || "(settings)",
        message: issue.message,
      })),
    );
  }
  const data = result.data;
  return {
    ...data,
    APP_URL: data.APP_URL ?? `http://localhost:${data.PORT}`,
    LIVEKIT_PUBLIC_URL: data.LIVEKIT_PUBLIC_URL ?? data.LIVEKIT_URL,
  };
}

let cached: Env | undefined;

/** The validated settings of this process (parsed on first use, then cached). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
