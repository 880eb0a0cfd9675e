import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { entryHash, GENESIS_HASH, verifyChain, type ChainVerdict, type StoredAuditEntry } from "./chain";

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

/**
 * Recomputes the whole chain from the stored rows, streamed in batches; names the first entry that
 * does not hold. The head is read first: every entry up to it was committed, so an append racing
 * with the check is never mistaken for a deletion, and a deleted last entry is still caught.
 */
export async function verifyAuditChain(sql: Sql = db, batchSize = 1000): Promise<ChainVerdict> {
  const [head] = await sql<{ lastId: number }[]>`select last_id from audit_head`;
  let start = { id: 0, hash: GENESIS_HASH };
  const rows = sql<StoredAuditEntry[]>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
           actor_id, action, subject, data, prev_hash, hash
    from audit_log order by id`.cursor(batchSize);
  for await (const batch of rows) {
    const verdict = verifyChain(batch, start);
    if (!verdict.ok) return verdict;
    const last = batch[batch.length - 1];
    start = { id: last.id, hash: last.hash };
  }
  if (start.id < head.lastId) {
    return { ok: false, entryId: start.id + 1, reason: `l'entrée ${start.id + 1} a été supprimée` };
  }
  return { ok: true, count: start.id };
}

export type AuditRow = {
  id: number;
  at: Date;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  subject: string | null;
  data: Record<string, unknown>;
};

export const AUDIT_PAGE_SIZE = 50;

/** The log newest first, optionally about one subject ('user:12'), one page at a time. */
export async function listAuditPage(input: { subject?: string; page: number; pageSize?: number }, sql: Sql = db): Promise<Paged<AuditRow>> {
  const pageSize = input.pageSize ?? AUDIT_PAGE_SIZE;
  const subject = input.subject?.trim() || null;
  const matches = () => (subject ? sql`a.subject = ${subject}` : sql`true`);
  // Without a filter the head gives the count at once; the log only grows.
  const [{ total }] = subject
    ? await sql<{ total: number }[]>`select count(*)::int as total from audit_log a where ${matches()}`
    : await sql<{ total: number }[]>`select last_id as total from audit_head`;
  const items = await sql<AuditRow[]>`
    select a.id, a.at, a.actor_id, u.email as actor_email, a.action, a.subject, a.data
    from audit_log a left join users u on u.id = a.actor_id
    where ${matches()}
    order by a.id desc
    limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`;
  return paged(items, total, input.page, pageSize);
}

/** What /admin/journal shows: one page of entries and the verdict on the whole chain. */
export async function auditJournal(input: { subject?: string; page: number }, sql: Sql = db) {
  const [entries, verdict] = await Promise.all([listAuditPage(input, sql), verifyAuditChain(sql)]);
  return { entries, verdict };
}
