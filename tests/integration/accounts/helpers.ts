// Accounts made directly in the database, for tests that start after sign-up.
import { hashPassword } from "~/accounts/passwords.server";
import type { Role } from "~/accounts/roles";
import { db, type Sql } from "~/infra/db.server";

export const PASSWORD = "velo-rouge-du-facteur";
let counter = 0;

export async function createAccount(
  options: { email?: string; password?: string; roles?: Role[]; confirmed?: boolean; totpSecret?: string; disabled?: boolean } = {},
  sql: Sql = db
) {
  const email = options.email ?? `personne${++counter}-${Date.now()}@exemple.fr`;
  const [user] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at, totp_secret, totp_enabled_at, disabled_at)
    values (${email}, ${"Personne de test"}, ${await hashPassword(options.password ?? PASSWORD)},
            ${options.confirmed === false ? null : new Date()},
            ${options.totpSecret ?? null}, ${options.totpSecret ? new Date() : null},
            ${options.disabled ? new Date() : null})
    returning id`;
  for (const role of options.roles ?? ["designer"]) {
    await sql`insert into memberships (user_id, role) values (${user.id}, ${role})`;
  }
  return { id: user.id, email, password: options.password ?? PASSWORD };
}

export async function auditActions(subject: string, sql: Sql = db) {
  const rows = await sql<{ action: string }[]>`select action from audit_log where subject = ${subject} order by id`;
  return rows.map((r) => r.action);
}

/** The link in the last e-mail sent to an address. */
export async function lastLinkSentTo(email: string, sql: Sql = db): Promise<URL | null> {
  const [mail] = await sql<{ textBody: string }[]>`
    select text_body from mail_outbox where to_address = ${email} order by id desc limit 1`;
  const match = mail?.textBody.match(/https?:\/\/\S+/);
  return match ? new URL(match[0]) : null;
}
