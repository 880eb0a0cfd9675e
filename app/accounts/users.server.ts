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

export async function findUserById(id: number, sql: Sql = db): Promise<User | null> {
  const [user] = await sql<User[]>`
    select id, email, name, email_confirmed_at, totp_enabled_at, disabled_at, created_at
    from users where id = ${id}`;
  return user ?? null;
}

export async function findUserByEmail(email: string, sql: Sql = db): Promise<User | null> {
  const [user] = await sql<User[]>`
    select id, email, name, email_confirmed_at, totp_enabled_at, disabled_at, created_at
    from users where email = ${email.trim().toLowerCase()}`;
  return user ?? null;
}

export async function listMemberships(userId: number, sql: Sql = db): Promise<Membership[]> {
  return sql<Membership[]>`
    select id, role, scope from memberships where user_id = ${userId} order by role, scope`;
}
