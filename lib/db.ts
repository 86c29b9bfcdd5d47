import "server-only";
import { createDbClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process (Next's dev server reloads modules; keep it on globalThis).
const globalForDb = globalThis as unknown as { openConsultDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.openConsultDb ??= createDbClient(env().DATABASE_URL);
  return globalForDb.openConsultDb;
}
