import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

/** 200 when the database and LiveKit both answer; 503 naming the part that is down. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
