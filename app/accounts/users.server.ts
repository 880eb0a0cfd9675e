import { db, type Sql } from "~/infra/db.server";
import type { Role } from "./roles";

export type Membership = { id: number; role: Role; scope: string };

export type User = {
  id: number;
  email: string;
  name: string;
  emailConfirmedAt: Date | null;
  totpEnabledAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
};

/** The columns of `User`, read from `users u`: every query that returns a person selects this one list. */
export function userColumns(sql: Sql) {
  return sql`u.id, u.email, u.name, u.email_confirmed_at, u.totp_enabled_at, u.disabled_at, u.created_at`;
}

export async function findUserById(id: number, sql: Sql = db): Promise<User | null> {
  const [user]: [User?] = await sql`
    select ${userColumns(sql)} from users u where u.id = ${id}`;
  return user ?? null;
}

export async function findUserByEmail(email: string, sql: Sql = db): Promise<User | null> {
  const [user]: [User?] = await sql`
    select ${userColumns(sql)} from users u where u.email = ${email.trim().toLowerCase()}`;
  return user ?? null;
}

export async function listMemberships(userId: number, sql: Sql = db): Promise<Membership[]> {
  return sql<Membership[]>`
    select id, role, scope from memberships where user_id = ${userId} order by role, scope`;
}

/** What login needs beyond the public profile. Never leaves the accounts domain. */
export type Credentials = User & { passwordHash: string; totpSecret: string | null };

export async function findCredentialsByEmail(email: string, sql: Sql = db): Promise<Credentials | null> {
  const [user]: [Credentials?] = await sql`
    select ${userColumns(sql)}, u.password_hash, u.totp_secret from users u where u.email = ${email.trim().toLowerCase()}`;
  return user ?? null;
}

export async function findCredentialsById(id: number, sql: Sql = db): Promise<Credentials | null> {
  const [user]: [Credentials?] = await sql`
    select ${userColumns(sql)}, u.password_hash, u.totp_secret from users u where u.id = ${id}`;
  return user ?? null;
}

/** Inserts a new account; null when the e-mail is taken (checked by the unique index, not by a prior read). */
export async function insertUser(input: { email: string; name: string; passwordHash: string }, sql: Sql = db): Promise<number | null> {
  const [row]: [{ id: number }?] = await sql`
    insert into users (email, name, password_hash)
    values (${input.email.trim().toLowerCase()}, ${input.name}, ${input.passwordHash})
    on conflict (email) do nothing
    returning id`;
  return row?.id ?? null;
}

export async function insertMembership(
  input: { userId: number; role: Role; scope?: string; grantedBy?: number | null },
  sql: Sql = db,
): Promise<void> {
  await sql`
    insert into memberships (user_id, role, scope, granted_by)
    values (${input.userId}, ${input.role}, ${input.scope ?? "*"}, ${input.grantedBy ?? null})
    on conflict (user_id, role, scope) do nothing`;
}

/** Confirms the e-mail; keeps the first confirmation date. */
export async function markEmailConfirmed(userId: number, sql: Sql = db) {
  await sql`update users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = ${userId}`;
}

export async function setPasswordHash(userId: number, passwordHash: string, sql: Sql = db) {
  await sql`update users set password_hash = ${passwordHash} where id = ${userId}`;
}

/**
 * The secret being enrolled: the one already pending, or `candidate` stored as pending.
 * Null once TOTP is enabled (a pending secret is never swapped for an enabled one's).
 */
export async function pendingTotpSecret(userId: number, candidate: string, sql: Sql = db): Promise<string | null> {
  const [row]: [{ totpSecret: string }?] = await sql`
    update users set totp_secret = coalesce(totp_secret, ${candidate})
    where id = ${userId} and totp_enabled_at is null
    returning totp_secret`;
  return row?.totpSecret ?? null;
}

/** Turns TOTP on, only if the secret is still the one that was verified; false otherwise. */
export async function enableTotp(userId: number, verifiedSecret: string, sql: Sql = db): Promise<boolean> {
  const rows = await sql`
    update users set totp_enabled_at = now()
    where id = ${userId} and totp_enabled_at is null and totp_secret = ${verifiedSecret}
    returning id`;
  return rows.length === 1;
}
