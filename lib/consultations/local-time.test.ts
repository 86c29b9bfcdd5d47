import { describe, expect, it } from "vitest";
import {
  formatInZone,
  isValidTimeZone,
  localDateRange,
  localToUtc,
  utcToLocalParts,
} from "@/lib/consultations/local-time";

describe("time zones", () => {
  it("a visit at 09:00 in New York shows as 15:00 to a viewer in Berlin", () => {
    const start = localToUtc("2026-12-07", "09:00", "America/New_York");
    expect(start?.toISOString()).toBe("2026-12-07T14:00:00.000Z");
    expect(utcToLocalParts(start as Date, "Europe/Berlin")).toEqual({ date: "2026-12-07", time: "15:00" });
    expect(formatInZone(start as Date, "Europe/Berlin")).toContain("15:00");
  });

  it("a visit across a DST change keeps its wall-clock time", () => {
    // US clocks go forward on 8 March 2026: the same 09:00 is an hour earlier in UTC afterwards.
    const before = localToUtc("2026-03-06", "09:00", "America/New_York");
    const after = localToUtc("2026-03-09", "09:00", "America/New_York");
    expect(before?.toISOString()).toBe("2026-03-06T14:00:00.000Z");
    expect(after?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(utcToLocalParts(after as Date, "America/New_York").time).toBe("09:00");
  });

  it("refuses a local time that does not exist (skipped by spring-forward)", () => {
    expect(localToUtc("2026-03-08", "02:30", "America/New_York")).toBeNull();
  });

  it("knows real zones from made-up ones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("a range of whole local days becomes the UTC instants that bound it, across a DST change", () => {
    // Berlin leaves summer time on 25 October 2026: that day has 25 hours.
    const range = localDateRange("2026-10-25", "2026-10-25", "Europe/Berlin");
    expect(range.gte?.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(range.lt?.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(localDateRange(undefined, undefined, "UTC")).toEqual({});
    expect(localDateRange("2026-12-04", undefined, "Pacific/Auckland")).toEqual({
      gte: new Date("2026-12-03T11:00:00.000Z"),
    });
  });
});
