import { recordingMediaResponse } from "@/lib/server/recordings/media-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The bytes of a recording, for a playback granted by the player page (Range requests for seeking). */
export async function GET(request: Request, { params }: Context) {
  const { id } = await params;
  return recordingMediaResponse(request, id);
}
