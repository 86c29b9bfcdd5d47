import "server-only";
import { z } from "zod";

/** A media-check room records in LiveKit who opened it, so only they (or an admin) can watch it. */
export const mediaCheckMetadataSchema = z.object({ kind: z.literal("media-check"), ownerId: z.string() });

export type MediaCheckMetadata = z.infer<typeof mediaCheckMetadataSchema>;

export function parseMediaCheckMetadata(metadata: string | undefined): MediaCheckMetadata | null {
  try {
    const parsed = mediaCheckMetadataSchema.safeParse(JSON.parse(metadata ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
