import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { singleton } from "~/infra/singleton.server";
import { MAIL_MAX_ATTEMPTS } from "./outbox.server";

export const sendMailPayload = z.object({ outboxId: z.number().int().positive() });

/** Where this run stands among the queue's attempts at one job (graphile-worker counts from 1). */
export type Attempt = { attempt: number; maxAttempts: number };

/**
 * One SMTP transport per process and URL. nodemailer reads host, port, TLS (smtps://) and
 * percent-encoded credentials from the URL and merges the other options with it; the timeouts
 * make a hung SMTP server fail the attempt, so the queue retries instead of the job hanging.
 */
export function smtpTransport(url: string): Transporter {
  return singleton(`smtp-transport:${url}`, () =>
    nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
    } as Parameters<typeof nodemailer.createTransport>[0]),
  );
}

type MailToSend = { id: number; toAddress: string; subject: string; textBody: string; htmlBody: string | null; status: string };

/**
 * The worker's task: sends one outbox e-mail over SMTP. A failure is recorded (attempts, last error)
 * and rethrown, so the queue retries with backoff; after the last attempt the e-mail is 'failed'.
 * An e-mail already sent is never sent again. No row lock is held while talking to the SMTP server.
 */
export async function sendOutboxMail(
  payload: unknown,
  attempt: Attempt = { attempt: 1, maxAttempts: MAIL_MAX_ATTEMPTS },
  sql: Sql = db,
): Promise<"sent" | "skipped"> {
  const { outboxId } = sendMailPayload.parse(payload);
  const [mail]: [MailToSend?] = await sql`
    select id, to_address, subject, text_body, html_body, status from mail_outbox where id = ${outboxId}`;
  if (!mail) {
    logger.warn("courriel introuvable dans la boîte d'envoi", { outboxId });
    return "skipped";
  }
  if (mail.status === "sent") return "skipped";

  try {
    // Checked here so that a worker started without SMTP_URL records why the e-mail does not leave.
    const smtpUrl = config().smtpUrl;
    if (!smtpUrl) throw new Error("SMTP_URL n'est pas défini : le courriel ne peut pas partir.");
    await smtpTransport(smtpUrl).sendMail({
      from: config().mailFrom,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody ?? undefined,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const last = attempt.attempt >= attempt.maxAttempts;
    await sql`
      update mail_outbox
      set attempts = attempts + 1, last_error = ${message}, status = ${last ? "failed" : "queued"}
      where id = ${outboxId} and status <> 'sent'`;
    logger.warn(last ? "envoi du courriel abandonné" : "envoi du courriel échoué, nouvel essai plus tard", {
      outboxId,
      attempt: attempt.attempt,
      maxAttempts: attempt.maxAttempts,
      error: message,
    });
    throw error;
  }
  // If this update fails after a successful send, the retry would send again: at least once, not exactly once.
  await sql`
    update mail_outbox set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null
    where id = ${outboxId}`;
  return "sent";
}
