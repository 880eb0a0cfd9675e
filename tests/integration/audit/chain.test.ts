import { describe, expect, test } from "vitest";
import { appendAudit, listAuditPage, verifyAuditChain } from "~/audit/audit.server";
import { checkAuditJournal } from "~/audit/verification.server";
import { db } from "~/infra/db.server";
import { createPerson } from "../../support/fixtures";
import { fullCheck } from "../../support/audit-check";
import { asTamperer } from "../../support/tamperer";

async function append(action: string, data: Record<string, unknown> = {}, subject: string | null = null) {
  return db.begin((tx) => appendAudit(tx, { actorId: null, action, subject, data }));
}

type Row = { id: number; at: Date; actorId: number | null; action: string; subject: string | null; data: unknown; prevHash: string; hash: string };

async function storedRow(id: number): Promise<Row> {
  const [row] = await db<Row[]>`select * from audit_log where id = ${id}`;
  return row;
}

async function restore(row: Row) {
  await asTamperer(db, async () => {
    await db`delete from audit_log where id = ${row.id}`;
    await db`
      insert into audit_log (id, at, actor_id, action, subject, data, prev_hash, hash)
      values (${row.id}, ${row.at}, ${row.actorId}, ${row.action}, ${row.subject}, ${db.json(row.data as never)}, ${row.prevHash}, ${row.hash})`;
  });
}

// Someone to impersonate as the author of an entry.
await createPerson(db, { name: "Intrus", email: "intrus@exemple.fr" });

describe("the audit log", () => {
  test("concurrent appends keep one valid chain, in order, with no gap", async () => {
    const before = await fullCheck(db);
    expect(before).toEqual({ ok: true, count: 0 });
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => append("test.concurrent", { i })));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await fullCheck(db)).toEqual({ ok: true, count: 20 });
  });

  test("a check running while entries are appended never reports a false break", async () => {
    const results = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => append("test.racing", { i }).then(() => null)),
      ...Array.from({ length: 3 }, () => verifyAuditChain(db, 3)),
      ...Array.from({ length: 3 }, (_, i) => checkAuditJournal({ full: i === 0, now: new Date(), batchSize: 3 })),
    ]);
    for (const verdict of results.filter(Boolean)) expect(verdict).toMatchObject({ ok: true });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 35 });
  });

  test("a plain UPDATE, DELETE or TRUNCATE of audit_log is refused by the database", async () => {
    for (const statement of ["update audit_log set action = 'forged' where id = 1", "delete from audit_log where id = 1", "truncate audit_log"]) {
      const error = await db.unsafe(statement).catch((e) => e);
      expect(error, statement).toMatchObject({ code: "42501" });
      expect(String(error.message)).toMatch(/audit_log is append-only/);
    }
    expect(await fullCheck(db)).toEqual({ ok: true, count: 35 });
  });

  test.each([
    ["data", `update audit_log set data = '{"i": 999}' where id = 7`],
    ["action", `update audit_log set action = 'test.forged' where id = 7`],
    ["subject", `update audit_log set subject = 'user:1' where id = 7`],
    ["actor", `update audit_log set actor_id = (select min(id) from users) where id = 7`],
    ["time", `update audit_log set at = at - interval '1 day' where id = 7`],
    ["hash, recomputed by a forger who does not fix the next entry", `update audit_log set hash = repeat('a', 64) where id = 7`],
  ])("altering the %s of a stored entry makes verification fail and name that entry", async (_field, statement) => {
    const original = await storedRow(7);
    await asTamperer(db, () => db.unsafe(statement));
    const verdict = await fullCheck(db);
    await restore(original);
    expect(verdict).toMatchObject({ ok: false, entryId: 7 });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 35 });
  });

  test("altering an entry in a later batch of the streamed check names that entry", async () => {
    const original = await storedRow(30);
    await asTamperer(db, () => db`update audit_log set data = '{"i": -1}' where id = 30`);
    const verdict = await fullCheck(db, 4);
    await restore(original);
    expect(verdict).toMatchObject({ ok: false, entryId: 30, reason: "le contenu de l'entrée 30 a été modifié" });
  });

  test("deleting an entry in the middle, or the last one, is detected and named", async () => {
    const middle = await storedRow(12);
    await asTamperer(db, () => db`delete from audit_log where id = 12`);
    const afterMiddle = await fullCheck(db);
    await restore(middle);
    expect(afterMiddle).toMatchObject({ ok: false, entryId: 13 });

    const last = await storedRow(35);
    await asTamperer(db, () => db`delete from audit_log where id = 35`);
    const afterLast = await fullCheck(db);
    await restore(last);
    expect(afterLast).toMatchObject({ ok: false, entryId: 35, reason: "l'entrée 35 a été supprimée" });
    expect(await fullCheck(db)).toEqual({ ok: true, count: 35 });
  });

  test("the journal lists entries newest first, by subject, one page at a time", async () => {
    await append("role.granted", { role: "juror" }, "user:41");
    await append("role.revoked", { role: "juror" }, "user:41");
    await append("role.granted", { role: "maker" }, "user:42");
    const all = await listAuditPage({ page: 1, pageSize: 10 });
    expect(all.total).toBe(38);
    expect(all.pageCount).toBe(4);
    expect(all.items[0]).toMatchObject({ id: 38, action: "role.granted", subject: "user:42", data: { role: "maker" } });
    const about41 = await listAuditPage({ subject: "user:41", page: 1 });
    expect(about41.total).toBe(2);
    expect(about41.items.map((e) => e.action)).toEqual(["role.revoked", "role.granted"]);
    const lastPage = await listAuditPage({ page: 4, pageSize: 10 });
    expect(lastPage.items.map((e) => e.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
