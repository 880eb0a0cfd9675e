// A built portal whose server clock stands in an open contest's submission period, with a
// designer signed in and their draft proposal: the setting of tests that post to the designer's pages.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connect } from "~/infra/postgres.server";
import { saveDraft } from "~/submissions/proposals.server";
import { duringSubmissions } from "./calendar";
import { completeDraft, createDesigner, draftProposal, sessionCookie } from "./fixtures";
import { startTestServer } from "./server";

export async function startDraftWorld(pgAdminUrl: string) {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, duringSubmissions.toISOString());
  const server = await startTestServer(pgAdminUrl, { NODE_ENV: "test", CLOCK_FILE: clockFile });
  const sql = connect(server.databaseUrl, { max: 2 });
  const owner = await createDesigner(sql, { name: "Alice" });
  const { contest, proposalId } = await draftProposal(sql, { ownerId: owner.id });
  await saveDraft({ proposalId, ownerId: owner.id, draft: completeDraft, now: duringSubmissions }, sql);
  const designerCookie = await sessionCookie(sql, owner.id, false);
  return {
    server,
    sql,
    contest,
    designerCookie,
    proposalId,
    async stop() {
      await sql.end();
      await server.stop();
    },
  };
}

export type DraftWorld = Awaited<ReturnType<typeof startDraftWorld>>;
