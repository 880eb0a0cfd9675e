// What an admin does to people's accounts: find them, grant and revoke roles, disable and re-enable.
// Every change runs in one transaction with its audit entry.
import type postgres from "postgres";
import { appendAudit, countAuditEntries } from "~/audit/audit.server";
import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { containsPattern, offsetOf, paged, type Paged } from "~/infra/paging";
import { outboxCounts, type OutboxCounts } from "~/mail/outbox.server";
import { scopeKindOf, scopeKindsMessage, scopeKindsOfRole, type UserChange } from "./admin-schemas";
import { userColumns, type Membership, type User } from "./users.server";
import { describeScope, roleLabels, scopePattern, type Role } from "./roles";
import { transaction } from "~/infra/transaction.server";

const subjectOf = (userId: number) => `user:${userId}`;

export type UserSummary = User & { memberships: Pick<Membership, "role" | "scope">[] };

export const USERS_PAGE_SIZE = 20;

/** People whose name or e-mail contains the query (any case), an exact e-mail first, then by name. */
export async function searchUsers(input: { query: string; page: number; pageSize?: number }, sql: Sql = db): Promise<Paged<UserSummary>> {
  const pageSize = input.pageSize ?? USERS_PAGE_SIZE;
  const query = input.query.trim();
  const matches = () => (query ? sql`(u.email ilike ${containsPattern(query.toLowerCase())} or u.name ilike ${containsPattern(query)})` : sql`true`);
  const [{ total }] = await sql<{ total: number }[]>`select count(*)::int as total from users u where ${matches()}`;
  // Without a search, the order is the index's (users_by_name); the memberships are read for the page's rows only.
  const order = () => (query ? sql`(u.email = ${query.toLowerCase()}) desc, lower(u.name), u.id` : sql`lower(u.name), u.id`);
  const items = await sql<UserSummary[]>`
    select ${userColumns(sql)},
           coalesce(m.list, '[]'::json) as memberships
    from (select ${userColumns(sql)} from users u where ${matches()} order by ${order()} limit ${pageSize} offset ${offsetOf(input.page, pageSize)}) u
    left join lateral (
      select json_agg(json_build_object('role', role, 'scope', scope) order by role, scope) as list
      from memberships where user_id = u.id
    ) m on true
    order by ${order()}`;
  return paged(items, total, input.page, pageSize);
}

export type MembershipDetail = {
  id: number;
  role: Role;
  scope: string;
  grantedAt: Date;
  grantedById: number | null;
  grantedByName: string | null;
};

export type UserAdminView = Omit<UserSummary, "memberships"> & { memberships: MembershipDetail[]; liveSessions: number };

/** One person as the admin sees them: account state, memberships with who granted them, live sessions. */
export async function getUserAdminView(userId: number, sql: Sql = db): Promise<UserAdminView> {
  const idleSeconds = Math.floor(config().sessionIdleMs / 1000);
  const [user]: [Omit<UserAdminView, "memberships">?] = await sql`
    select ${userColumns(sql)},
           (select count(*)::int from sessions s
            where s.user_id = u.id and s.expires_at > now()
              and s.last_seen_at > now() - make_interval(secs => ${idleSeconds})) as live_sessions
    from users u where u.id = ${userId}`;
  if (!user) throw new NotFound("Cette personne n'existe pas.");
  const memberships = await sql<MembershipDetail[]>`
    select m.id, m.role, m.scope, m.granted_at, m.granted_by as granted_by_id, g.name as granted_by_name
    from memberships m left join users g on g.id = m.granted_by
    where m.user_id = ${userId}
    order by m.role, m.scope`;
  return { ...user, memberships };
}

/** Locks the person's row for the rest of the transaction; NotFound when there is no such person. */
async function lockUser(tx: postgres.TransactionSql, userId: number) {
  const [user]: [{ id: number; disabledAt: Date | null }?] = await tx`
    select id, disabled_at from users where id = ${userId} for update`;
  if (!user) throw new NotFound("Cette personne n'existe pas.");
  return user;
}

type Actor = { actorId: number };

