import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sweepOnce } from "./sweep";

// On globalThis so a module reload (next dev) does not start a second timer.
const globalForSweeper = globalThis as unknown as { openConsultSweeper?: NodeJS.Timeout };

/**
 * Runs the sweep every SWEEP_INTERVAL_SECONDS in this process. A pass never
 * overlaps the previous one, and a failing pass is logged, not thrown. Calling
 * it again does nothing. The timer does not keep the process alive.
 */
export function startSweeper(): void {
  if (globalForSweeper.openConsultSweeper) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await sweepOnce();
      if (result.lapsed > 0 || result.roomsDeleted > 0 || result.recordingsDeleted > 0) logger().info(result, "sweep");
    } catch (error) {
      logger().error({ err: error }, "sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), env().SWEEP_INTERVAL_SECONDS * 1000);
  timer.unref();
  globalForSweeper.openConsultSweeper = timer;
}

/** Stops the timer (tests, shutdown). A pass under way finishes on its own. */
export function stopSweeper(): void {
  clearInterval(globalForSweeper.openConsultSweeper);
  globalForSweeper.openConsultSweeper = undefined;
}
