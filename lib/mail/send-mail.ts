import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar text, attached as invite.ics. */
  ics?: string;
  /** Ids only, for the log and for scoping the outbox to the visit's host. */
  consultationId?: string;
  participantId?: string;
};

export type MailDelivery = { delivered: "smtp" | "outbox" };

export type MailTransport = Transporter<SMTPTransport.SentMessageInfo>;

/**
 * The SMTP transport for an smtp:// or smtps:// URL (credentials, port and TLS
 * come from the URL). Exported so a test can aim it at a local server.
 */
export function createMailTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    // Nodemailer waits up to 10 minutes on a silent server by default; a staff
    // member is waiting on this inside a server action.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

let cached: { url: string; transport: MailTransport } | undefined;

function mailTransport(smtpUrl: string): MailTransport {
  if (cached?.url !== smtpUrl) cached = { url: smtpUrl, transport: createMailTransport(smtpUrl) };
  return cached.transport;
}

/**
 * Sends one message through SMTP_URL, or, without a mail server, keeps it in
 * the outbox for staff to read. Throws AppError when the server refuses it.
 */
export async function sendMail(message: OutgoingMail): Promise<MailDelivery> {
  const ids = { consultationId: message.consultationId, participantId: message.participantId };
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    const row = await db().outboxMessage.create({
      data: {
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html ?? null,
        icsAttachment: message.ics ?? null,
        consultationId: message.consultationId ?? null,
        participantId: message.participantId ?? null,
      },
      select: { id: true },
    });
    logger().info({ ...ids, outboxMessageId: row.id }, "mail kept in the outbox (no SMTP_URL)");
    return { delivered: "outbox" };
  }

  try {
    await mailTransport(SMTP_URL).sendMail({
      from: MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.ics
        ? [
            {
              filename: "invite.ics",
              content: message.ics,
              contentType: "text/calendar; charset=utf-8; method=PUBLISH",
            },
          ]
        : undefined,
    });
  } catch (error) {
    // Only codes: a server's reply text often quotes the recipient's address.
    const { code, responseCode, command } = error as { code?: string; responseCode?: number; command?: string };
    logger().error({ ...ids, code, responseCode, command }, "mail delivery failed");
    throw new AppError(
      "INTERNAL",
      "The email could not be sent. Please try again in a minute, or give the person their link another way.",
    );
  }
  logger().info(ids, "mail handed to the SMTP server");
  return { delivered: "smtp" };
}
