// npm run bench — the built portal on its own PostgreSQL, loaded with autocannon at 50 connections,
// against a baseline measured in the same run: bare Node `http` serving the same HTML bytes.
// Machines here are shared and noisy, so the ratio matters more than the absolute figures.
// The public pages and those signed-in people use are measured against the minimal Remix page of 100 items, in
// several passes so that noise can be told from change. Then the image pipeline against raw sharp
// and the jury's benches, the envelope's split, and orders (submission, through HTTP, the audit
// chain's cost). Loopback only. Prints figures, asserts nothing.
// `npm run bench -- --pages`: that comparison only; `npm run bench -- --orders`: the orders' benches only;
// `npm run bench -- --national`: the pages that matter on the national seed (national.ts).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSession } from "../../app/accounts/sessions.server";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { connect } from "../../app/infra/postgres.server";
import { freePort } from "../support/ports";
import { benchImagePipeline } from "./image-pipeline";
import { startMinimalRemix } from "./minimal-remix-server";
import { benchAssignment } from "./assignment";
import { benchRanking } from "./ranking";
import { benchEnvelopeSplit } from "./envelope-split";
import { benchRouting } from "./routing";
import type { AppProcess } from "../support/server";
import { startDemoPortal, type DemoPortal } from "./demo-portal";
import { benchOrderHttp } from "./order-http";
import { benchOrderSubmission } from "./order-submission";
import { benchNational } from "./national";

const root = path.resolve(import.meta.dirname, "../..");
const CONNECTIONS = 50;
const DURATION_S = 5;
const WARMUP_S = 1;
const PASSES = 3;

/** Two public pages, then the pages signed-in people actually use, each as the demo account that uses it. */
const pages: { label: string; path: string; who?: keyof DemoPortal["cookies"] }[] = [
  { label: "Accueil, visiteur anonyme", path: "/" },
  { label: "/concours (page publique)", path: "/concours" },
  { label: "Accueil, candidat connecté", path: "/", who: "designer" },
  { label: "/candidat (propositions du candidat)", path: "/candidat", who: "designer" },
  { label: "/jury (entrées du juré)", path: "/jury", who: "juror" },
  { label: "/admin/utilisateurs", path: "/admin/utilisateurs", who: "admin" },
  { label: "/admin/concours", path: "/admin/concours", who: "admin" },
];

type Figures = { label: string; reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number; cpuMsPerRequest: number | null };

/**
 * Loads a URL; with the serving process's pid, also the CPU time that process spent per request
 * (user + system, from /proc): unlike req/s, it hardly moves when other work shares the machine.
 */
async function load(label: string, url: string, headers: Record<string, string> = {}, pid?: number): Promise<Figures> {
  // A short warm-up (JIT, pools, caches), not counted.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const cpuBefore = pid ? await cpuMs(pid) : null;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const cpuAfter = pid ? await cpuMs(pid) : null;
  return {
    label,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null,
  };
}

/** CPU time used so far by a process, in ms (utime + stime, in clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Bare Node serving fixed bytes, in its own process like the portal, so both compete equally with autocannon. */
async function startBaseline(html: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-bench-"));
  const file = path.join(dir, "page.html");
  await writeFile(file, html);
  const port = await freePort();
  const script = `
    const http = require("node:http");
    const body = require("node:fs").readFileSync(${JSON.stringify(file)});
    http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => console.log("prêt"));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function residentMemoryMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/** The uploading designer of uploadThroughApp, with a session. */
async function signedInCookie(databaseUrl: string) {
  const sql = connect(databaseUrl, { max: 1 });
  try {
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, name, password_hash, email_confirmed_at)
      values ('bench@example.fr', 'Banc d''essai', 'not-a-real-hash', now()) returning id`;
    const { token } = await createSession({ userId: user.id, secondFactor: false }, sql);
    return `kits_session=${token}`;
  } finally {
    await sql.end();
  }
}

/**
 * A 40 MB document posted through the portal's upload route (multipart, streamed into the file
 * store with its SHA-256) against writing the same bytes to disk, median of a few runs each.
 */
