export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers, touching nothing else (unlike /api/health,
 * which checks the database and LiveKit). Also the bare baseline the token
 * benchmark compares against.
 */
export function GET() {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
