import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { transaction } from "~/infra/transaction.server";
import { formatEuros } from "~/money/euros";
import { accountsSinceCheckpoint } from "./ledger-checkpoints.server";

// Every euro of a campaign moves through ledger entries; the counters they change are updated in
// the same transaction, by guarded updates: "no row back" means the move would break a rule, and
// nothing is written. The database checks again what the updates guard (constraints, and the
// balance of the whole envelope at commit: db/migrations/0014_envelope.sql).

export type LedgerKind = "allocation" | "move" | "reservation" | "commitment" | "release" | "spending";

export type LedgerEntry = {
  departementCode: string | null; // null: the national reserve
  capDelta?: number;
  reservedDelta?: number;
  committedDelta?: number;
  spentDelta?: number;
};

/** Writes the entries of one movement (they share its id) and returns that id. */
export async function appendMovement(
  tx: Sql,
  movement: {
    campaignId: number;
    kind: LedgerKind;
    reason?: string | null;
    /** The order the money moves for: its reservation, commitment, release or spending. */
    orderId?: number;
    actorId: number | null;
    at: Date;
    entries: LedgerEntry[];
  },
): Promise<number> {
  const [{ id }]: [{ id: number }] = await tx`select nextval('ledger_movements') as id`;
  for (const entry of movement.entries) {
    await tx`
      insert into ledger_entries (campaign_id, movement_id, kind, departement_code, cap_delta, reserved_delta, committed_delta, spent_delta, reason,
                                  order_id, actor_id, at)
      values (${movement.campaignId}, ${id}, ${movement.kind}, ${entry.departementCode},
              ${entry.capDelta ?? 0}, ${entry.reservedDelta ?? 0}, ${entry.committedDelta ?? 0}, ${entry.spentDelta ?? 0},
              ${movement.reason ?? null}, ${movement.orderId ?? null}, ${movement.actorId}, ${movement.at})`;
  }
  return id;
}

/** Where money is moved from or to: a département's allocation, or the national reserve. */
export type Account = { departementCode: string } | "reserve";

const accountName = (account: Account) => (account === "reserve" ? "la réserve nationale" : `le département ${account.departementCode}`);

export type FundsMove = { campaignId: number; from: Account; to: Account; cents: number; reason: string; actorId: number; now: Date };

/**
 * Moves part of a cap between two départements, or between one and the reserve. A département
 * never goes below what its orders have reserved, committed and spent; the reserve never below 0.
 */
export async function moveFunds(move: FundsMove, sql: Sql = db) {
  if (!Number.isSafeInteger(move.cents) || move.cents <= 0) throw new Refused("Le montant à déplacer doit être positif.", "amount");
  if (move.reason.trim().length < 3) throw new Refused("Indiquez la raison du mouvement : elle figure au grand livre.", "reason");
  if (JSON.stringify(move.from) === JSON.stringify(move.to)) throw new Refused("Choisissez deux comptes différents.", "to");
  return transaction(sql, async (tx) => {
    // Lock the accounts in one order (reserve first, then by code), so two opposite moves cannot
    // deadlock; "no key update" because ledger entries hold a foreign key to these rows, and that
    // key-share lock must not wait for a move.
    const accounts = [move.from, move.to].sort((a, b) =>
      a === "reserve" ? -1 : b === "reserve" ? 1 : a.departementCode < b.departementCode ? -1 : 1,
    );
    for (const account of accounts) {
      if (account === "reserve") {
        const [campaign]: [{ id: number }?] = await tx`select id from distribution_campaigns where id = ${move.campaignId} for no key update`;
        if (!campaign) throw new NotFound("Campagne introuvable.");
      } else {
        const [allocation]: [{ id: number }?] = await tx`
          select id from allocations where campaign_id = ${move.campaignId} and departement_code = ${account.departementCode} for no key update`;
        if (!allocation) throw new NotFound(`Le département ${account.departementCode} n'a pas d'allocation dans cette campagne.`);
      }
    }
    await takeFrom(tx, move.campaignId, move.from, move.cents);
    await giveTo(tx, move.campaignId, move.to, move.cents);
    const movementId = await appendMovement(tx, {
      campaignId: move.campaignId,
      kind: "move",
      reason: move.reason.trim(),
      actorId: move.actorId,
      at: move.now,
      entries: [
        { departementCode: move.from === "reserve" ? null : move.from.departementCode, capDelta: -move.cents },
        { departementCode: move.to === "reserve" ? null : move.to.departementCode, capDelta: move.cents },
      ],
    });
    await appendAudit(tx, {
      actorId: move.actorId,
      action: "envelope.funds_moved",
      subject: `campaign:${move.campaignId}`,
      data: { movementId, from: accountName(move.from), to: accountName(move.to), cents: move.cents, reason: move.reason.trim() },
    });
    return { movementId };
  });
}

