import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A Prisma client over the libsql driver adapter (no native engine to
 * download). The app uses the shared one in lib/db.ts; scripts, the seed and
 * tests create their own with this.
 */
export function createDbClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}