async function uploadThroughApp(app: AppProcess, databaseUrl: string, cookie: string) {
  const sql = connect(databaseUrl, { max: 1 });
  let proposalId: number;
  try {
    const [user] = await sql<{ id: number }[]>`select id from users where email = 'bench@example.fr'`;
    await sql`insert into memberships (user_id, role) values (${user.id}, 'designer')`;
    const [contest] = await sql<{ id: number }[]>`
      insert into contests (slug, title, submissions_open_at, submissions_close_at, review_open_at, review_close_at, results_at,
                            themes, audiences, max_documents, max_document_bytes)
      values ('banc', 'Banc d''essai', now() - interval '1 day', now() + interval '1 day', now() + interval '2 days',
              now() + interval '3 days', now() + interval '4 days', '{Thème}', '{Public}', 20, 100 * 1024 * 1024)
      returning id`;
    [{ id: proposalId }] = await sql<{ id: number }[]>`
      insert into proposals (contest_id, owner_id) values (${contest.id}, ${user.id}) returning id`;
  } finally {
    await sql.end();
  }
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(40 * 1024 * 1024 - 9)]);
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-bench-upload-"));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const http: number[] = [];
  const disk: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const form = new FormData();
      form.append("fichier", new Blob([bytes], { type: "application/pdf" }), "plan.pdf");
      let started = performance.now();
      const response = await fetch(`${app.url}/candidat/propositions/${proposalId}/fichiers?nature=document`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: app.url, Accept: "application/json" },
        body: form,
      });
      await response.text();
      http.push(performance.now() - started);
      if (response.status !== 201) throw new Error(`téléversement refusé : ${response.status}`);
      started = performance.now();
      await writeFile(path.join(dir, `copie-${i}`), bytes);
      disk.push(performance.now() - started);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const [h, d] = [median(http), median(disk)];
  console.log(`\n  Téléversement de 40 Mo par le portail (HTTP multipart → stockage, SHA-256) : ${h.toFixed(0)} ms (médiane de 5)`);
  console.log(`  Écriture des mêmes octets sur disque (fs.writeFile) : ${d.toFixed(0)} ms — le portail est à ${(d / h).toFixed(2)}× le disque`);
}

function print(rows: Figures[], baseline: Figures) {
  const pad = (value: string, width: number) => value.padStart(width);
  console.log(`\n  ${"".padEnd(44)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("× base", 9)}${pad("non-2xx", 9)}`);
  for (const row of [baseline, ...rows]) {
    const ratio = row === baseline ? "1.00" : (row.reqPerSec / baseline.reqPerSec).toFixed(3);
    const problems = row.non2xx + row.errors;
    console.log(
      `  ${row.label.padEnd(44)}${pad(row.reqPerSec.toFixed(0), 9)}${pad(String(row.p50), 9)}${pad(String(row.p99), 9)}${pad(ratio, 9)}${pad(String(problems), 9)}`,
    );
  }
}

/**
 * Each pass measures the minimal Remix page, then every signed-in page right after it, so each
 * ratio compares two figures taken under the same load of the machine. Printed per pass.
 */
