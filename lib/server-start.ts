import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { ConfigError, env } from "@/lib/env";
import { startRecordingWatchdog } from "@/lib/server/recordings/recording-watchdog";
import { startSweeper } from "@/lib/server/sweeper/start-sweeper";

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
  // Next's own signal, not a setting: `next build` never calls register() (Next checks this too),
  // but a build must never sweep a database or a LiveKit server, so check again.
  if (process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) {
    startSweeper();
    startRecordingWatchdog();
  }
}
