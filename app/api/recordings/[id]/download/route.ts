import { requireStaff } from "@/lib/auth/current-staff";
import { isAppError } from "@/lib/errors";
import { currentRequestMeta } from "@/lib/request-meta";
import { startPlayback } from "@/lib/server/recordings/playback";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const PRIVATE = { "Cache-Control": "no-store, private" };

/**
 * Download: a POST (a link preview or prefetch never starts one) that checks
 * the right to watch and the file's checksum, audits the download, then
 * sends the browser to the file as an attachment.
 */
export async function POST(request: Request, { params }: Context) {
  const { id } = await params;
  try {
    const staff = await requireStaff("recording:watch");
    const { playbackId } = await startPlayback(staff, id, "DOWNLOAD", await currentRequestMeta());
    const target = new URL(`/api/recordings/${encodeURIComponent(id)}/media?playback=${playbackId}`, request.url);
    return new Response(null, { status: 303, headers: { ...PRIVATE, Location: target.pathname + target.search } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return Response.json({ error: error.userMessage }, { status: error.status, headers: PRIVATE });
  }
}
