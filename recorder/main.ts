// The recorder process: `node --conditions=react-server --import tsx recorder/main.ts`
// (npm start and the tests start it; see scripts/lib/steps.mjs spawnRecorder).
// The react-server condition lets it load the app's server modules (db, LiveKit, audit).
import { ConfigError, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { startRecorderWorker } from "./worker";

try {
  env();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`The recorder cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const worker = startRecorderWorker();
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger().error({ err: error }, "recorder: shutdown failed");
        process.exit(1);
      },
    );
  });
}
