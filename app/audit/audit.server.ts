import { db, type Sql } from "~/infra/db.server";
import { entryHash, verifyChain, type ChainVerdict, type StoredAuditEntry } from "./chain";

export type AuditInput = {
  actorId: number | null;
  action: string;
  subject?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Appends an entry in the caller's transaction. Locking the chain's head row orders entries
 * by commit, so two concurrent appends never claim the same predecessor.
 */
export async function appendAudit(tx: Sql, input: AuditInput) {
  const [head] = await tx<{ lastId: number; lastHash: string }[]>`
    select last_id, last_hash from audit_head for update`;
  const entry = {
    id: head.lastId + 1,
    at: new Date().toISOString(),
    actorId: input.actorId,
    action: input.action,
    subject: input.subject ?? null,
    data: JSON.parse(JSON.stringify(input.data ?? {})),
  };
  const hash = entryHash(head.lastHash, entry);
  await tx`
    insert into audit_log (id, at, actor_id, action, subject, data, prev_hash, hash)
    values (${entry.id}, ${entry.at}, ${entry.actorId}, ${entry.action}, ${entry.subject},
            ${tx.json(entry.data)}, ${head.lastHash}, ${hash})`;
  await tx`update audit_head set last_id = ${entry.id}, last_hash = ${hash}`;
  return entry.id;
}

/** Recomputes the whole chain from the stored rows; names the first entry that does not hold. */
export async function verifyAuditChain(sql: Sql = db): Promise<ChainVerdict> {
  const rows = await sql<StoredAuditEntry[]>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
           actor_id, action, subject, data, prev_hash, hash
    from audit_log order by id`;
  const verdict = verifyChain(rows);
  if (!verdict.ok) return verdict;
  const [head] = await sql<{ lastId: number }[]>`select last_id from audit_head`;
  if (head.lastId !== verdict.count) {
    return { ok: false, entryId: verdict.count + 1, reason: `l'entrée ${verdict.count + 1} a été supprimée` };
  }
  return verdict;
}

export type AuditRow = { id: number; at: Date; actorId: number | null; actorEmail: string | null; action: string; subject: string | null; data: Record<string, unknown> };

export async function listAuditEntries(filter: { subject?: string; limit?: number }, sql: Sql = db) {
  return sql<AuditRow[]>`
    select a.id, a.at, a.actor_id, u.email as actor_email, a.action, a.subject, a.data
    from audit_log a left join users u on u.id = a.actor_id
    where ${filter.subject ? sql`a.subject = ${filter.subject}` : sql`true`}
    order by a.id desc
    limit ${filter.limit ?? 100}`;
}
