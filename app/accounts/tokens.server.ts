import { db, type Sql } from "~/infra/db.server";
import { hashToken, newToken } from "./sessions.server";

export type TokenPurpose = "confirm_email" | "reset_password";

export const tokenLifetimesMs: Record<TokenPurpose, number> = {
  confirm_email: 48 * 3_600_000,
  reset_password: 3_600_000,
};

/** A new single-use token for a link; only its SHA-256 is stored. */
export async function issueToken(userId: number, purpose: TokenPurpose, sql: Sql = db): Promise<string> {
  const token = newToken();
  await sql`
    insert into user_tokens (token_hash, user_id, purpose, expires_at)
    values (${hashToken(token)}, ${userId}, ${purpose}, ${new Date(Date.now() + tokenLifetimesMs[purpose])})`;
  return token;
}

/** Uses a token up: its user's id the first time, null if unknown, expired or already used. */
export async function consumeToken(token: string, purpose: TokenPurpose, sql: Sql = db): Promise<number | null> {
  // One guarded update: two concurrent clicks cannot both use the same token.
  const [row]: [{ userId: number }?] = await sql`
    update user_tokens set used_at = now()
    where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
    returning user_id`;
  return row?.userId ?? null;
}

/** Whether a token would be accepted now, without using it (to show the form it opens). */
export async function peekToken(token: string, purpose: TokenPurpose, sql: Sql = db): Promise<number | null> {
  const [row]: [{ userId: number }?] = await sql`
    select user_id from user_tokens
    where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()`;
  return row?.userId ?? null;
}

/** Whether a token for this purpose was issued within the last `seconds` (limits mail floods). */
export async function issuedRecently(userId: number, purpose: TokenPurpose, seconds: number, sql: Sql = db): Promise<boolean> {
  const [row] = await sql<{ recent: boolean }[]>`
    select exists (
      select 1 from user_tokens
      where user_id = ${userId} and purpose = ${purpose} and created_at > now() - make_interval(secs => ${seconds})
    ) as recent`;
  return row.recent;
}

/** Retires every unused token of a purpose, so that only the newest link works. */
export async function revokeTokens(userId: number, purpose: TokenPurpose, sql: Sql = db) {
  await sql`update user_tokens set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`;
}