export async function grantRole(input: Actor & { userId: number; role: Role; scope: string }, sql: Sql = db): Promise<number> {
  const { actorId, userId, role, scope } = input;
  if (!scopePattern.test(scope)) throw new Refused(`Portée invalide : « ${scope} ».`, "scopeId");
  // Checked here too, not only by the form: the database would refuse an instructor without a département with a bare error.
  const kind = scopeKindOf(scope);
  if (!kind || !scopeKindsOfRole[role].includes(kind)) throw new Refused(scopeKindsMessage(role), "scopeKind");
  return transaction(sql, async (tx) => {
    await lockUser(tx, userId);
    if (scope.startsWith("departement:")) {
      const [departement]: [{ code: string }?] = await tx`select code from departements where code = ${scope.slice("departement:".length)}`;
      if (!departement) throw new Refused("Ce département n'existe pas. Indiquez son code INSEE, par exemple 35, 2A ou 974.", "scopeId");
    }
    const [membership]: [{ id: number }?] = await tx`
      insert into memberships (user_id, role, scope, granted_by)
      values (${userId}, ${role}, ${scope}, ${actorId})
      on conflict (user_id, role, scope) do nothing
      returning id`;
    if (!membership) {
      throw new Conflict(`Cette personne a déjà le rôle « ${roleLabels[role]} » (portée ${describeScope(scope)}).`);
    }
    await appendAudit(tx, { actorId, action: "role.granted", subject: subjectOf(userId), data: { role, scope, membershipId: membership.id } });
    return membership.id;
  });
}

export async function revokeMembership(input: Actor & { userId: number; membershipId: number }, sql: Sql = db) {
  const { actorId, userId, membershipId } = input;
  return transaction(sql, async (tx) => {
    await lockUser(tx, userId);
    const [membership]: [{ id: number; role: Role; scope: string }?] = await tx`
      select id, role, scope from memberships where id = ${membershipId} and user_id = ${userId}`;
    if (!membership) throw new Conflict("Ce rôle a déjà été retiré.");
    if (membership.role === "admin" && userId === actorId) {
      throw new Conflict("Vous ne pouvez pas retirer votre propre rôle de gestionnaire : demandez-le à un autre gestionnaire.");
    }
    await tx`delete from memberships where id = ${membership.id}`;
    await appendAudit(tx, {
      actorId,
      action: "role.revoked",
      subject: subjectOf(userId),
      data: { role: membership.role, scope: membership.scope, membershipId: membership.id },
    });
  });
}

/** Disables an account; its sessions are deleted in the same transaction, so they end at once. */
export async function disableAccount(input: Actor & { userId: number }, sql: Sql = db) {
  const { actorId, userId } = input;
  if (userId === actorId) {
    throw new Conflict("Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre gestionnaire.");
  }
  return transaction(sql, async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.disabledAt) throw new Conflict("Ce compte est déjà désactivé.");
    await tx`update users set disabled_at = now() where id = ${userId}`;
    const ended = await tx`delete from sessions where user_id = ${userId}`;
    await appendAudit(tx, { actorId, action: "account.disabled", subject: subjectOf(userId), data: { sessionsEnded: ended.count } });
    return { sessionsEnded: ended.count };
  });
}

export async function enableAccount(input: Actor & { userId: number }, sql: Sql = db) {
  const { actorId, userId } = input;
  return transaction(sql, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user.disabledAt) throw new Conflict("Ce compte est déjà actif.");
    await tx`update users set disabled_at = null where id = ${userId}`;
    await appendAudit(tx, { actorId, action: "account.enabled", subject: subjectOf(userId) });
  });
}

/** The one entry point of /admin/utilisateurs/:id's form: applies a parsed change, returns which one. */
export async function changeUser(input: Actor & { userId: number; change: UserChange }, sql: Sql = db): Promise<UserChange["intent"]> {
  const { actorId, userId, change } = input;
  switch (change.intent) {
    case "grant":
      await grantRole({ actorId, userId, role: change.role, scope: change.scope }, sql);
      break;
    case "revoke":
      await revokeMembership({ actorId, userId, membershipId: change.membershipId }, sql);
      break;
    case "disable":
      await disableAccount({ actorId, userId }, sql);
      break;
    case "enable":
      await enableAccount({ actorId, userId }, sql);
      break;
  }
  return change.intent;
}

export type AdminDashboard = {
  users: { total: number; disabled: number; byRole: Record<Role, number> };
  mail: OutboxCounts;
  auditEntries: number;
  /** Whether e-mails leave through SMTP, or stay in the outbox. */
  smtp: boolean;
};

export async function adminDashboard(sql: Sql = db): Promise<AdminDashboard> {
  const [[users], roleRows, mail, auditEntries] = await Promise.all([
    sql<{ total: number; disabled: number }[]>`
      select count(*)::int as total, (count(*) filter (where disabled_at is not null))::int as disabled from users`,
    sql<{ role: Role; count: number }[]>`select role, count(distinct user_id)::int as count from memberships group by role`,
    outboxCounts(sql),
    countAuditEntries(sql),
  ]);
  const byRole: Record<Role, number> = { admin: 0, juror: 0, designer: 0, structure: 0, maker: 0, instructor: 0 };
  for (const row of roleRows) byRole[row.role] = row.count;
  return { users: { ...users, byRole }, mail, auditEntries, smtp: config().smtpUrl !== null };
}
