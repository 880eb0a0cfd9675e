// The worker's incremental check (decision 044): each run starts from the last entry an earlier run
// found sound, and reads that entry again; what it cannot see — an old entry altered after it was
// checked — the full check catches. Verdicts are stored, and a break stays until a full check.
import { parseCrontab } from "graphile-worker";
import { describe, expect, test } from "vitest";
import { appendAudit } from "~/audit/audit.server";
import { departementChain, MAIN_CHAIN } from "~/audit/chain";
import { checkAuditJournal, journalVerification, STALE_AFTER_MS, VERIFY_AUDIT_TASK } from "~/audit/verification.server";
import { db } from "~/infra/db.server";
import { crontab, taskList } from "~/jobs.server";
import { asTamperer } from "../../support/tamperer";

const RENNES = departementChain("35");

function append(chain: string, i: number) {
  return db.begin((tx) => appendAudit(tx, { actorId: null, action: "test.incremental", subject: `item:${i}`, data: { i }, chain }));
}

async function appendMany(chain: string, count: number) {
  for (let i = 0; i < count; i++) await append(chain, i);
}

const incremental = (now = new Date()) => checkAuditJournal({ full: false, now, batchSize: 4 });
const full = (now = new Date()) => checkAuditJournal({ full: true, now, batchSize: 4 });
const stored = (now = new Date()) => journalVerification({ now });

type Row = Record<string, unknown> & { chain: string; id: number; data: unknown };

async function rowOf(chain: string, id: number): Promise<Row> {
  const [row] = await db<Row[]>`select * from audit_log where chain = ${chain} and id = ${id}`;
  return row;
}

async function putBack(row: Row) {
  await asTamperer(db, async () => {
    await db`delete from audit_log where chain = ${row.chain} and id = ${row.id}`;
    await db`
      insert into audit_log (chain, id, at, actor_id, action, subject, data, prev_hash, hash)
      values (${row.chain}, ${row.id}, ${row.at as Date}, ${row.actorId as number | null}, ${row.action as string}, ${row.subject as string | null},
              ${db.json(row.data as never)}, ${row.prevHash as string}, ${row.hash as string})`;
  });
}

/** How far each chain was found sound, as stored. */
async function verifiedUpTo() {
  return Object.fromEntries(
    (await db<{ chain: string; verifiedId: number }[]>`select chain, verified_id from audit_verification order by chain`).map((row) => [
      row.chain,
      row.verifiedId,
    ]),
  );
}

