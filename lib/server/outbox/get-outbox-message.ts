import "server-only";
import { z } from "zod";
import type { Staff } from "@/lib/auth/staff-session";
import { db } from "@/lib/db";
import { outboxScope } from "./list-outbox-messages";

export type OutboxMessageDetail = {
  id: string;
  createdAt: Date;
  toAddress: string;
  subject: string;
  textBody: string;
  ics: string | null;
};

/** Ids come from the URL: anything that is not a plain id is "not found" without a query. */
const outboxMessageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One outbox message, or null when it does not exist or is not this member of staff's to read (the same answer). */
export async function getOutboxMessage(staff: Staff, id: string): Promise<OutboxMessageDetail | null> {
  if (!outboxMessageId.safeParse(id).success) return null;
  const row = await db().outboxMessage.findFirst({
    where: { AND: [{ id }, await outboxScope(staff)] },
    select: { id: true, createdAt: true, toAddress: true, subject: true, textBody: true, icsAttachment: true },
  });
  if (!row) return null;
  const { icsAttachment, ...rest } = row;
  return { ...rest, ics: icsAttachment };
}
