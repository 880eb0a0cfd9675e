// NAT_PATH=/admin/concours/<slug>/deliberation NAT_WHO=admin npx tsx natprof.probe.ts [--prof]
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os"; import path from "node:path";
import autocannon from "autocannon";
import { createSession } from "./app/accounts/sessions.server";
import { connect } from "./app/infra/postgres.server";
import { startAppProcess } from "./tests/support/server";
import { readMainProfile, summarise } from "./tests/bench/profile";
const [url, blobDir] = readFileSync("/tmp/natdb.url", "utf8").trim().split("\n");
const prof = process.argv.includes("--prof");
const dir = await mkdtemp(path.join(os.tmpdir(), "natprof-"));
const sql = connect(url, { max: 1 });
const [{ slug }] = await sql`select slug from contests order by id limit 1`;
const [{ userId }] = await sql`select user_id from memberships where role = 'admin' order by user_id limit 1`;
const { token } = await createSession({ userId, secondFactor: true }, sql);
await sql.end();
const page = (process.env.NAT_PATH ?? "/admin/concours/SLUG/deliberation").replace("SLUG", slug);
const app = await startAppProcess({ databaseUrl: url, env: { LOG_LEVEL: "error", WORKER: "off", BLOB_DIR: blobDir }, nodeArgs: prof ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [] });
const headers = { Cookie: `kits_session=${token}` };
const cpuMs = (pid: number) => { const s = readFileSync(`/proc/${pid}/stat`, "utf8"); const f = s.slice(s.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
let t0 = 0, t1 = 0, exitAt = 0;
try {
  const r0 = await fetch(app.url + page, { headers, redirect: "manual" });
  const body = await r0.arrayBuffer();
  console.log(page, r0.status, body.byteLength, "bytes");
  for (let i = 0; i < 3; i++) { const s = performance.now(); await (await fetch(app.url + page, { headers })).arrayBuffer(); console.log("alone", (performance.now() - s).toFixed(1), "ms"); }
  await autocannon({ url: app.url + page, connections: 50, duration: 2, headers });
  const c0 = cpuMs(app.child.pid!); t0 = performance.now();
  const r = await autocannon({ url: app.url + page, connections: 50, duration: 8, headers });
  t1 = performance.now(); const c1 = cpuMs(app.child.pid!);
  console.log(`${r.requests.average.toFixed(1)} req/s p99 ${r.latency.p99} non2xx ${r.non2xx} cpu ${((c1 - c0) / r.requests.total).toFixed(2)} ms/req`);
} finally { await app.stop(); exitAt = performance.now(); }
if (prof) {
  const { file, profile } = await readMainProfile(dir);
  summarise(profile, profile.endTime - (exitAt - t0) * 1000, profile.endTime - (exitAt - t1) * 1000);
  console.log(file);
}
