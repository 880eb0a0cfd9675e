import { mkdtemp, writeFile, cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { connect, db } from "~/infra/db.server";
import { migrate, migrationsDir, MigrationError } from "../../../db/migrate";

describe("migrations", () => {
  test("the template is fully migrated and a second run applies nothing", async () => {
    const rows = await db<{ name: string }[]>`select name from schema_migrations order by version`;
    expect(rows.map((r) => r.name)).toContain("0001_accounts.sql");
    expect(await migrate(db)).toEqual([]);
  });

  test("two processes migrating together apply each migration once", async () => {
    await db`delete from schema_migrations where version = 2`;
    await db.unsafe(
      "drop table mail_outbox; drop trigger audit_log_append_only on audit_log; drop table audit_log; drop table audit_head cascade; drop function audit_log_is_append_only()",
    );
    const a = connect(process.env.DATABASE_URL!, { max: 1 });
    const b = connect(process.env.DATABASE_URL!, { max: 1 });
    const [first, second] = await Promise.all([migrate(a), migrate(b)]);
    await Promise.all([a.end(), b.end()]);
    expect([...first, ...second]).toEqual(["0002_audit_and_mail.sql"]);
  });

  test("an applied migration that was edited stops the start with a clear message", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kits-migrations-"));
    await cp(migrationsDir, dir, { recursive: true });
    await writeFile(path.join(dir, "0001_accounts.sql"), "-- edited\n", { flag: "a" });
    const error = await migrate(db, { dir }).catch((e) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toMatch(/0001_accounts\.sql a été modifiée après avoir été appliquée/);
  });
});
