// A département's chain (decision 035): its entries are chained on their own head, concurrently with
// the main chain's, and verification covers it as it covers the main chain.
import { describe, expect, test } from "vitest";
import { adminDashboard } from "~/accounts/admin.server";
import { appendAudit, listAuditPage } from "~/audit/audit.server";
import { departementChain, MAIN_CHAIN } from "~/audit/chain";
import { db } from "~/infra/db.server";
import { fullCheck } from "../../support/audit-check";
import { asTamperer } from "../../support/tamperer";

const RENNES = departementChain("35");
const LOZERE = departementChain("48");

function append(chain: string | undefined, i: number) {
  return db.begin((tx) => appendAudit(tx, { actorId: null, action: "test.chains", subject: `order:${i}`, data: { i }, chain }));
}

async function idsOf(chain: string) {
  return (await db<{ id: number }[]>`select id from audit_log where chain = ${chain} order by id`).map((row) => row.id);
}

describe("a département's audit chain", () => {
  test("concurrent appends to the main chain and to two départements' chains keep each one valid, from 1 without a gap", async () => {
    const chains = [undefined, RENNES, LOZERE];
    // Each département's first entries race to create its head.
    await Promise.all(Array.from({ length: 30 }, (_, i) => append(chains[i % 3], i)));
    for (const chain of [MAIN_CHAIN, RENNES, LOZERE]) expect(await idsOf(chain), chain).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(await fullCheck(db)).toEqual({ ok: true, count: 30 });
    const page = await listAuditPage({ page: 1, pageSize: 50 });
    expect(page.total).toBe(30);
    expect((await adminDashboard()).auditEntries).toBe(30);
    expect(new Set(page.items.map((entry) => `${entry.chain}:${entry.id}`)).size).toBe(30);
  });

  test("altering an entry of a département's chain is detected, naming the chain and the entry", async () => {
    const [original] = await db<{ data: unknown }[]>`select data from audit_log where chain = ${RENNES} and id = 4`;
    await asTamperer(db, () => db`update audit_log set data = '{"i": -1}' where chain = ${RENNES} and id = 4`);
    const verdict = await fullCheck(db, 3);
    await asTamperer(db, () => db`update audit_log set data = ${db.json(original.data as never)} where chain = ${RENNES} and id = 4`);
    expect(verdict).toEqual({ ok: false, entryId: 4, reason: "chaîne departement:35 : le contenu de l'entrée 4 a été modifié" });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 30 });
  });

  test("an entry moved to another chain, links and id unchanged, no longer matches its hash", async () => {
    // Lozère's first entry as the first of a new chain: same id, same genesis predecessor, same hash.
    const marseille = departementChain("13");
    const [first] = await db<{ hash: string }[]>`select hash from audit_log where chain = ${LOZERE} and id = 1`;
    await db`insert into audit_head (chain, last_id, last_hash) values (${marseille}, 1, ${first.hash})`;
    await asTamperer(db, () => db`update audit_log set chain = ${marseille} where chain = ${LOZERE} and id = 1`);
    const verdict = await fullCheck(db);
    await asTamperer(db, () => db`update audit_log set chain = ${LOZERE} where chain = ${marseille} and id = 1`);
    await db`delete from audit_head where chain = ${marseille}`;
    expect(verdict).toEqual({ ok: false, entryId: 1, reason: "chaîne departement:13 : le contenu de l'entrée 1 a été modifié" });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 30 });
  });

  test("deleting the last entry of a département's chain is detected", async () => {
    const [last] = await db`select * from audit_log where chain = ${LOZERE} and id = 10`;
    await asTamperer(db, () => db`delete from audit_log where chain = ${LOZERE} and id = 10`);
    const verdict = await fullCheck(db);
    await asTamperer(
      db,
      () => db`
        insert into audit_log (chain, id, at, actor_id, action, subject, data, prev_hash, hash)
        values (${last.chain}, ${last.id}, ${last.at}, ${last.actorId}, ${last.action}, ${last.subject}, ${db.json(last.data)}, ${last.prevHash}, ${last.hash})`,
    );
    expect(verdict).toEqual({ ok: false, entryId: 10, reason: "chaîne departement:48 : l'entrée 10 a été supprimée" });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 30 });
  });

  test("a chain is the main one or a département's", async () => {
    const error = await append("ailleurs", 0).catch((e) => e);
    expect(error).toMatchObject({ code: "23514" });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 30 });
  });
});
