import ical, { ICalCalendarMethod } from "ical-generator";
import { formatInZone } from "@/lib/consultations/local-time";

/**
 * The invitation email for one participant. Email is not a secure channel, so
 * the input deliberately has no field for the reason of the visit or any other
 * medical detail: what is not passed in cannot leak into a mailbox.
 */
export type InviteMessageInput = {
  /** Stable per participant and visit, so a re-sent invite updates the calendar entry instead of adding one. */
  uid: string;
  recipientName: string;
  hostName: string;
  startsAt: Date;
  durationMinutes: number;
  /** The zone the times are shown in (the consultation's scheduling zone). */
  timeZone: string;
  joinUrl: string;
  opensBeforeMinutes: number;
  clinicName?: string;
};

export type InviteMessage = { subject: string; text: string; html: string; ics: string };

const BROWSERS = "Chrome, Edge, Safari or Firefox";

export function buildInviteMessage(input: InviteMessageInput): InviteMessage {
  const joinUrl = checkedJoinUrl(input.joinUrl);
  // Names come from people: keep them on one line so they cannot add lines to headers or the layout.
  const host = oneLine(input.hostName);
  const recipient = oneLine(input.recipientName);
  const clinic = input.clinicName ? oneLine(input.clinicName) : undefined;
  const when = `${formatInZone(input.startsAt, input.timeZone)} (${zoneLabel(input.timeZone)} time)`;
  const contact = clinic ?? "the clinic";
  const minutes = input.opensBeforeMinutes;

  const subject = `Your video visit with ${host} on ${when}`;

  const text = [
    `Hello ${recipient},`,
    "",
    `Your video visit with ${host}${clinic ? ` at ${clinic}` : ""} is on ${when}. It is planned for about ${input.durationMinutes} minutes.`,
    "",
    "How to join:",
    `Open this link in ${BROWSERS} on a phone, tablet or computer:`,
    joinUrl,
    "",
    "- You do not need to install an app or create an account.",
    `- The room opens ${minutes} minutes before the start. Joining early lets you check your camera and microphone.`,
    "- Allow the browser to use your camera and microphone when it asks.",
    "",
    "This link is personal: please do not forward or share it. Anyone else who should join gets their own invitation.",
    "",
    `If the link does not work, contact ${contact} and ask for a new invitation.`,
  ].join("\n");

  const html = `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.5; color: #0f172a;">
<p>Hello ${escapeHtml(recipient)},</p>
<p>Your video visit with <strong>${escapeHtml(host)}</strong>${clinic ? ` at ${escapeHtml(clinic)}` : ""} is on <strong>${escapeHtml(when)}</strong>. It is planned for about ${input.durationMinutes} minutes.</p>
<h2 style="font-size: 1.1em;">How to join</h2>
<p>Open this link in ${BROWSERS} on a phone, tablet or computer:<br>
<a href="${escapeHtml(joinUrl)}">${escapeHtml(joinUrl)}</a></p>
<ul>
<li>You do not need to install an app or create an account.</li>
<li>The room opens ${minutes} minutes before the start. Joining early lets you check your camera and microphone.</li>
<li>Allow the browser to use your camera and microphone when it asks.</li>
</ul>
<p><strong>This link is personal:</strong> please do not forward or share it. Anyone else who should join gets their own invitation.</p>
<p>If the link does not work, contact ${escapeHtml(contact)} and ask for a new invitation.</p>
</body></html>
`;

  return { subject, text, html, ics: buildInviteCalendar(input, host, joinUrl, minutes) };
}

function buildInviteCalendar(input: InviteMessageInput, host: string, joinUrl: string, minutes: number): string {
  // PUBLISH matches the attachment's content type: the entry is added to a calendar, no RSVP is expected.
  const calendar = ical({
    prodId: { company: "OpenConsult", product: "OpenConsult" },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: input.uid,
    // Dates without a zone are written in UTC (DTSTART:...Z); every calendar shows them in its own zone.
    start: input.startsAt,
    end: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
    summary: `Video visit with ${host}`,
    description: `Join your video visit: ${joinUrl}\nThe room opens ${minutes} minutes before the start. This link is personal: please do not forward it.`,
    url: joinUrl,
  });
  return calendar.toString();
}

/** Only web links: a `javascript:` or `data:` URL must never become a link in a mailbox. */
function checkedJoinUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("joinUrl must be an http(s) URL");
  return url.toString();
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** "America/New_York" -> "New York"; people know their city better than an offset like GMT-4. */
function zoneLabel(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
