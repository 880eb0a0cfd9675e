// npm run bench -- --national: the pages that matter at national size (issue 11), on the national
// seed at scale 1 — 5,000 proposals, 50,000 structures, 100,000 order lines — each loaded at 50
// connections against the minimal Remix page measured in the same run, before and after the pages.
// Seeds a fresh embedded PostgreSQL (and reports the seed's time), or reuses a seeded database:
// NATIONAL_DATABASE_URL (with NATIONAL_BLOB_DIR, the files it was seeded with). NATIONAL_SCALE
// changes the scale of a fresh seed. `--only <substring>` (repeatable) measures the pages whose label
// or path contains it. Prints each page's figures as soon as measured, asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createSession } from "../../app/accounts/sessions.server";
import { fsBlobStore } from "../../app/infra/blobs/fs-blob-store.server";
import { generateOpenData } from "../../app/open-data/files.server";
import type { Sql } from "../../app/infra/db.server";
import { connect } from "../../app/infra/postgres.server";
import { startAppProcess, startOwnPostgres, type OwnPostgres } from "../support/server";
import { startMinimalRemix } from "./minimal-remix-server";

const root = path.resolve(import.meta.dirname, "../..");
const CONNECTIONS = 50;
// Longer than the other benches: at this size a page under 50 connections may take seconds, and a
// request still running when the measure ends is not counted.
const DURATION_S = 10;
const WARMUP_S = 2;
const P99_TARGET_MS = 300;

type Who = "admin" | "instructor" | "structure" | "maker" | "anonymous";

/** The pages measured, by who looks at them. */
function pagesOf(slug: string, departement: string): { label: string; path: string; who: Who; headers?: Record<string, string> }[] {
  const contest = `/admin/concours/${slug}`;
  return [
    { label: "Propositions (5 000), toutes", path: `${contest}/propositions`, who: "admin" },
    { label: "Propositions, lauréates", path: `${contest}/propositions?statut=laureate`, who: "admin" },
    { label: "Propositions, un thème", path: `${contest}/propositions?theme=${encodeURIComponent("Réseaux sociaux")}`, who: "admin" },
    { label: "Propositions, export CSV", path: `${contest}/propositions.csv`, who: "admin" },
    { label: "Délibération", path: `${contest}/deliberation`, who: "admin" },
    { label: "Structures à vérifier", path: "/admin/structures", who: "admin" },
    { label: "Structures, toutes", path: "/admin/structures?statut=all", who: "admin" },
    { label: `Structures vérifiées du ${departement}`, path: `/admin/structures?statut=verified&departement=${departement}`, who: "admin" },
    { label: "Commandes à instruire", path: "/admin/commandes", who: "admin" },
    { label: "Commandes, toutes", path: "/admin/commandes?statut=all", who: "admin" },
    { label: `Commandes closes du ${departement}`, path: `/admin/commandes?statut=closed&departement=${departement}`, who: "admin" },
    { label: "Commandes, recherche", path: `/admin/commandes?statut=all&recherche=${encodeURIComponent("Médiathèque")}`, who: "admin" },
    { label: "Commandes de plus de 30 jours", path: "/admin/commandes?statut=all&anciennete=30", who: "admin" },
    { label: "Enveloppe", path: "/admin/enveloppe", who: "admin" },
    { label: "Fabricants", path: "/admin/fabricants", who: "admin" },
    { label: "Retours d'usage", path: "/admin/retours", who: "admin" },
    { label: "Journal", path: "/admin/journal", who: "admin" },
    { label: `File de l'instruction (${departement})`, path: "/instruction/commandes", who: "instructor" },
    { label: "Instruction, toutes les commandes", path: "/instruction/commandes?statut=all", who: "instructor" },
    { label: "Commandes d'une structure", path: "/structure/commandes", who: "structure" },
    { label: "Commandes d'un fabricant", path: "/fabricant/commandes", who: "maker" },
    { label: "Catalogue (public)", path: "/catalogue", who: "anonymous" },
    { label: "Lauréats (public)", path: "/laureats", who: "anonymous" },
    { label: "Répartition (public)", path: "/distribution", who: "anonymous" },
    { label: "Données du programme (public)", path: "/donnees", who: "anonymous" },
    { label: "Carte, euros (public)", path: "/donnees?mesure=euros", who: "anonymous" },
    { label: `Données du ${departement} (public)`, path: `/donnees/departements/${departement}`, who: "anonymous" },
    // As a browser or `curl --compressed` asks for it: the copy the worker compressed (decision 047).
    {
      label: "Données ouvertes : grand livre (CSV, gzip)",
      path: "/donnees/fichiers/grand-livre.csv",
      who: "anonymous",
      headers: { "Accept-Encoding": "gzip" },
    },
    { label: "Suivi de la distribution (national)", path: "/admin/tableau-de-bord", who: "admin" },
    { label: `Suivi de la distribution (${departement})`, path: "/instruction/tableau-de-bord", who: "instructor" },
    { label: "Suivi : structures sans commande (CSV)", path: "/admin/tableau-de-bord/export/structures-sans-commande", who: "admin" },
  ];
}

