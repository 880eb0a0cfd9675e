import { createHash, randomBytes } from "node:crypto";
import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { userColumns, type Membership, type User } from "./users.server";

export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/** 32 random bytes, base64url: the only thing the browser ever holds. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function createSession(input: { userId: number; secondFactor: boolean; ip?: string | null; userAgent?: string | null }, sql: Sql = db) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + config().sessionAbsoluteMs);
  await sql`
    insert into sessions (id_hash, user_id, expires_at, second_factor_at, ip, user_agent)
    values (${hashToken(token)}, ${input.userId}, ${expiresAt},
            ${input.secondFactor ? new Date() : null}, ${input.ip ?? null}, ${input.userAgent?.slice(0, 300) ?? null})`;
  return { token, expiresAt };
}

export type SessionUser = User & { secondFactorAt: Date | null; memberships: Membership[] };

/**
 * The live session's person and memberships, in one round trip (every signed-in page asks):
 * unknown, expired, idle or disabled gives null. last_seen_at is
 * moved only when it is more than a minute old: other page views write nothing, so they cost no
 * row version, no WAL and no commit flush.
 */
export async function findSessionUser(token: string, sql: Sql = db): Promise<SessionUser | null> {
  const idleSeconds = Math.floor(config().sessionIdleMs / 1000);
  const idHash = hashToken(token);
  const [row]: [SessionUser?] = await sql`
    with live as (
      select s.user_id, s.second_factor_at, s.last_seen_at
      from sessions s join users u on u.id = s.user_id
      where s.id_hash = ${idHash}
        and u.disabled_at is null
        and s.expires_at > now()
        and s.last_seen_at > now() - make_interval(secs => ${idleSeconds})
    ), touched as (
      update sessions s set last_seen_at = now()
      from live
      where s.id_hash = ${idHash} and live.last_seen_at < now() - interval '1 minute'
    )
    select ${userColumns(sql)}, live.second_factor_at,
           coalesce((select json_agg(json_build_object('id', m.id, 'role', m.role, 'scope', m.scope) order by m.role, m.scope)
                     from memberships m where m.user_id = u.id), '[]'::json) as memberships
    from live join users u on u.id = live.user_id`;
  return row ?? null;
}

export async function markSecondFactor(token: string, sql: Sql = db) {
  await sql`update sessions set second_factor_at = now() where id_hash = ${hashToken(token)}`;
}

/** Deletes the session behind a token; returns its user's id, or null if there was none. */
export async function destroySession(token: string, sql: Sql = db): Promise<number | null> {
  const [row]: [{ userId: number }?] = await sql`delete from sessions where id_hash = ${hashToken(token)} returning user_id`;
  return row?.userId ?? null;
}

export async function destroyUserSessions(userId: number, sql: Sql = db) {
  await sql`delete from sessions where user_id = ${userId}`;
}

export async function purgeExpiredSessions(sql: Sql = db) {
  const idleSeconds = Math.floor(config().sessionIdleMs / 1000);
  await sql`
    delete from sessions
    where expires_at <= now() or last_seen_at <= now() - make_interval(secs => ${idleSeconds})`;
}
