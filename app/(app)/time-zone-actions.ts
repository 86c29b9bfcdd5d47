"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { isValidTimeZone } from "@/lib/consultations/local-time";

/** Remembers the browser's time zone so the server can tell what "today" is for this viewer. */
export const rememberTimeZoneAction = staffAction(
  "rememberTimeZone",
  { permission: "staff-home:view", schema: z.object({ zone: z.string().max(64).refine(isValidTimeZone) }) },
  async ({ zone }) => {
    (await cookies()).set("oc_tz", zone, { path: "/", maxAge: 31_536_000, sameSite: "lax", httpOnly: true });
  },
);