type Figures = { reqPerSec: number; p99: number; problems: number; aloneMs: number };
type Outcome = ({ kind: "measured"; drain: Drain } & Figures) | { kind: "too slow alone"; aloneMs: number } | { kind: "failed"; status: number };
/** How the server ended a page's load: caught up alone, once its statements were cancelled, or not at all. */
type Drain = "caught up" | "cancelled" | "stuck";

// Bounds that keep a run of 31 pages within about 12 minutes however slow the pages are: a page
// costs at most its alone probe, the warm-up, the measure and the drain (about 21 s).
const ALONE_CAP_MS = 2_000;
const DRAIN_CAP_MS = 3_000;
// The server has caught up once its ping answers this fast (it queues behind abandoned requests).
const CAUGHT_UP_MS = 250;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request at a time, median of up to three, within ALONE_CAP_MS in all: what the page costs
 * before any queueing. `capped`: a request was still running at the cap, and abandoned.
 */
async function alone(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; capped: boolean }> {
  const times: number[] = [];
  const deadline = performance.now() + ALONE_CAP_MS;
  while (times.length < 3 && performance.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - started))) });
      await response.arrayBuffer();
      if (response.status !== 200) return { ms: performance.now() - started, status: response.status, capped: false };
      times.push(performance.now() - started);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === "TimeoutError")) throw error;
      return { ms: ALONE_CAP_MS, status: 200, capped: true };
    }
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor((times.length - 1) / 2)]!, status: 200, capped: false };
}

/**
 * Waits, DRAIN_CAP_MS at most, until the database runs no statement for the app and the app's ping
 * answers promptly; past that, cancels the app's statements until it has caught up (DRAIN_CAP_MS
 * more at most). The requests abandoned when a measure ends keep running in the server and would
 * otherwise weigh on the next page. Returns whether it had to cancel anything.
 */
async function drain(sql: Sql, appUrl: string): Promise<Drain> {
  const active = () => sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;
  const caughtUp = async () => {
    if ((await active()).length > 0) return false;
    const started = performance.now();
    try {
      await (await fetch(`${appUrl}/healthz`, { signal: AbortSignal.timeout(4 * CAUGHT_UP_MS) })).arrayBuffer();
    } catch {
      return false;
    }
    return performance.now() - started < CAUGHT_UP_MS;
  };
  const deadline = performance.now() + DRAIN_CAP_MS;
  let cancelled = false;
  for (let twice = 0; performance.now() < deadline + DRAIN_CAP_MS; await pause(100)) {
    if (performance.now() >= deadline) {
      for (const { pid } of await active()) await sql`select pg_cancel_backend(${pid})`;
      cancelled = true;
    }
    twice = (await caughtUp()) ? twice + 1 : 0;
    if (twice === 2) return cancelled ? "cancelled" : "caught up";
  }
  return "stuck";
}

/** The page loaded at 50 connections, unless one request alone outlasts ALONE_CAP_MS: none would end within the measure. */
async function load(url: string, headers: Record<string, string>, app?: { sql: Sql; url: string }): Promise<Outcome> {
  const probe = await alone(url, headers);
  if (probe.status !== 200) return { kind: "failed", status: probe.status };
  // The minimal page (no app given) is always loaded: it is the floor every page is compared to.
  if (app && probe.capped) return { kind: "too slow alone", aloneMs: probe.ms };
  // A request longer than the measure is not counted anyway: no need to wait for it longer.
  const options = { url, connections: CONNECTIONS, headers, timeout: DURATION_S };
  await autocannon({ ...options, duration: WARMUP_S });
  const result = await autocannon({ ...options, duration: DURATION_S });
  const drained = app ? await drain(app.sql, app.url) : "caught up";
  return {
    kind: "measured",
    reqPerSec: result.requests.total / DURATION_S,
    p99: result.latency.p99,
    problems: result.non2xx + result.errors + result.timeouts,
    aloneMs: probe.ms,
    drain: drained,
  };
}

