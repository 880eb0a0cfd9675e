// The ledger's checkpoints (decision 050): verifyLedger sums each account's entries from its
// checkpoint on and must find what a sum of every entry finds; an entry still being written when a
// checkpoint is taken is waited for, never skipped; the nightly run starts again from the first entry.
import { parseCrontab } from "graphile-worker";
import { beforeAll, describe, expect, test } from "vitest";
import { createCampaign, type Campaign } from "~/envelope/campaigns.server";
import { ADVANCE_LEDGER_CHECKPOINTS_TASK, advanceLedgerCheckpoints } from "~/envelope/ledger-checkpoints.server";
import { moveFunds, verifyLedger } from "~/envelope/ledger.server";
import { db, type Sql } from "~/infra/db.server";
import { crontab, taskList } from "~/jobs.server";
import { eventually } from "../../support/eventually";
import { reserveOnLedger } from "../../support/ledger-reservation";

const now = new Date("2026-03-02T09:00:00Z");
let adminId: number;
let campaign: Campaign;

beforeAll(async () => {
  const [admin] = await db<{ id: number }[]>`
    insert into users (email, name, password_hash) values ('checkpoints-admin@exemple.fr', 'Admin points de contrôle', 'x') returning id`;
  adminId = admin.id;
  campaign = await createCampaign({
    name: "Campagne des points de contrôle",
    nationalCapCents: 4_000_000_000,
    reserve: { percent: 5 },
    opensAt: new Date("2026-04-01T08:00:00Z"),
    closesAt: new Date("2026-10-01T20:00:00Z"),
    actorId: adminId,
    now,
  });
});

type Account = "reserve" | { departementCode: string };

function move(from: Account, to: Account, cents: number) {
  return moveFunds({ campaignId: campaign.id, from, to, cents, reason: "Mouvement de test", actorId: adminId, now });
}

function reserve(tx: Sql, departementCode: string, cents: number) {
  return reserveOnLedger(tx, { campaignId: campaign.id, departementCode, cents, at: now });
}

/** Each account's sums over every one of its entries, the way the check was done before checkpoints. */
async function sumsOfEveryEntry() {
  return db<{ account: string; cap: number; up: number }[]>`
    select coalesce(departement_code, 'réserve') as account, sum(cap_delta)::bigint as cap, max(id) as up
    from ledger_entries where campaign_id = ${campaign.id} group by 1 order by 1`;
}

async function checkpoints() {
  return db<{ account: string; cap: number; up: number }[]>`
    select account, cap_cents as cap, up_to_id as up from ledger_checkpoints where campaign_id = ${campaign.id} order by 1`;
}

describe("the ledger's checkpoints", () => {
  test("each counter is checked against all of its entries: those summed in the checkpoint and those written since", async () => {
    expect(await verifyLedger(campaign.id)).toEqual([]);
    await move("reserve", { departementCode: "01" }, 10_000);
    await advanceLedgerCheckpoints({ full: false, now });
    // The checkpoint holds every entry so far, as a sum of all of them does.
    expect(await checkpoints()).toEqual(await sumsOfEveryEntry());
    await move({ departementCode: "01" }, { departementCode: "2A" }, 4_000);
    await move({ departementCode: "2A" }, "reserve", 1_000);
    expect(await verifyLedger(campaign.id)).toEqual([]);

    // A counter altered by hand is named, whether its entries are in the checkpoint or written since.
    await db`update allocations set reserved_cents = reserved_cents + 500 where campaign_id = ${campaign.id} and departement_code = '01'`;
    expect(await verifyLedger(campaign.id)).toEqual([{ account: "01", counter: "réservé", counted: 500, ledger: 0 }]);
    await advanceLedgerCheckpoints({ full: false, now });
    expect(await checkpoints()).toEqual(await sumsOfEveryEntry());
    expect(await verifyLedger(campaign.id)).toEqual([{ account: "01", counter: "réservé", counted: 500, ledger: 0 }]);
    await db`update allocations set reserved_cents = reserved_cents - 500 where campaign_id = ${campaign.id} and departement_code = '01'`;
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("an entry still being written when the checkpoint is taken is waited for, not skipped", async () => {
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const entryWritten = new Promise<void>((resolve) => (written = resolve));
    // This reservation's entry gets its id now, but is committed only after a later one's.
    const slow = db.begin(async (tx) => {
      await reserve(tx, "974", 2_500);
      written();
      await held;
    });
    await entryWritten;
    await db.begin((tx) => reserve(tx, "33", 700));

    let finished = false;
    const advancing = advanceLedgerCheckpoints({ full: false, now }).then(() => (finished = true));
    // The run must have taken its look at the ledger (and be waiting) before the slow entry commits.
    await eventually(
      "le point de contrôle attend l'écriture en cours",
      async () => {
        const [row] = await db<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity
          where wait_event_type = 'Lock' and query like 'lock table ledger_entries%'`;
        return row.waiting === 1 || finished;
      },
      (ready) => ready,
    );
    commit();
    await slow;
    await advancing;
    expect(await checkpoints()).toEqual(await sumsOfEveryEntry());
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("the nightly run sums every entry again: an old entry altered behind the trigger's back shows only then", async () => {
    await advanceLedgerCheckpoints({ full: false, now });
    const [entry] = await db<{ id: number }[]>`
      select id from ledger_entries where campaign_id = ${campaign.id} and departement_code = '01' and kind = 'move' order by id limit 1`;
    const tamper = (delta: number) =>
      db.begin(async (tx) => {
        await tx.unsafe("alter table ledger_entries disable trigger ledger_entries_append_only");
        await tx`update ledger_entries set cap_delta = cap_delta + ${delta} where id = ${entry.id}`;
        await tx.unsafe("alter table ledger_entries enable trigger ledger_entries_append_only");
      });
    await tamper(1);
    try {
      // Between two nightly runs the checkpoint stands for the entries it summed.
      expect(await verifyLedger(campaign.id)).toEqual([]);
      const task = taskList[ADVANCE_LEDGER_CHECKPOINTS_TASK] as (payload: unknown) => Promise<void>;
      await task({ full: true, _cron: {} });
      expect(await verifyLedger(campaign.id)).toEqual([expect.objectContaining({ account: "01", counter: "plafond" })]);
    } finally {
      await tamper(-1);
    }
    await advanceLedgerCheckpoints({ full: true, now });
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("the worker carries the checkpoints forward every five minutes, and starts again from the first entry every night", () => {
    const items = parseCrontab(crontab).filter((item) => item.task === ADVANCE_LEDGER_CHECKPOINTS_TASK);
    const at = (min: number, hour: number) => ({ min, hour, date: 1, month: 12, dow: 2 });
    const incremental = items.find((item) => !item.payload?.full)!;
    const full = items.find((item) => item.payload?.full === true)!;
    expect([0, 5, 55].map((min) => incremental.match(at(min, 14)))).toEqual([true, true, true]);
    expect(incremental.match(at(7, 14))).toBe(false);
    expect(full.match(at(43, 3))).toBe(true);
    expect(full.match(at(43, 4))).toBe(false);
  });
});
