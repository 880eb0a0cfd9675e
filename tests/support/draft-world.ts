// A built portal whose server clock stands in an open contest's submission period, with a
// designer signed in and their draft proposal: the setting of tests that post to the designer's pages.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createSession } from "~/accounts/sessions.server";
import { fromParisLocal } from "~/infra/paris-time";
import { connect } from "~/infra/postgres.server";
import { completeDraft, createOpenContest, createUser } from "./proposal-fixtures";
import { startTestServer } from "./server";

export async function startDraftWorld(pgAdminUrl: string) {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, fromParisLocal("2026-03-10T10:00").toISOString());
  const server = await startTestServer(pgAdminUrl, { NODE_ENV: "test", CLOCK_FILE: clockFile });
  const sql = connect(server.databaseUrl, { max: 2 });
  const contest = await createOpenContest(sql);
  const designerId = await createUser(sql, "Alice");
  await sql`insert into memberships (user_id, role) values (${designerId}, 'designer')`;
  const designerCookie = `kits_session=${(await createSession({ userId: designerId, secondFactor: false }, sql)).token}`;
  const [row] = await sql<{ id: number }[]>`
    insert into proposals (contest_id, owner_id, draft, title)
    values (${contest.id}, ${designerId}, ${sql.json(completeDraft as never)}, ${completeDraft.title}) returning id`;
  return {
    server,
    sql,
    contest,
    designerCookie,
    proposalId: row.id,
    async stop() {
      await sql.end();
      await server.stop();
    },
  };
}

export type DraftWorld = Awaited<ReturnType<typeof startDraftWorld>>;
