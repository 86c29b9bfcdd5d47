import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Server modules guard themselves with `import "server-only"`, which throws
  // outside Next's server bundle; tests call them directly.
  "server-only": path.resolve(import.meta.dirname, "test/setup/server-only.ts"),
};

// Two projects: fast unit tests of pure logic, and integration tests that talk
// to real parts (a LiveKit server started for the run, a temporary database).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "recorder/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/setup/livekit.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One LiveKit server and one database per run; files share them.
          fileParallelism: false,
        },
      },
    ],
  },
});
