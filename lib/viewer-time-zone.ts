import "server-only";
import { DateTime } from "luxon";
import { cookies } from "next/headers";
import { isValidTimeZone } from "@/lib/consultations/local-time";

/** The viewer's time zone as their browser reported it (cookie), or null before it has. */
export async function viewerTimeZone(): Promise<string | null> {
  const zone = (await cookies()).get("oc_tz")?.value ?? null;
  return zone && isValidTimeZone(zone) ? zone : null;
}

/** Start and end of the viewer's today, as UTC instants. */
export function todayBounds(at: Date, zone: string): { start: Date; end: Date } {
  const local = DateTime.fromJSDate(at, { zone });
  return { start: local.startOf("day").toJSDate(), end: local.endOf("day").plus({ milliseconds: 1 }).toJSDate() };
}
