import { db, type Sql } from "~/infra/db.server";
import { enqueue } from "~/infra/queue.server";
import { transaction } from "~/infra/transaction.server";
import { appendAudit, chainVerdict, GENESIS_LINK, readHeads, walkChain, type ChainLink } from "./audit.server";
import { MAIN_CHAIN, type ChainVerdict } from "./chain";

// The journal is verified by the worker, never while a page waits (docs/decisions/044): each run
// stores per chain how far it found the chain sound, and what it found broken.

export const VERIFY_AUDIT_TASK = "verify_audit_journal";

/** Past this age the stored verdict no longer says much: the recurring check (every 5 minutes) has stopped. */
export const STALE_AFTER_MS = 30 * 60_000;

/**
 * Checks every chain and stores the verdict. Incremental: from the last entry found sound (read
 * again, so its deletion or rewriting is caught), to the head. Full: from each chain's first entry,
 * which alone catches an old entry altered after it was checked. A chain found broken stays so for
 * the incremental runs; only a full check may find it sound again. Returns the journal's verdict.
 */
export async function checkAuditJournal(input: { full: boolean; now: Date; batchSize?: number }, sql: Sql = db): Promise<ChainVerdict> {
  return transaction(sql, async (tx) => {
    // One check at a time, whichever process runs it: two would race on the stored rows.
    await tx`select pg_advisory_xact_lock(hashtext(${VERIFY_AUDIT_TASK}))`;
    const stored = new Map(
      (await tx<StoredCheck[]>`select chain, verified_id, verified_hash, broken_id, broken_reason from audit_verification`).map((row) => [
        row.chain,
        row,
      ]),
    );
    let first: ChainVerdict | null = null;
    let count = 0;
    for (const head of await readHeads(tx)) {
      const before = stored.get(head.chain);
      let verdict: ChainVerdict;
      if (!input.full && before?.brokenId != null) {
        verdict = { ok: false, entryId: before.brokenId, reason: before.brokenReason! };
      } else {
        const from = input.full || !before ? GENESIS_LINK : { id: before.verifiedId, hash: before.verifiedHash };
        const walked = await walkChain(tx, head, from, input.batchSize ?? 1000);
        verdict = walked.verdict;
        await record(tx, head.chain, walked.verdict, walked.last, input);
      }
      if (verdict.ok) count += verdict.count;
      else first ??= chainVerdict(head.chain, verdict);
    }
    return first ?? { ok: true, count };
  });
}

type StoredCheck = { chain: string; verifiedId: number; verifiedHash: string; brokenId: number | null; brokenReason: string | null };

async function record(tx: Sql, chain: string, verdict: ChainVerdict, last: ChainLink, input: { full: boolean; now: Date }) {
  const sound = verdict.ok ? last : GENESIS_LINK;
  await tx`
    insert into audit_verification (chain, verified_id, verified_hash, checked_at, full_checked_at, broken_id, broken_reason)
    values (${chain}, ${sound.id}, ${sound.hash}, ${input.now}, ${input.full ? input.now : null},
            ${verdict.ok ? null : verdict.entryId}, ${verdict.ok ? null : verdict.reason})
    on conflict (chain) do update set
      -- A break leaves what an earlier run found sound as it was.
      verified_id = case when excluded.broken_id is null then excluded.verified_id else audit_verification.verified_id end,
      verified_hash = case when excluded.broken_id is null then excluded.verified_hash else audit_verification.verified_hash end,
      checked_at = excluded.checked_at,
      full_checked_at = coalesce(excluded.full_checked_at, audit_verification.full_checked_at),
      broken_id = excluded.broken_id,
      broken_reason = excluded.broken_reason`;
}

/** An admin asks for a full check now; asked again before it ran, it is still one job. */
export async function requestFullCheck(input: { actorId: number }, sql: Sql = db) {
  await transaction(sql, async (tx) => {
    await enqueue(tx, VERIFY_AUDIT_TASK, { full: true }, { jobKey: `${VERIFY_AUDIT_TASK}:full`, maxAttempts: 3 });
    await appendAudit(tx, { actorId: input.actorId, action: "audit.check_requested" });
  });
}

export type ChainBreak = { chain: string; entryId: number; reason: string; checkedAt: Date };

export type JournalVerification = {
  /** The oldest of the chains' last checks; null while none was ever checked (a chain started since counts as pending). */
  checkedAt: Date | null;
  /** The same for the full checks. */
  fullCheckedAt: Date | null;
  /** Entries found sound in the chains that hold. */
  verified: number;
  /** Entries appended since, not checked yet. */
  pending: number;
  breaks: ChainBreak[];
  stale: boolean;
};

/** What /admin/journal says of the journal's integrity: the stored verdicts, read in one query. */
export async function journalVerification(input: { now: Date }, sql: Sql = db): Promise<JournalVerification> {
  const chains = await sql<
    {
      chain: string;
      lastId: number;
      verifiedId: number | null;
      checkedAt: Date | null;
      fullCheckedAt: Date | null;
      brokenId: number | null;
      brokenReason: string | null;
    }[]
  >`
    select h.chain, h.last_id, v.verified_id, v.checked_at, v.full_checked_at, v.broken_id, v.broken_reason
    from audit_head h left join audit_verification v using (chain)
    order by h.chain = ${MAIN_CHAIN} desc, h.chain`;
  const oldest = (dates: (Date | null)[]) => dates.reduce<Date | null>((min, date) => (date && (!min || date < min) ? date : min), null);
  const breaks = chains
    .filter((chain) => chain.brokenId !== null)
    .map((chain) => ({ chain: chain.chain, entryId: chain.brokenId!, reason: chain.brokenReason!, checkedAt: chain.checkedAt! }));
  const sound = chains.filter((chain) => chain.brokenId === null);
  const verified = sound.reduce((sum, chain) => sum + (chain.verifiedId ?? 0), 0);
  const checkedAt = oldest(chains.map((chain) => chain.checkedAt));
  return {
    checkedAt,
    fullCheckedAt: oldest(chains.map((chain) => chain.fullCheckedAt)),
    verified,
    pending: sound.reduce((sum, chain) => sum + chain.lastId, 0) - verified,
    breaks,
    stale: chains.length > 0 && (!checkedAt || input.now.getTime() - checkedAt.getTime() > STALE_AFTER_MS),
  };
}
