import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * How long a SQLite connection waits for another writer (the app, the
 * sweeper, the seed, a test) before giving up. libsql sets no busy timeout,
 * so without this a second writer fails at once with SQLITE_BUSY.
 */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * libsql opens a fresh SQLite connection after every transaction (the old one
 * goes to the transaction), and busy_timeout is per connection: so it is set
 * again before the first statement on each new connection.
 */
export function withBusyTimeout(client: Client): Client {
  let fresh = true;
  const prepare = async () => {
    if (!fresh) return;
    fresh = false;
    await execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  };
  const execute = client.execute.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const batch = client.batch.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  const transaction = client.transaction.bind(client);
  return Object.assign(client, {
    execute: async (...args: unknown[]) => {
      await prepare();
      return execute(...args);
    },
    batch: async (...args: Parameters<Client["batch"]>) => {
      await prepare();
      return batch(...args);
    },
    executeMultiple: async (sql: string) => {
      await prepare();
      return executeMultiple(sql);
    },
    // Prisma opens DEFERRED transactions; one that reads, then writes, cannot wait for a lock
    // upgrade (SQLite answers BUSY at once to avoid deadlock). IMMEDIATE takes the write lock
    // at BEGIN, where the busy timeout applies. Every transaction in this app writes.
    transaction: async (mode?: TransactionMode) => {
      await prepare();
      const tx = await transaction(mode === "read" ? "read" : "write");
      fresh = true;
      return tx;
    },
  }) as Client;
}

class PrismaLibSQLWithBusyTimeout extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    return config.url.startsWith("file:") ? withBusyTimeout(client) : client;
  }
}

/**
 * A Prisma client over the libsql driver adapter (no native engine to
 * download). The app uses the shared one in lib/db.ts; scripts, the seed and
 * tests create their own with this.
 */
export function createDbClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQLWithBusyTimeout({ url }) });
}
