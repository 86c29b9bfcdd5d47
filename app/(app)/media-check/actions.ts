"use server";

import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { joinMediaCheck } from "@/lib/server/media-check/join-media-check";
import { startMediaCheck } from "@/lib/server/media-check/start-media-check";
import { joinMediaCheckSchema } from "@/lib/validations/media-check";

export const startMediaCheckAction = staffAction(
  "startMediaCheck",
  { permission: "media-check:run", schema: z.object({}) },
  (_input, { staff, request }) => startMediaCheck(staff, request),
);

export const joinMediaCheckAction = staffAction(
  "joinMediaCheck",
  { permission: "media-check:run", schema: joinMediaCheckSchema },
  ({ room }, { staff, request }) => joinMediaCheck(staff, room, request),
);
