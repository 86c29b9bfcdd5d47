import { z } from "zod";

/** Media-check rooms are named `mc-` plus 22 random base62 characters. */
export const MEDIA_CHECK_ROOM_PATTERN = /^mc-[A-Za-z0-9]{22}$/;

export const joinMediaCheckSchema = z.object({
  room: z.string().regex(MEDIA_CHECK_ROOM_PATTERN, "That is not a media-check room link"),
});