async function benchPages(portal: DemoPortal) {
  const headers = (who?: keyof DemoPortal["cookies"]): Record<string, string> => (who ? { Cookie: portal.cookies[who] } : {});
  const minimal = await startMinimalRemix();
  const passes: { floor: Figures; pages: Figures[] }[] = [];
  try {
    for (const page of pages) {
      const response = await fetch(`${portal.app.url}${page.path}`, { headers: headers(page.who), redirect: "manual" });
      if (response.status !== 200) throw new Error(`${page.path} répond ${response.status} au compte de démonstration`);
    }
    for (let pass = 1; pass <= PASSES; pass++) {
      console.log(`  passe ${pass}/${PASSES}…`);
      const floor = await load("Page Remix minimale, 100 éléments", minimal.url, {}, minimal.pid);
      const figures: Figures[] = [];
      for (const page of pages) figures.push(await load(page.label, `${portal.app.url}${page.path}`, headers(page.who), portal.app.child.pid));
      passes.push({ floor, pages: figures });
    }
  } finally {
    await minimal.stop();
  }
  const cell = (values: string[]) => values.join(" / ").padStart(22);
  console.log(`\n  Pages du portail contre la page Remix minimale, ${CONNECTIONS} connexions, ${PASSES} passes (valeurs par passe) :`);
  console.log(
    `  ${"".padEnd(40)}${"req/s".padStart(22)}${"p99 ms".padStart(22)}${"× Remix (req/s)".padStart(22)}${"ms CPU/requête".padStart(22)}${"× Remix (CPU)".padStart(22)}${"non-2xx".padStart(9)}`,
  );
  const rows = [passes.map((p) => p.floor), ...pages.map((_, i) => passes.map((p) => p.pages[i]))];
  const ratio = (a: number | null, b: number | null) => (a && b ? (a / b).toFixed(2) : "?");
  rows.forEach((figures) => {
    const ratios = figures.map((f, pass) => ratio(f.reqPerSec, passes[pass].floor.reqPerSec));
    const cpu = figures.map((f) => f.cpuMsPerRequest?.toFixed(2) ?? "?");
    // Capacity by CPU: how many of this page the process serves for one minimal page's CPU time.
    const cpuRatios = figures.map((f, pass) => ratio(passes[pass].floor.cpuMsPerRequest, f.cpuMsPerRequest));
    const problems = figures.reduce((sum, f) => sum + f.non2xx + f.errors, 0);
    console.log(
      `  ${figures[0].label.padEnd(40)}${cell(figures.map((f) => f.reqPerSec.toFixed(0)))}${cell(figures.map((f) => String(f.p99)))}${cell(ratios)}${cell(cpu)}${cell(cpuRatios)}${String(problems).padStart(9)}`,
    );
  });
}

async function main() {
  const pagesOnly = process.argv.includes("--pages");
  console.log("Construction de l'application (remix build)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], { cwd: root, stdio: "ignore" });
  if (process.argv.includes("--orders")) return benchOrders();
  if (process.argv.includes("--national")) return benchNational();

  let portal: DemoPortal | undefined;
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  try {
    console.log("PostgreSQL embarqué avec la démonstration, et portail (mode production)…");
    portal = await startDemoPortal();
    const { app } = portal;
    if (!pagesOnly) {
      const cookie = await signedInCookie(portal.pg.url);
      const home = await fetch(`${app.url}/`);
      const html = await home.text();
      if (home.status !== 200) throw new Error(`la page d'accueil répond ${home.status}`);
      baseline = await startBaseline(html);
      console.log(`Page d'accueil : ${Buffer.byteLength(html)} octets. ${CONNECTIONS} connexions, ${DURATION_S} s par mesure.`);

      const base = await load("Node http nu, mêmes octets (référence)", baseline.url);
      const rows = [await load("Accueil, visiteur anonyme", `${app.url}/`), await load("/healthz (ping PostgreSQL)", `${app.url}/healthz`)];
      const rss = await residentMemoryMb(app.child.pid!);
      print(rows, base);
      console.log(`\n  Mémoire résidente du portail après la charge : ${rss ?? "?"} Mo (cible < 400 Mo)`);
      await uploadThroughApp(app, portal.pg.url, cookie);
    }
    await benchPages(portal);
    console.log("  Cible (docs/architecture.md) : pages ≥ 1,0× une page Remix minimale, p99 < 300 ms à 50 connexions.\n");
  } finally {
    await baseline?.stop();
    await portal?.stop();
  }
  if (pagesOnly) return;
  // The image pipeline against raw sharp (issue 3), on its own PostgreSQL.
  await benchImagePipeline();
  // The jury: assignment of 5,000 entries × 3 reviews × 200 jurors, and the ranking of 15,000 scores.
  await benchAssignment();
  await benchRanking();
  // The envelope: €40M split over the 101 départements, and over every commune.
  await benchEnvelopeSplit();
  // The routing of orders: 100,000 order lines to 500 makers, against the greedy nearest-first.
  await benchRouting();
  await benchOrders();
}

/** Orders: submitOrder against its SQL run bare and the audit chain's cost, then 64 clients through HTTP. */
async function benchOrders() {
  await benchOrderSubmission();
  await benchOrderHttp();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
