import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { containsPattern, offsetOf, paged, type Paged } from "~/infra/paging";
import { enqueue } from "~/infra/queue.server";
import type { MailStatus } from "./status";

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

/** How many times the worker tries to send an e-mail before marking it failed (about 30 min of backoff). */
export const MAIL_MAX_ATTEMPTS = 8;

/** One job per e-mail: queueing it again replaces the pending job instead of sending twice. */
export const sendMailJobKey = (outboxId: number) => `send_mail:${outboxId}`;

/**
 * Records an e-mail in the outbox, in the caller's transaction. With SMTP configured, a job
 * sends it (with retries); without, it stays in the outbox for admins to read at /admin/courriels.
 * The job is queued in the same transaction: no e-mail is sent for work that rolled back.
 */
export async function queueMail(mail: OutgoingMail, sql: Sql = db) {
  const smtp = config().smtpUrl !== null;
  const [row] = await sql<{ id: number }[]>`
    insert into mail_outbox (to_address, subject, text_body, html_body, status)
    values (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${smtp ? "queued" : "kept"})
    returning id`;
  if (smtp) {
    await enqueue(sql, "send_mail", { outboxId: row.id }, { maxAttempts: MAIL_MAX_ATTEMPTS, jobKey: sendMailJobKey(row.id) });
  }
  return row.id;
}

export type OutboxMail = {
  id: number;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function findOutboxMail(id: number, sql: Sql = db): Promise<OutboxMail | null> {
  const [mail]: [OutboxMail?] = await sql`
    select id, to_address, subject, text_body, html_body, status, attempts, last_error, created_at, sent_at
    from mail_outbox where id = ${id}`;
  return mail ?? null;
}

export type OutboxListItem = Omit<OutboxMail, "textBody" | "htmlBody">;

export const OUTBOX_PAGE_SIZE = 25;

/** The outbox, newest first, optionally only the e-mails whose recipient contains `recipient`. */
export async function listOutbox(input: { recipient?: string; page: number; pageSize?: number }, sql: Sql = db): Promise<Paged<OutboxListItem>> {
  const pageSize = input.pageSize ?? OUTBOX_PAGE_SIZE;
  const recipient = input.recipient?.trim().toLowerCase() ?? "";
  const matches = () => (recipient ? sql`lower(to_address) like ${containsPattern(recipient)}` : sql`true`);
  const [{ total }] = await sql<{ total: number }[]>`select count(*)::int as total from mail_outbox where ${matches()}`;
  const items = await sql<OutboxListItem[]>`
    select id, to_address, subject, status, attempts, last_error, created_at, sent_at
    from mail_outbox where ${matches()}
    order by id desc
    limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`;
  return paged(items, total, input.page, pageSize);
}

export type OutboxCounts = Record<MailStatus, number>;

export async function outboxCounts(sql: Sql = db): Promise<OutboxCounts> {
  const rows = await sql<{ status: MailStatus; count: number }[]>`
    select status, count(*)::int as count from mail_outbox group by status`;
  const counts: OutboxCounts = { kept: 0, queued: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}
