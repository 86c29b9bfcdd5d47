import { describe, expect, expectTypeOf, it } from "vitest";
import { buildInviteMessage, type InviteMessageInput } from "@/lib/mail/invite-message";

const input: InviteMessageInput = {
  uid: "participant-p1@openconsult",
  recipientName: "Alex Doe",
  hostName: "Dr Rivera",
  // 09:00 in New York on a day when it is UTC-4.
  startsAt: new Date("2026-03-09T13:00:00Z"),
  durationMinutes: 30,
  timeZone: "America/New_York",
  joinUrl: "https://visits.example/join/abc123",
  opensBeforeMinutes: 15,
  clinicName: "Harbour Clinic",
};

/** The content lines of an iCalendar text, with folded lines joined again (RFC 5545, 3.1). */
function icsLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
}

describe("buildInviteMessage", () => {
  it("has no field for the reason of the visit or other medical detail, so none can reach a mailbox", () => {
    expectTypeOf<InviteMessageInput>().not.toHaveProperty("reason");
    expectTypeOf<InviteMessageInput>().not.toHaveProperty("dateOfBirth");
    expectTypeOf<keyof InviteMessageInput>().toEqualTypeOf<
      | "uid"
      | "recipientName"
      | "hostName"
      | "startsAt"
      | "durationMinutes"
      | "timeZone"
      | "joinUrl"
      | "opensBeforeMinutes"
      | "clinicName"
    >();
  });

  it("names the host and shows the local time in the visit's zone", () => {
    const message = buildInviteMessage(input);
    expect(message.subject).toContain("Your video visit with Dr Rivera");
    expect(message.subject).toContain("Mon 9 Mar 2026, 09:00");
    expect(message.subject).toContain("New York time");
    for (const body of [message.text, message.html]) {
      expect(body).toContain("Dr Rivera");
      expect(body).toContain("Mon 9 Mar 2026, 09:00");
      expect(body).toContain("https://visits.example/join/abc123");
      expect(body).toContain("15 minutes before");
      expect(body).toMatch(/do not forward/i);
      expect(body).toContain("contact Harbour Clinic");
      expect(body).toContain("Chrome, Edge, Safari or Firefox");
    }
    expect(message.html).toContain('<a href="https://visits.example/join/abc123">');
  });

  it("shows the same instant at the local time of another zone", () => {
    const message = buildInviteMessage({ ...input, timeZone: "Europe/Berlin" });
    expect(message.text).toContain("Mon 9 Mar 2026, 14:00 CET");
  });

  it("tells the patient to contact the clinic when no clinic name is given", () => {
    const { clinicName: _, ...withoutClinic } = input;
    expect(buildInviteMessage(withoutClinic).text).toContain("contact the clinic");
  });

  it("escapes markup in names in the HTML part", () => {
    const message = buildInviteMessage({
      ...input,
      recipientName: "<script>alert(1)</script> & Co",
      hostName: 'Dr "X"',
    });
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(message.html).toContain("Dr &quot;X&quot;");
    // The plain text part is text: it keeps the name as written.
    expect(message.text).toContain("<script>alert(1)</script> & Co");
  });

  it("keeps names on one line so they cannot add header lines to the subject", () => {
    const message = buildInviteMessage({ ...input, hostName: "Dr Rivera\r\nBcc: someone@example.com" });
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses a join link that is not a web address", () => {
    expect(() => buildInviteMessage({ ...input, joinUrl: "javascript:alert(1)" })).toThrow(/http/);
  });

  it("attaches a calendar event in UTC with the caller's UID and the join link", () => {
    const lines = icsLines(buildInviteMessage(input).ics);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("METHOD:PUBLISH");
    const event = lines.slice(lines.indexOf("BEGIN:VEVENT"), lines.indexOf("END:VEVENT") + 1);
    expect(event.length).toBeGreaterThan(2);
    expect(lines.filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
    expect(event).toContain("UID:participant-p1@openconsult");
    expect(event).toContain("DTSTART:20260309T130000Z");
    expect(event).toContain("DTEND:20260309T133000Z");
    expect(event).toContain("SUMMARY:Video visit with Dr Rivera");
    expect(event).toContain("URL;VALUE=URI:https://visits.example/join/abc123");
    expect(event.find((line) => line.startsWith("DESCRIPTION:"))).toContain("https://visits.example/join/abc123");
  });
});
