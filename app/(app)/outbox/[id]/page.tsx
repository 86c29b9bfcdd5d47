import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { formatInZone } from "@/lib/consultations/local-time";
import { getOutboxMessage } from "@/lib/server/outbox/get-outbox-message";

export const metadata: Metadata = { title: "Outbox message" };

type Props = { params: Promise<{ id: string }> };

export default async function OutboxMessagePage({ params }: Props) {
  const { id } = await params;
  const staff = await requireStaffPage("staff-home:view", `/outbox/${encodeURIComponent(id)}`);
  const message = await getOutboxMessage(staff, id);
  if (!message) notFound();
  return (
    <article className="flex flex-col gap-4">
      <Link href="/outbox" className="text-brand-700 hover:underline">
        ← Back to the outbox
      </Link>
      <h1 className="text-2xl font-semibold">{message.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">When</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{formatInZone(message.createdAt, "UTC")}</time>
        </dd>
        <dt className="text-slate-600">To</dt>
        <dd className="break-all">{message.toAddress}</dd>
      </dl>
      {message.ics !== null && (
        // A plain link, not <Link>: it is a file download from a route handler, not a page.
        <a
          href={`/outbox/${message.id}/invite.ics`}
          download="invite.ics"
          className="self-start rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50"
        >
          Download .ics
        </a>
      )}
      <section aria-label="Message text" className="rounded-lg border border-slate-200 bg-white p-5">
        <pre className="font-sans whitespace-pre-wrap break-words">
          <LinkedText text={message.textBody} />
        </pre>
      </section>
    </article>
  );
}

// The text body is rendered as text (React escapes it); only web addresses become links.
const WEB_ADDRESS = /(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)])/;

function LinkedText({ text }: { text: string }) {
  // split() with a capturing group puts the addresses at the odd indexes.
  return text.split(WEB_ADDRESS).map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one immutable text never reorder
      <a key={index} href={part} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
