"use server";

import { staffAction } from "@/lib/actions/safe-action";
import { startPlayback } from "@/lib/server/recordings/playback";
import { recordingIdSchema } from "@/lib/validations/recording";

/** The player asks for one playback when it opens: checked, checksum-verified and audited once. */
export const startPlaybackAction = staffAction(
  "startPlayback",
  { permission: "recording:watch", schema: recordingIdSchema },
  ({ recordingId }, { staff, request }) => startPlayback(staff, recordingId, "VIEW", request),
);
