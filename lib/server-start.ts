import { ConfigError, env } from "@/lib/env";

/** A bad setting stops the server here, naming the setting, instead of failing on the first request. */
export function onServerStart(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`OpenConsult cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
