import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { enqueue } from "~/infra/queue.server";

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

/**
 * Records an e-mail in the outbox, in the caller's transaction. With SMTP configured, a job
 * sends it (with retries); without, it stays in the outbox for admins to read at /admin/courriels.
 */
export async function queueMail(mail: OutgoingMail, sql: Sql = db) {
  const smtp = config().smtpUrl !== null;
  const [row] = await sql<{ id: number }[]>`
    insert into mail_outbox (to_address, subject, text_body, html_body, status)
    values (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${smtp ? "queued" : "kept"})
    returning id`;
  if (smtp) await enqueue(sql, "send_mail", { outboxId: row.id }, { maxAttempts: 8 });
  return row.id;
}

export type OutboxMail = {
  id: number;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  status: "kept" | "queued" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function findOutboxMail(id: number, sql: Sql = db): Promise<OutboxMail | null> {
  const [mail] = await sql<OutboxMail[]>`select * from mail_outbox where id = ${id}`;
  return mail ?? null;
}
