import nodemailer from "nodemailer";
import { z } from "zod";
import { config } from "~/infra/config.server";
import { db } from "~/infra/db.server";
import { singleton } from "~/infra/singleton.server";

export const sendMailPayload = z.object({ outboxId: z.number().int().positive() });

function transport() {
  return singleton("smtp-transport", () =>
    // Timeouts in the URL's query would be strings; a hung SMTP server must fail fast so the job retries.
    nodemailer.createTransport({
      url: config().smtpUrl!,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]),
  );
}

/**
 * The worker's task: sends one outbox e-mail over SMTP. A failure is recorded and rethrown,
 * so the queue retries with backoff; an e-mail already sent is never sent twice.
 */
export async function sendOutboxMail(payload: unknown) {
  const { outboxId } = sendMailPayload.parse(payload);
  const [mail] = await db<{ id: number; toAddress: string; subject: string; textBody: string; htmlBody: string | null; status: string }[]>`
    select id, to_address, subject, text_body, html_body, status from mail_outbox where id = ${outboxId}`;
  if (!mail || mail.status === "sent") return;
  try {
    await transport().sendMail({
      from: config().mailFrom,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody ?? undefined,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db`update mail_outbox set attempts = attempts + 1, last_error = ${message.slice(0, 1000)} where id = ${outboxId}`;
    throw error;
  }
  await db`update mail_outbox set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null where id = ${outboxId}`;
}
