import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs. They carry ids and codes only: any field that could
 * hold a name, an email, a date of birth, chat text, a password or a token is
 * censored here as a last line of defence, wherever it is nested.
 */
export const REDACTED_KEYS = [
  "name",
  "displayName",
  "email",
  "phone",
  "dateOfBirth",
  "dob",
  "password",
  "passwordHash",
  "token",
  "jwt",
  "secret",
  "authorization",
  "cookie",
  "chat",
  "text",
  "reason",
] as const;

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "openconsult" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= createLogger(env().LOG_LEVEL);
  return instance;
}
