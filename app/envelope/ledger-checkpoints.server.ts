import { db, type Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";

// The ledger is append-only (a trigger refuses updates and deletes), so the sums of an account's
// entries up to an id never change. The worker keeps them, one checkpoint per account, and
// verifyLedger adds only the entries written since: the envelope page still checks every counter
// against the whole ledger without reading it all (docs/decisions/050-ledger-checkpoints.md).

export const ADVANCE_LEDGER_CHECKPOINTS_TASK = "advance_ledger_checkpoints";

/**
 * Every account — each allocation, and each campaign's reserve, whose département is null — as
 * `acc`, with its checkpoint `cp` (when it has one) and `newer`: the sums of its entries written
 * since, and the last of their ids. One campaign's, or every campaign's when `campaignId` is null.
 */
export function accountsSinceCheckpoint(sql: Sql, campaignId: number | null) {
  const ofCampaign = (column: string) => (campaignId === null ? sql`true` : sql`${sql(column)} = ${campaignId}`);
  return sql`
    (select campaign_id, departement_code from allocations where ${ofCampaign("campaign_id")}
     union all
     select id, null from distribution_campaigns where ${ofCampaign("id")}) acc
    left join ledger_checkpoints cp on cp.campaign_id = acc.campaign_id and cp.account = coalesce(acc.departement_code, 'réserve')
    cross join lateral (
      select max(e.id) as up_to_id, coalesce(sum(e.cap_delta), 0)::bigint as cap, coalesce(sum(e.reserved_delta), 0)::bigint as reserved,
             coalesce(sum(e.committed_delta), 0)::bigint as committed, coalesce(sum(e.spent_delta), 0)::bigint as spent
      from ledger_entries e
      where e.campaign_id = acc.campaign_id and e.id > coalesce(cp.up_to_id, 0)
        -- An OR rather than "is not distinct from": both halves read the index.
        and (e.departement_code = acc.departement_code or (acc.departement_code is null and e.departement_code is null))
    ) newer`;
}

/** Carries every account's checkpoint forward to its latest entry; `full` sums every entry again from the first. */
export async function advanceLedgerCheckpoints(input: { full: boolean; now: Date }, sql: Sql = db) {
  await transaction(sql, async (tx) => {
    // One run at a time, whichever process runs it.
    await tx`select pg_advisory_xact_lock(hashtext(${ADVANCE_LEDGER_CHECKPOINTS_TASK}))`;
    // The nightly run starts again from nothing, so that an entry altered behind the trigger's back
    // (by someone able to disable it) shows on the page as a difference.
    if (input.full) await tx`delete from ledger_checkpoints`;
    // An entry being written now may get an id below the last one visible: wait for those
    // transactions, and hold new entries back while the sums are taken (milliseconds once caught up).
    await tx`lock table ledger_entries in share mode`;
    await tx`
      insert into ledger_checkpoints (campaign_id, departement_code, up_to_id, cap_cents, reserved_cents, committed_cents, spent_cents, made_at)
      select acc.campaign_id, acc.departement_code, coalesce(newer.up_to_id, cp.up_to_id, 0),
             coalesce(cp.cap_cents, 0) + newer.cap, coalesce(cp.reserved_cents, 0) + newer.reserved,
             coalesce(cp.committed_cents, 0) + newer.committed, coalesce(cp.spent_cents, 0) + newer.spent, ${input.now}
      from ${accountsSinceCheckpoint(tx, null)}
      on conflict (campaign_id, account) do update set
        up_to_id = excluded.up_to_id, cap_cents = excluded.cap_cents, reserved_cents = excluded.reserved_cents,
        committed_cents = excluded.committed_cents, spent_cents = excluded.spent_cents, made_at = excluded.made_at`;
  });
}