/** The baseline's figures; the minimal page never fails nor drags. */
async function loadMinimal(url: string): Promise<Figures> {
  const outcome = await load(url, {});
  if (outcome.kind !== "measured") throw new Error(`la page Remix minimale n'a pas été mesurée (${outcome.kind})`);
  return outcome;
}

/** `--only <substring>` (repeatable): the pages whose label or path contains one of them. */
function selectedBy(argv: string[]) {
  const wanted = argv.flatMap((arg, i) => (argv[i - 1] === "--only" ? [arg.toLowerCase()] : []));
  return (page: { label: string; path: string }) =>
    wanted.length === 0 || wanted.some((w) => page.label.toLowerCase().includes(w) || decodeURIComponent(page.path).toLowerCase().includes(w));
}

/** A fresh database seeded at `scale` through the CLI (as a person would), and how long it took. */
async function seededDatabase(scale: string): Promise<{ url: string; blobDir: string; pg?: OwnPostgres; seedSeconds?: number }> {
  const given = process.env.NATIONAL_DATABASE_URL;
  if (given) return { url: given, blobDir: process.env.NATIONAL_BLOB_DIR ?? path.join(os.tmpdir(), "kits-national-blobs") };
  const pg = await startOwnPostgres("kits_national");
  const blobDir = await mkdtemp(path.join(os.tmpdir(), "kits-national-blobs-"));
  console.log(`Jeu de données national, échelle ${scale} (npm run db:seed:national)…`);
  const started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", "db/national-seed/cli.ts", "--scale", scale], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pg.url, BLOB_DIR: blobDir, LOG_LEVEL: "error" },
    stdio: "inherit",
  });
  return { url: pg.url, blobDir, pg, seedSeconds: (performance.now() - started) / 1000 };
}

/** Signed-in sessions of the people the pages are for, chosen where the data is densest; the open-data files written. */
async function sessions(databaseUrl: string, blobDir: string, openData: boolean) {
  const sql = connect(databaseUrl, { max: 1 });
  try {
    const [{ slug }] = await sql<{ slug: string }[]>`select slug from contests order by id limit 1`;
    const [{ departement }] = await sql<{ departement: string }[]>`
      select departement_code as departement from orders group by departement_code order by count(*) desc, departement_code limit 1`;
    const ids = await sql<{ who: Who; userId: number }[]>`
      select 'admin' as who, (select user_id from memberships where role = 'admin' order by user_id limit 1) as user_id
      union all select 'instructor', (select user_id from memberships where role = 'instructor' and scope = ${`departement:${departement}`} limit 1)
      union all select 'structure', (select m.user_id from memberships m join orders o on m.scope = 'structure:' || o.structure_id
                                     where m.role = 'structure' group by m.user_id order by count(*) desc, m.user_id limit 1)
      union all select 'maker', (select m.user_id from memberships m join fulfilments f on m.scope = 'maker:' || f.maker_id
                                 where m.role = 'maker' group by m.user_id order by count(*) desc, m.user_id limit 1)`;
    const cookies: Record<Who, Record<string, string>> = { anonymous: {}, admin: {}, instructor: {}, structure: {}, maker: {} };
    for (const { who, userId } of ids) {
      const { token } = await createSession({ userId, secondFactor: true }, sql);
      cookies[who] = { Cookie: `kits_session=${token}` };
    }
    // The worker's job, done here: the open-data files must exist before they are downloaded.
    if (openData) await generateOpenData({ sql, store: fsBlobStore(blobDir), now: new Date() });
    return { slug, departement, cookies };
  } finally {
    await sql.end();
  }
}

