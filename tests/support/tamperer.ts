import type { Sql } from "~/infra/db.server";

/** Runs statements on audit_log with its append-only trigger off, as only a superuser could. */
export async function asTamperer(sql: Sql, work: () => Promise<unknown>) {
  await sql.unsafe("alter table audit_log disable trigger audit_log_append_only");
  try {
    await work();
  } finally {
    await sql.unsafe("alter table audit_log enable trigger audit_log_append_only");
  }
}
