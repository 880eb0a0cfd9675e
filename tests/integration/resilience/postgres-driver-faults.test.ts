// The postgres.js 3.4.9 faults that would kill the process, reproduced against a real PostgreSQL:
// its internal array-types query (run unawaited on each new connection) failing ends in an unhandled
// rejection (porsager/postgres#1192, #1205). A 1 ms statement_timeout makes it fail every time.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { postgresJsTarget } from "~/infra/postgres.server";

const root = path.resolve(import.meta.dirname, "../../..");

function run(options: { guard: boolean; ownBug?: boolean }): Promise<{ code: number | null; output: string }> {
  const script = `
    import postgres from "postgres";
    import { guardAgainstPostgresCrash } from "./app/infra/db.server.ts";
    ${options.guard ? "guardAgainstPostgresCrash();" : ""}
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {}, connection: { statement_timeout: 1 } });
    // The driver sends this only once its array-types query has failed (and gone unhandled).
    try { await sql\`select 1\`; } catch { /* this one is ours to handle, and handled */ }
    ${options.ownBug ? "const forgotten = postgres(process.env.DATABASE_URL, { max: 1 })`select * from table_qui_n_existe_pas`; forgotten.then(() => {}); await forgotten.catch(() => {});" : ""}
    // Node reports unhandled rejections once the pending microtasks have run: one turn of the loop.
    await new Promise((r) => setImmediate(r));
    console.log("toujours en vie");
    process.exit(0);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      // The driver is used bare here: the URL it can read (the socket directory taken out: TCP).
      env: { ...process.env, DATABASE_URL: postgresJsTarget(process.env.DATABASE_URL!).url, LOG_LEVEL: "warn" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("postgres.js driver faults", () => {
  test("unguarded, the failing internal array-types query kills the process (the fault is real)", async () => {
    const { code, output } = await run({ guard: false });
    expect(output).not.toContain("toujours en vie");
    expect(output).toMatch(/canceling statement due to statement timeout/);
    expect(code).not.toBe(0);
  });

  test("guarded, the process survives it and logs a warning", async () => {
    const { code, output } = await run({ guard: true });
    expect(output).toContain("postgres.js a levé une exception interne");
    expect(output).toContain("toujours en vie");
    expect(code).toBe(0);
  });

  test("guarded, an unhandled rejection of one of our own queries still stops the process", async () => {
    const { code, output } = await run({ guard: true, ownBug: true });
    expect(output).toContain("exception non rattrapée");
    expect(output).toMatch(/table_qui_n_existe_pas/);
    expect(output).not.toContain("toujours en vie");
    expect(code).toBe(1);
  });
});
