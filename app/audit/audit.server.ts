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
  let count = 0;
  for (const head of await readHeads(sql)) {
    const { verdict } = await walkChain(sql, head, GENESIS_LINK, batchSize);
    if (!verdict.ok) return chainVerdict(head.chain, verdict);
    count += verdict.count;
  }
  return { ok: true, count };
}

/** Every chain's head, the main chain first: a verdict names the main chain's break before the others'. */
export async function readHeads(sql: Sql): Promise<{ chain: string; lastId: number }[]> {
  return sql`select chain, last_id from audit_head order by chain = ${MAIN_CHAIN} desc, chain`;
}

/** A chain's verdict as the whole journal's: a break outside the main chain names its chain. */
export function chainVerdict(chain: string, verdict: ChainVerdict): ChainVerdict {
  return verdict.ok || chain === MAIN_CHAIN ? verdict : { ...verdict, reason: `chaîne ${chain} : ${verdict.reason}` };
}

export type ChainLink = { id: number; hash: string };

export const GENESIS_LINK: ChainLink = { id: 0, hash: GENESIS_HASH };

/**
 * Walks one chain from `from` (the genesis, or an entry an earlier check found sound) to its head.
 * That entry is read again and must still be there with the same hash and content: a deleted or
 * rewritten last entry is caught even when nothing was appended since. `last` is the last entry
 * found sound.
 */
export async function walkChain(
  sql: Sql,
  head: { chain: string; lastId: number },
  from: ChainLink,
  batchSize: number,
): Promise<{ verdict: ChainVerdict; last: ChainLink }> {
  let start = from;
  let fromSeen = from.id === 0;
  const rows = sql<StoredAuditEntry[]>`
    select chain, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
           actor_id, action, subject, data, prev_hash, hash
    from audit_log where chain = ${head.chain} and id >= ${from.id} order by id`.cursor(batchSize);
  for await (const batch of rows) {
    let entries = batch;
    if (!fromSeen) {
      fromSeen = true;
      const [again, ...rest] = batch;
      if (again.id !== from.id) return { verdict: deleted(from.id), last: start };
      if (again.hash !== from.hash || entryHash(again.prevHash, again) !== again.hash) {
        return { verdict: { ok: false, entryId: from.id, reason: `le contenu de l'entrée ${from.id} a été modifié` }, last: start };
      }
      entries = rest;
    }
    const verdict = verifyChain(entries, start);
    if (!verdict.ok) return { verdict, last: start };
    const last = entries[entries.length - 1];
    if (last) start = { id: last.id, hash: last.hash };
  }
  if (!fromSeen) return { verdict: deleted(from.id), last: start };
  if (start.id < head.lastId) return { verdict: deleted(start.id + 1), last: start };
  return { verdict: { ok: true, count: start.id }, last: start };
}

const deleted = (entryId: number): ChainVerdict => ({ ok: false, entryId, reason: `l'entrée ${entryId} a été supprimée` });

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
  // The page's keys come off the index alone (audit_log_by_time), then only its rows and authors are
  // read: a join to users would let the statement's generic plan (limit unknown) hash every user.
  const items = await sql<AuditRow[]>`
    with page as (
      select chain, id from audit_log a where ${matches()}
      order by at desc, id desc, chain desc
      limit ${pageSize} offset ${offsetOf(input.page, pageSize)})
    select a.chain, a.id, a.at, a.actor_id, (select email from users where id = a.actor_id) as actor_email, a.action, a.subject, a.data
    from page join audit_log a using (chain, id)
    order by a.at desc, a.id desc, a.chain desc`;
  return paged(items, total, input.page, pageSize);
}
