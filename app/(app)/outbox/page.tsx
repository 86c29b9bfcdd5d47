import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone } from "@/lib/consultations/local-time";
import { env } from "@/lib/env";
import { listOutboxMessages, OUTBOX_PAGE_SIZE } from "@/lib/server/outbox/list-outbox-messages";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const staff = await requireStaffPage("staff-home:view", "/outbox");
  const messages = await listOutboxMessages(staff);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <OutboxModeNotice smtpConfigured={Boolean(env().SMTP_URL)} />
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Messages, newest first (at most {OUTBOX_PAGE_SIZE})</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">
              When (UTC)
            </th>
            <th scope="col" className="py-2 pr-4">
              To
            </th>
            <th scope="col" className="py-2 pr-4">
              Subject
            </th>
            <th scope="col" className="py-2">
              Calendar
            </th>
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 ? (
            <tr>
              <td colSpan={4} className="py-4 text-slate-600">
                No messages yet. Invitations appear here when they are sent.
              </td>
            </tr>
          ) : (
            messages.map((message) => (
              <tr key={message.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={message.createdAt.toISOString()}>{formatInZone(message.createdAt, "UTC")}</time>
                </td>
                <td className="py-2 pr-4 break-words">{message.toAddress}</td>
                <td className="py-2 pr-4">
                  <Link href={`/outbox/${message.id}`} className="text-brand-700 hover:underline">
                    {message.subject}
                  </Link>
                </td>
                <td className="py-2">{message.hasIcs ? "Invite attached" : "None"}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function OutboxModeNotice({ smtpConfigured }: { smtpConfigured: boolean }) {
  if (smtpConfigured) {
    return (
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
        Mail is sent to the SMTP server set in SMTP_URL; the outbox is not used. Messages below were kept before it was
        set.
      </p>
    );
  }
  return (
    <p className="max-w-3xl text-slate-700">
      No mail server is set (SMTP_URL), so emails are not sent: they are kept here instead. You see the mail of the
      visits you host; an administrator sees all of it. Set SMTP_URL to send real email.
    </p>
  );
}
