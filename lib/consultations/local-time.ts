import { DateTime, IANAZone } from "luxon";

/**
 * Wall-clock times in a named time zone <-> UTC instants. Storage is UTC; the
 * zone a visit was scheduled in is kept with it, and each viewer sees their own.
 */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** "2026-03-09" + "09:00" in America/New_York -> the UTC instant, or null if that local time does not exist. */
export function localToUtc(date: string, time: string, zone: string): Date | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) return null;
  // A time skipped by a DST jump (02:30 on a spring-forward day) is shifted by luxon; refuse it instead.
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return null;
  return local.toUTC().toJSDate();
}

/** The local date and time of an instant in a zone, as form values ("2026-03-09", "09:00"). */
export function utcToLocalParts(instant: Date, zone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(instant, { zone });
  return { date: local.toFormat("yyyy-MM-dd"), time: local.toFormat("HH:mm") };
}

/** A human-readable time in the viewer's zone, e.g. "Mon 2 Mar 2026, 15:00 CET". */
export function formatInZone(instant: Date, zone: string, locale = "en-GB"): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm ZZZZ");
}

/**
 * Calendar dates in `zone` (both inclusive, either optional) as the UTC instants that bound
 * them, for a query: `{ gte: start of from, lt: start of the day after to }`.
 */
export function localDateRange(
  from: string | undefined,
  to: string | undefined,
  zone: string,
): { gte?: Date; lt?: Date } {
  const startOf = (date: string, plusDays: number) =>
    DateTime.fromISO(date, { zone }).startOf("day").plus({ days: plusDays }).toJSDate();
  return { ...(from ? { gte: startOf(from, 0) } : {}), ...(to ? { lt: startOf(to, 1) } : {}) };
}
