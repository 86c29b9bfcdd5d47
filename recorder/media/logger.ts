/** The logging the recorder does: pino-shaped, ids and numbers only (never names or other PHI). */
export type RecorderLogger = {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
};

export const silentLogger: RecorderLogger = { info() {}, warn() {}, error() {} };

/** An error's message for a log line, without its stack. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
