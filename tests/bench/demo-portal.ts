// The built portal on its own PostgreSQL holding the demo (accounts, contests, proposals, jury), with
// a session for each of the people the signed-in benches play: the designer, a juror, the admin.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createSession } from "../../app/accounts/sessions.server";
import { connect } from "../../app/infra/postgres.server";
import { startAppProcess, startOwnPostgres, type AppProcess, type OwnPostgres } from "../support/server";

const root = path.resolve(import.meta.dirname, "../..");

export type DemoPortal = {
  app: AppProcess;
  pg: OwnPostgres;
  /** Cookie headers of signed-in demo accounts (second factor given for those who need it). */
  cookies: { designer: string; juror: string; admin: string };
  stop: () => Promise<void>;
};

export async function startDemoPortal(options: { nodeArgs?: string[] } = {}): Promise<DemoPortal> {
  const pg = await startOwnPostgres("kits_bench");
  const blobDir = await mkdtemp(path.join(os.tmpdir(), "kits-bench-blobs-"));
  let app: AppProcess | undefined;
  try {
    execFileSync(process.execPath, ["--import", "tsx", "db/cli.ts", "seed"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: pg.url, BLOB_DIR: blobDir, LOG_LEVEL: "error" },
      stdio: "ignore",
    });
    // WORKER=off: the measures are the web process's; processing the benched uploads would compete.
    app = await startAppProcess({ databaseUrl: pg.url, env: { LOG_LEVEL: "error", WORKER: "off", BLOB_DIR: blobDir }, nodeArgs: options.nodeArgs });
    const cookies = {
      designer: await signIn(pg.url, "candidat@demo.kits-inclusion.fr"),
      juror: await signIn(pg.url, "jury@demo.kits-inclusion.fr"),
      admin: await signIn(pg.url, "gestionnaire@demo.kits-inclusion.fr"),
    };
    const started = app;
    return {
      app,
      pg,
      cookies,
      async stop() {
        await started.stop();
        await pg.destroy();
        await rm(blobDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.stop();
    await pg.destroy();
    await rm(blobDir, { recursive: true, force: true });
    throw error;
  }
}

async function signIn(databaseUrl: string, email: string) {
  const sql = connect(databaseUrl, { max: 1 });
  try {
    const [user] = await sql<{ id: number }[]>`select id from users where email = ${email}`;
    const { token } = await createSession({ userId: user.id, secondFactor: true }, sql);
    return `kits_session=${token}`;
  } finally {
    await sql.end();
  }
}
