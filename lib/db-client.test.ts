import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { withBusyTimeout } from "@/lib/db-client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openconsult-busy-"));
const url = `file:${path.join(dir, "busy.db")}`;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Another process (as the app, the sweeper or a script would be) holding the write lock for `ms`. */
function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    import { createClient } from "@libsql/client";
    const client = createClient({ url: ${JSON.stringify(url)} });
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    console.log("locked");
    setTimeout(async () => { await tx.commit(); client.close(); }, ${ms});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd() });
  const released = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => String(chunk).includes("locked") && resolve({ released }));
    child.on("error", reject);
  });
}

describe("SQLite connections", () => {
  it("wait for another process's write instead of failing at once, also on the fresh connection after a transaction", async () => {
    const client = withBusyTimeout(createClient({ url }));
    await client.execute("CREATE TABLE t (x INTEGER)");
    // A transaction hands over the current connection; the next statement runs on a new one.
    const warmUp = await client.transaction("write");
    await warmUp.execute("INSERT INTO t VALUES (0)");
    await warmUp.commit();

    const { released } = await holdWriteLock(400);
    const started = Date.now();
    await client.execute("INSERT INTO t VALUES (2)");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await released;
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(3);
    client.close();
  });
});