async function takeFrom(tx: Sql, campaignId: number, account: Account, cents: number) {
  if (account === "reserve") {
    const [taken]: [{ id: number }?] = await tx`
      update distribution_campaigns set reserve_cents = reserve_cents - ${cents}
      where id = ${campaignId} and reserve_cents >= ${cents} returning id`;
    if (!taken) {
      const [campaign]: [{ reserveCents: number }] = await tx`select reserve_cents from distribution_campaigns where id = ${campaignId}`;
      throw new Conflict(`La réserve nationale ne contient que ${formatEuros(campaign.reserveCents)}.`, "amount");
    }
    return;
  }
  const [taken]: [{ id: number }?] = await tx`
    update allocations set cap_cents = cap_cents - ${cents}
    where campaign_id = ${campaignId} and departement_code = ${account.departementCode}
      and cap_cents - ${cents} >= reserved_cents + committed_cents + spent_cents
    returning id`;
  if (!taken) {
    const [allocation]: [{ capCents: number; usedCents: number }] = await tx`
      select cap_cents, reserved_cents + committed_cents + spent_cents as used_cents
      from allocations where campaign_id = ${campaignId} and departement_code = ${account.departementCode}`;
    throw new Conflict(
      `Le département ${account.departementCode} ne peut céder que ${formatEuros(allocation.capCents - allocation.usedCents)} : ${formatEuros(allocation.usedCents)} de son plafond sont déjà réservés, engagés ou dépensés.`,
      "amount",
    );
  }
}

async function giveTo(tx: Sql, campaignId: number, account: Account, cents: number) {
  if (account === "reserve") {
    await tx`update distribution_campaigns set reserve_cents = reserve_cents + ${cents} where id = ${campaignId}`;
  } else {
    await tx`
      update allocations set cap_cents = cap_cents + ${cents}
      where campaign_id = ${campaignId} and departement_code = ${account.departementCode}`;
  }
}

/** An order's money on its département's allocation: what the reservation, commitment, release and spending move. */
export type OrderFunds = { campaignId: number; departementCode: string; orderId: number; cents: number; actorId: number | null; at: Date };

/** The département's allocation cannot take the order: what is left is less than its total. */
export class EnvelopeExhausted extends Conflict {
  override name = "EnvelopeExhausted";
}

/**
 * Reserves a submitted order's total on its département's allocation, in the caller's
 * transaction: EnvelopeExhausted, and nothing written, when the allocation cannot take it.
 */
export async function reserveFunds(funds: OrderFunds, tx: Sql): Promise<void> {
  if (await shiftOrderFunds(funds, "reservation", { reservedDelta: funds.cents }, tx)) return;
  const [allocation]: [{ leftCents: number }?] = await tx`
    select cap_cents - reserved_cents - committed_cents - spent_cents as left_cents
    from allocations where campaign_id = ${funds.campaignId} and departement_code = ${funds.departementCode}`;
  if (!allocation) throw new NotFound(`Le département ${funds.departementCode} n'a pas d'allocation dans cette campagne.`);
  throw new EnvelopeExhausted(
    `L'enveloppe du département ${funds.departementCode} ne permet plus cette commande : il y reste ${formatEuros(allocation.leftCents)}, la commande en demande ${formatEuros(funds.cents)}.`,
  );
}

/** Commits an approved order's reserved total. */
export async function commitFunds(funds: OrderFunds, tx: Sql): Promise<void> {
  await mustShift(funds, "commitment", { reservedDelta: -funds.cents, committedDelta: funds.cents }, tx);
}

/** Gives back to the allocation what an order reserved (rejected, cancelled before approval) or committed (cancelled after). */
export async function releaseFunds(funds: OrderFunds & { from: "reserved" | "committed" }, tx: Sql): Promise<void> {
  await mustShift(funds, "release", funds.from === "reserved" ? { reservedDelta: -funds.cents } : { committedDelta: -funds.cents }, tx);
}

/** Spends what a confirmed receipt brought: the received value moves from committed to spent. */
export async function spendFunds(funds: OrderFunds, tx: Sql): Promise<void> {
  await mustShift(funds, "spending", { committedDelta: -funds.cents, spentDelta: funds.cents }, tx);
}

type OrderDeltas = Pick<LedgerEntry, "reservedDelta" | "committedDelta" | "spentDelta">;