export async function benchNational() {
  const scale = process.env.NATIONAL_SCALE ?? "1";
  const selected = selectedBy(process.argv);
  const database = await seededDatabase(scale);
  const startApp = () => startAppProcess({ databaseUrl: database.url, env: { LOG_LEVEL: "error", WORKER: "off", BLOB_DIR: database.blobDir } });
  let app = await startApp();
  const minimal = await startMinimalRemix();
  const sql = connect(database.url, { max: 1 });
  const started = performance.now();
  try {
    const openData = pagesOf("", "").some((page) => selected(page) && page.path.startsWith("/donnees/fichiers/"));
    const { slug, departement, cookies } = await sessions(database.url, database.blobDir, openData);
    const pages = pagesOf(slug, departement).filter(selected);
    console.log(`\nPages à l'échelle nationale, ${CONNECTIONS} connexions, ${DURATION_S} s chacune (la page Remix minimale avant et après) :`);
    console.log(
      `\n  ${"".padEnd(44)}${"req/s".padStart(9)}${"p99 ms".padStart(9)}${"× Remix".padStart(9)}${"seule ms".padStart(10)}${"non-2xx".padStart(9)}`,
    );
    const before = await loadMinimal(minimal.url);
    // Each line as soon as its page is measured, so that a stopped run still shows what it measured.
    // A page none of whose requests ended within the measure has no p99: "—".
    const line = (label: string, f: Figures, mark = "") =>
      console.log(
        `  ${label.padEnd(44)}${f.reqPerSec.toFixed(1).padStart(9)}${(f.reqPerSec ? String(f.p99) : "—").padStart(9)}` +
          `${(f.reqPerSec / before.reqPerSec).toFixed(2).padStart(9)}${f.aloneMs.toFixed(0).padStart(10)}${String(f.problems).padStart(9)}${mark}`,
      );
    line("Page Remix minimale (avant)", before);
    for (const page of pages) {
      const outcome = await load(`${app.url}${page.path}`, { ...cookies[page.who], ...page.headers }, { sql, url: app.url });
      if (outcome.kind === "failed") console.log(`  ${page.label.padEnd(44)}  répond ${outcome.status} (${page.who}) : non mesurée`);
      else if (outcome.kind === "too slow alone")
        console.log(
          `  ${page.label.padEnd(44)}${"".padStart(27)}${`≥ ${outcome.aloneMs.toFixed(0)}`.padStart(10)}  ← seule, trop lente : non chargée`,
        );
      else {
        const under = outcome.p99 >= P99_TARGET_MS || outcome.reqPerSec < before.reqPerSec;
        const drainMark = { "caught up": "", cancelled: " (file annulée)", stuck: " (serveur relancé)" }[outcome.drain];
        line(page.label, outcome, `${under ? "  ← sous la cible" : ""}${drainMark}`);
        // Abandoned requests still computing (a CSV, a render) would slow every page after: a fresh server.
        if (outcome.drain === "stuck") {
          await app.stop();
          app = await startApp();
        }
      }
    }
    line("Page Remix minimale (après)", await loadMinimal(minimal.url));
    console.log(`\n  ${pages.length} pages mesurées en ${((performance.now() - started) / 60_000).toFixed(1)} min.`);
    if (database.seedSeconds !== undefined) console.log(`\n  Jeu de données (échelle ${scale}) chargé en ${database.seedSeconds.toFixed(0)} s.`);
    console.log(`  « × Remix » : par rapport à la page Remix minimale mesurée avant les pages.`);
    console.log(
      `  « seule » : une requête à la fois, médiane de trois en ${ALONE_CAP_MS / 1000} s au plus ; une requête seule de plus de ${ALONE_CAP_MS / 1000} s : la page n'est pas chargée.`,
    );
    console.log(`  Non-2xx : réponses en erreur et requêtes de plus de ${DURATION_S} s.`);
    console.log(
      `  « file annulée » : le serveur n'avait pas fini les requêtes abandonnées à la fin de la mesure ${DRAIN_CAP_MS / 1000} s après ; leurs requêtes SQL ont été annulées.`,
    );
    console.log(
      `  « serveur relancé » : ${DRAIN_CAP_MS / 1000} s plus tard, il ne les avait toujours pas finies ; la page suivante est mesurée sur un serveur neuf.`,
    );
    console.log(`  Cible (issue 11) : p99 < ${P99_TARGET_MS} ms et ≥ 1,0× la page Remix minimale pour chaque page.\n`);
  } finally {
    await sql.end();
    await minimal.stop();
    await app.stop();
    await database.pg?.destroy();
    if (database.pg) await rm(database.blobDir, { recursive: true, force: true });
  }
}
