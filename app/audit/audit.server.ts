import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { entryHash, GENESIS_HASH, MAIN_CHAIN, verifyChain, type ChainVerdict, type StoredAuditEntry } from "./chain";

export type AuditInput = {
  actorId: number | null;
  action: string;
  subject?: string | null;
  data?: Record<string, unknown>;
  /** MAIN_CHAIN unless told; an order's entries go to its département's chain (departementChain). */
  chain?: string;
};

type Head = { lastId: number; lastHash: string };

/**
 * Appends an entry to its chain in the caller's transaction. Locking the chain's head row orders
 * its entries by commit, so two concurrent appends never claim the same predecessor; appends to
 * other chains do not wait (docs/decisions/035).
 */
export async function appendAudit(tx: Sql, input: AuditInput) {
  const chain = input.chain ?? MAIN_CHAIN;
  const head = (await lockHead(tx, chain)) ?? (await startChain(tx, chain));
  const entry = {
    chain,
    id: head.lastId + 1,
    at: new Date().toISOString(),
    actorId: input.actorId,
    action: input.action,
    subject: input.subject ?? null,
    data: JSON.parse(JSON.stringify(input.data ?? {})),
  };
  const hash = entryHash(head.lastHash, entry);
  // Sent together: one round trip while the head is held.
  await Promise.all([
    tx`
      insert into audit_log (chain, id, at, actor_id, action, subject, data, prev_hash, hash)
      values (${chain}, ${entry.id}, ${entry.at}, ${entry.actorId}, ${entry.action}, ${entry.subject},
              ${tx.json(entry.data)}, ${head.lastHash}, ${hash})`,
    tx`update audit_head set last_id = ${entry.id}, last_hash = ${hash} where chain = ${chain}`,
  ]);
  return entry.id;
}

async function lockHead(tx: Sql, chain: string): Promise<Head | undefined> {
  const [head]: [Head?] = await tx`select last_id, last_hash from audit_head where chain = ${chain} for update`;
  return head;
}

// A chain's first entry creates its head; a concurrent first entry waits on the key, then locks the same row.
async function startChain(tx: Sql, chain: string): Promise<Head> {
  await tx`insert into audit_head (chain, last_id, last_hash) values (${chain}, 0, ${GENESIS_HASH}) on conflict (chain) do nothing`;
  return (await lockHead(tx, chain))!;
}

/**
 * Recomputes every chain from the stored rows, streamed in batches; names the first entry that
 * does not hold. The heads are read first: every entry up to a head was committed, so an append
 * racing with the check is never mistaken for a deletion, and a deleted last entry is still caught.
 */
export async function verifyAuditChain(sql: Sql = db, batchSize = 1000): Promise<ChainVerdict> {
  const heads = await sql<{ chain: string; lastId: number }[]>`
    select chain, last_id from audit_head order by chain = ${MAIN_CHAIN} desc, chain`;
  let count = 0;
  for (const head of heads) {
    const verdict = await verifyOneChain(sql, head, batchSize);
    if (!verdict.ok) return head.chain === MAIN_CHAIN ? verdict : { ...verdict, reason: `chaîne ${head.chain} : ${verdict.reason}` };
    count += verdict.count;
  }
  return { ok: true, count };
}

async function verifyOneChain(sql: Sql, head: { chain: string; lastId: number }, batchSize: number): Promise<ChainVerdict> {
  let start = { id: 0, hash: GENESIS_HASH };
  const rows = sql<StoredAuditEntry[]>`
    select chain, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
           actor_id, action, subject, data, prev_hash, hash
    from audit_log where chain = ${head.chain} order by id`.cursor(batchSize);
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

/** How many entries the log holds, every chain together: the heads give it at once, the log only grows. */
export async function countAuditEntries(sql: Sql = db): Promise<number> {
  const [{ total }]: [{ total: number }] = await sql`select coalesce(sum(last_id), 0)::int as total from audit_head`;
  return total;
}

export type AuditRow = {
  chain: string;
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
  const total = subject
    ? (await sql<{ total: number }[]>`select count(*)::int as total from audit_log a where ${matches()}`)[0].total
    : await countAuditEntries(sql);
  // Every chain's entries together: ids count within a chain, time orders them across chains, and
  // the chain settles two entries of the same instant and id, so a page never repeats or skips one.
  const items = await sql<AuditRow[]>`
    select a.chain, a.id, a.at, a.actor_id, u.email as actor_email, a.action, a.subject, a.data
    from audit_log a left join users u on u.id = a.actor_id
    where ${matches()}
    order by a.at desc, a.id desc, a.chain
    limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`;
  return paged(items, total, input.page, pageSize);
}

/** What /admin/journal shows: one page of entries and the verdict on the whole chain. */
export async function auditJournal(input: { subject?: string; page: number }, sql: Sql = db) {
  const [entries, verdict] = await Promise.all([listAuditPage(input, sql), verifyAuditChain(sql)]);
  return { entries, verdict };
}