describe("the incremental check of the audit journal", () => {
  test("never checked, the journal says so; the first run checks everything and stores how far each chain holds", async () => {
    await appendMany(MAIN_CHAIN, 10);
    await appendMany(RENNES, 6);
    expect(await stored()).toMatchObject({ checkedAt: null, fullCheckedAt: null, verified: 0, pending: 16, breaks: [], stale: true });

    const at = new Date();
    expect(await incremental(at)).toEqual({ ok: true, count: 16 });
    expect(await verifiedUpTo()).toEqual({ [MAIN_CHAIN]: 10, [RENNES]: 6 });
    expect(await stored(at)).toEqual({ checkedAt: at, fullCheckedAt: null, verified: 16, pending: 0, breaks: [], stale: false });
  });

  test("entries appended after a check are pending, then verified by the next run", async () => {
    await appendMany(MAIN_CHAIN, 3);
    await appendMany(RENNES, 2);
    expect(await stored()).toMatchObject({ verified: 16, pending: 5 });
    expect(await incremental()).toEqual({ ok: true, count: 21 });
    expect(await verifiedUpTo()).toEqual({ [MAIN_CHAIN]: 13, [RENNES]: 8 });
    expect(await stored()).toMatchObject({ verified: 21, pending: 0, breaks: [] });
  });

  test("an entry appended after the last check, then altered, is caught by the next run", async () => {
    await appendMany(RENNES, 3); // 9, 10, 11
    const original = await rowOf(RENNES, 10);
    await asTamperer(db, () => db`update audit_log set data = '{"i": -1}' where chain = ${RENNES} and id = 10`);
    const verdict = await incremental();
    await putBack(original);
    expect(verdict).toEqual({ ok: false, entryId: 10, reason: "chaîne departement:35 : le contenu de l'entrée 10 a été modifié" });
    expect((await stored()).breaks).toMatchObject([{ chain: RENNES, entryId: 10, reason: "le contenu de l'entrée 10 a été modifié" }]);
    // The sound part of the chain stays counted; the main chain is unaffected.
    expect(await verifiedUpTo()).toEqual({ [MAIN_CHAIN]: 13, [RENNES]: 8 });
  });

  test("a break stays reported by the incremental runs, even once the entry is put back; a full check clears it", async () => {
    expect(await incremental()).toMatchObject({ ok: false, entryId: 10 });
    expect((await stored()).breaks).toHaveLength(1);
    const at = new Date();
    expect(await full(at)).toEqual({ ok: true, count: 24 });
    expect(await stored(at)).toEqual({ checkedAt: at, fullCheckedAt: at, verified: 24, pending: 0, breaks: [], stale: false });
  });

  test("the last entry checked, deleted with nothing appended since, is caught by the next run", async () => {
    const last = await rowOf(MAIN_CHAIN, 13);
    await asTamperer(db, () => db`delete from audit_log where chain = ${MAIN_CHAIN} and id = 13`);
    const verdict = await incremental();
    await putBack(last);
    expect(verdict).toEqual({ ok: false, entryId: 13, reason: "l'entrée 13 a été supprimée" });
    expect(await full()).toEqual({ ok: true, count: 24 });
  });

  test("the last entry checked, deleted and its head moved back to hide it, is caught by the next run", async () => {
    const last = await rowOf(RENNES, 11);
    await asTamperer(db, async () => {
      await db`delete from audit_log where chain = ${RENNES} and id = 11`;
      await db`update audit_head set last_id = 10, last_hash = (select hash from audit_log where chain = ${RENNES} and id = 10) where chain = ${RENNES}`;
    });
    const verdict = await incremental();
    await putBack(last);
    await db`update audit_head set last_id = 11, last_hash = ${last.hash as string} where chain = ${RENNES}`;
    expect(verdict).toEqual({ ok: false, entryId: 11, reason: "chaîne departement:35 : l'entrée 11 a été supprimée" });
    expect(await full()).toEqual({ ok: true, count: 24 });
  });

  test("the last entry checked, rewritten with a hash of its own, is caught by the next run", async () => {
    const last = await rowOf(MAIN_CHAIN, 13);
    await asTamperer(db, () => db`update audit_log set hash = repeat('b', 64) where chain = ${MAIN_CHAIN} and id = 13`);
    const verdict = await incremental();
    await putBack(last);
    expect(verdict).toEqual({ ok: false, entryId: 13, reason: "le contenu de l'entrée 13 a été modifié" });
    expect(await full()).toEqual({ ok: true, count: 24 });
  });

  test("an old entry altered after it was checked escapes the incremental run; the full check catches it", async () => {
    const original = await rowOf(MAIN_CHAIN, 4);
    await asTamperer(db, () => db`update audit_log set data = '{"i": 999}' where chain = ${MAIN_CHAIN} and id = 4`);
    const quick = await incremental();
    const thorough = await full();
    const found = await stored();
    await putBack(original);
    expect(quick).toEqual({ ok: true, count: 24 });
    expect(thorough).toEqual({ ok: false, entryId: 4, reason: "le contenu de l'entrée 4 a été modifié" });
    expect(found.breaks).toMatchObject([{ chain: MAIN_CHAIN, entryId: 4 }]);
    expect(await full()).toEqual({ ok: true, count: 24 });
  });

  test("a verdict older than the check's rhythm allows is said to be stale", async () => {
    const at = new Date();
    await incremental(at);
    expect(await stored(new Date(at.getTime() + STALE_AFTER_MS - 1000))).toMatchObject({ stale: false });
    expect(await stored(new Date(at.getTime() + STALE_AFTER_MS + 1000))).toMatchObject({ stale: true });
  });

  test("the worker's schedule runs the incremental check every five minutes, the full one every night, and the task runs either", async () => {
    const items = parseCrontab(crontab).filter((item) => item.task === VERIFY_AUDIT_TASK);
    const at = (min: number, hour: number) => ({ min, hour, date: 1, month: 12, dow: 2 });
    const incrementalItem = items.find((item) => !item.payload?.full)!;
    const fullItem = items.find((item) => item.payload?.full === true)!;
    expect([0, 5, 55].map((min) => incrementalItem.match(at(min, 14)))).toEqual([true, true, true]);
    expect(incrementalItem.match(at(7, 14))).toBe(false);
    expect(fullItem.match(at(13, 3))).toBe(true);
    expect(fullItem.match(at(13, 4))).toBe(false);

    // The task as the worker calls it: an old entry altered escapes its incremental run, not its full one.
    const original = await rowOf(MAIN_CHAIN, 2);
    await asTamperer(db, () => db`update audit_log set action = 'test.forged' where chain = ${MAIN_CHAIN} and id = 2`);
    const task = taskList[VERIFY_AUDIT_TASK] as (payload: unknown) => Promise<void>;
    await task({ full: false, _cron: {} });
    expect((await stored()).breaks).toEqual([]);
    await task({ full: true, _cron: {} });
    const found = (await stored()).breaks;
    await putBack(original);
    expect(found).toMatchObject([{ chain: MAIN_CHAIN, entryId: 2 }]);
    await task({ full: true });
    expect((await stored()).breaks).toEqual([]);
  });

  test("a chain started since the last check is pending: the journal is still said checked, and the next run covers the new chain", async () => {
    const lozere = departementChain("48");
    const before = (await stored()).checkedAt;
    await appendMany(lozere, 2);
    expect(await stored()).toMatchObject({ checkedAt: before, verified: 24, pending: 2, breaks: [] });
    expect(await incremental()).toEqual({ ok: true, count: 26 });
    expect(await stored()).toMatchObject({ verified: 26, pending: 0 });
  });
});