// Guarded update, not read-then-write: concurrent orders must not overspend (the race Saleor,
// Medusa and CONSUL shipped). The where clause is the rule; allocation_within_cap says it again.
// The ledger entry is written by the same statement, from the row the update returns: one round
// trip, and no entry without its move.
async function shiftOrderFunds(funds: OrderFunds, kind: LedgerKind, deltas: OrderDeltas, tx: Sql): Promise<boolean> {
  const reserved = deltas.reservedDelta ?? 0;
  const committed = deltas.committedDelta ?? 0;
  const spent = deltas.spentDelta ?? 0;
  const [shifted]: [{ movementId: number }?] = await tx`
    with shifted as (
      update allocations
      set reserved_cents = reserved_cents + ${reserved}, committed_cents = committed_cents + ${committed}, spent_cents = spent_cents + ${spent}
      where campaign_id = ${funds.campaignId} and departement_code = ${funds.departementCode}
        and reserved_cents + ${reserved} >= 0 and committed_cents + ${committed} >= 0 and spent_cents + ${spent} >= 0
        and reserved_cents + committed_cents + spent_cents + ${reserved + committed + spent} <= cap_cents
      returning campaign_id, departement_code
    )
    insert into ledger_entries (campaign_id, movement_id, kind, departement_code, reserved_delta, committed_delta, spent_delta, reason,
                                order_id, actor_id, at)
    select campaign_id, nextval('ledger_movements'), ${kind}, departement_code, ${reserved}::bigint, ${committed}::bigint, ${spent}::bigint,
           ${`Commande n° ${funds.orderId}`}, ${funds.orderId}::bigint, ${funds.actorId}::bigint, ${funds.at}::timestamptz
    from shifted
    returning movement_id`;
  return shifted !== undefined;
}

async function mustShift(funds: OrderFunds, kind: LedgerKind, deltas: OrderDeltas, tx: Sql) {
  // The order's own state says the money is there: a refusal here means the counters disagree with the orders.
  if (!(await shiftOrderFunds(funds, kind, deltas, tx)))
    throw new Conflict(
      `Les compteurs du département ${funds.departementCode} ne couvrent pas la commande n° ${funds.orderId} : rien n'a été modifié.`,
    );
}

export type LedgerDifference = {
  account: string;
  counter: "plafond" | "réservé" | "engagé" | "dépensé" | "réserve";
  counted: number;
  ledger: number;
};

/**
 * Recomputes every counter of a campaign from its ledger and names each difference: the counters
 * are a cache of the ledger, and this is how anyone checks that the cache tells the truth. Each
 * account's entries are summed from its checkpoint on (ledger-checkpoints.server.ts).
 */
export async function verifyLedger(campaignId: number, sql: Sql = db): Promise<LedgerDifference[]> {
  const rows = await sql<{ account: string | null; counter: LedgerDifference["counter"]; counted: number; ledger: number }[]>`
    with ledger as (
      select acc.departement_code, coalesce(cp.cap_cents, 0) + newer.cap as cap, coalesce(cp.reserved_cents, 0) + newer.reserved as reserved,
             coalesce(cp.committed_cents, 0) + newer.committed as committed, coalesce(cp.spent_cents, 0) + newer.spent as spent
      from ${accountsSinceCheckpoint(sql, campaignId)}
    )
    select l.departement_code as account, c.counter, c.counted, c.ledger
    from ledger l
    left join allocations a on a.campaign_id = ${campaignId} and a.departement_code = l.departement_code
    left join distribution_campaigns r on r.id = ${campaignId} and l.departement_code is null
    cross join lateral (values
      ('plafond', a.cap_cents, l.cap), ('réservé', a.reserved_cents, l.reserved),
      ('engagé', a.committed_cents, l.committed), ('dépensé', a.spent_cents, l.spent),
      ('réserve', r.reserve_cents, l.cap)
    ) as c(counter, counted, ledger)
    -- An allocation has no reserve, the reserve no other counter: those pairs are null.
    where c.counted is not null and c.counted <> c.ledger
    order by 1 nulls first, 2`;
  return rows.map((row) => ({ account: row.account ?? "réserve nationale", counter: row.counter, counted: row.counted, ledger: row.ledger }));
}

export type LedgerLine = {
  id: number;
  movementId: number;
  kind: LedgerKind;
  at: Date;
  capDelta: number;
  reservedDelta: number;
  committedDelta: number;
  spentDelta: number;
  reason: string | null;
  actorName: string | null;
  /** For a move: the other account, a département code, or null for the reserve. */
  counterpart: string | null;
};

const LEDGER_PAGE_SIZE = 50;

/** A département's ledger entries in a campaign, the latest first, a page at a time. */
export async function departementLedger(campaignId: number, departementCode: string, page: number, sql: Sql = db): Promise<Paged<LedgerLine>> {
  const [{ total }]: [{ total: number }] = await sql`
    select count(*)::int as total from ledger_entries where campaign_id = ${campaignId} and departement_code = ${departementCode}`;
  const items = await sql<LedgerLine[]>`
    select e.id, e.movement_id, e.kind, e.at, e.cap_delta, e.reserved_delta, e.committed_delta, e.spent_delta, e.reason, u.name as actor_name,
           case when e.kind = 'move' then (select o.departement_code from ledger_entries o where o.movement_id = e.movement_id and o.id <> e.id limit 1) end
             as counterpart
    from ledger_entries e left join users u on u.id = e.actor_id
    where e.campaign_id = ${campaignId} and e.departement_code = ${departementCode}
    order by e.id desc
    limit ${LEDGER_PAGE_SIZE} offset ${offsetOf(page, LEDGER_PAGE_SIZE)}`;
  return paged(items, total, page, LEDGER_PAGE_SIZE);
}
