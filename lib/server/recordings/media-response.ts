import "server-only";
import { Readable } from "node:stream";
import parseRange from "range-parser";
import { requireStaff } from "@/lib/auth/current-staff";
import { AppError, ERRORS, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { playbackQuerySchema } from "@/lib/validations/recording";
import { resolvePlayback } from "./playback";
import { recordingStorage } from "./storage";

// Health data: never kept by the browser cache or any proxy, never sniffed as another type.
const PRIVATE = { "Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff" };

function errorResponse(error: AppError): Response {
  return Response.json({ error: error.userMessage }, { status: error.status, headers: PRIVATE });
}

/**
 * Serves a recording's bytes for one playback, with HTTP Range support (206
 * with Content-Range; 416 outside the file) so the player can seek. Every
 * request checks the session, the playback grant and the right to watch; none
 * is audited (the playback was, once, when it was granted).
 */
export async function recordingMediaResponse(request: Request, recordingId: string): Promise<Response> {
  try {
    const staff = await requireStaff("recording:watch");
    const query = playbackQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("NOT_FOUND");
    const { kind, storageKey } = await resolvePlayback(staff, recordingId, query.data.playback);
    const storage = recordingStorage();
    const size = await storage.size(storageKey);
    if (size === null) throw new AppError("NOT_FOUND");

    const headers: Record<string, string> = {
      ...PRIVATE,
      "Content-Type": "video/mp4",
      "Accept-Ranges": "bytes",
      "Content-Disposition": kind === "DOWNLOAD" ? 'attachment; filename="recording.mp4"' : "inline",
    };
    const rangeHeader = request.headers.get("range");
    const ranges = rangeHeader ? parseRange(size, rangeHeader, { combine: true }) : null;
    if (ranges === -1) {
      return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` } });
    }
    // A malformed header (-2) or several ranges: the whole file, as RFC 9110 allows.
    const range = Array.isArray(ranges) && ranges.length === 1 ? ranges[0] : undefined;
    if (range) {
      const body = Readable.toWeb(storage.read(storageKey, range)) as ReadableStream;
      return new Response(body, {
        status: 206,
        headers: {
          ...headers,
          "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
          "Content-Length": String(range.end - range.start + 1),
        },
      });
    }
    const body = Readable.toWeb(storage.read(storageKey)) as ReadableStream;
    return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(size) } });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error);
    logger().error({ err: error, recordingId }, "recording media request failed");
    return Response.json({ error: ERRORS.INTERNAL.message }, { status: 500, headers: PRIVATE });
  }
}
