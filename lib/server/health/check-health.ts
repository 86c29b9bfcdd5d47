import "server-only";
import { db } from "@/lib/db";
import { roomService } from "@/lib/livekit/room-service";

export type PartStatus = "up" | "down";
export type HealthReport = { status: "ok" | "degraded"; checks: { database: PartStatus; livekit: PartStatus } };

const TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref()),
  ]);
}

async function probe(work: () => Promise<unknown>): Promise<PartStatus> {
  try {
    await withTimeout(work());
    return "up";
  } catch {
    return "down";
  }
}

/** Whether the database and the LiveKit server answer. Says nothing about versions or secrets. */
export async function checkHealth(): Promise<HealthReport> {
  const [database, livekit] = await Promise.all([
    probe(() => db().$queryRaw`SELECT 1`),
    // An authenticated call: proves the server is up and our API key is accepted.
    probe(() => roomService().listRooms(["health-probe"])),
  ]);
  return { status: database === "up" && livekit === "up" ? "ok" : "degraded", checks: { database, livekit } };
}
