// PostgreSQL stopped and started again under the running portal (the built app: `npx remix build`
// first). The portal must answer a clear 503 page, say "db down" on /healthz, stay alive, and serve
// again by itself once PostgreSQL is back. This file runs its own PostgreSQL server, since it stops it.
//
// The machine may be busy (CI on shared hardware): every wait is on a condition, with a deadline
// that only tells a hang from slowness, and each answer is judged by when it was sent and received,
// never by how long anything took.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startAppProcess, startOwnPostgres, type AppProcess, type OwnPostgres } from "../../support/server";
import { eventually as waitUntil } from "../../support/eventually";
import { createPerson, sessionCookie } from "../../support/fixtures";

const USER_NAME = "Agathe Résiliente";
// A request that does not answer within this bound counts as hung (a failure, not a measurement).
const HANG = 30_000;
// How long the portal may take to serve again once PostgreSQL is back: room for a loaded machine.
// The portal itself retries every second (tests/unit/infra/postgres-pool.test.ts, health.server.ts).
const RECOVERY_SECONDS = 60;

let pg: OwnPostgres;
let app: AppProcess;
let cookie: string;

beforeAll(async () => {
  pg = await startOwnPostgres();
  // A signed-in visitor: the root loader then reads the session and the user on every page.
  const sql = connect(pg.url, { max: 1 });
  try {
    const user = await createPerson(sql, { email: "agathe@resilience.example.fr", name: USER_NAME });
    cookie = await sessionCookie(sql, user.id, false);
  } finally {
    await sql.end();
  }
  // Short, so that the frozen-database case below does not take long.
  app = await startAppProcess({ databaseUrl: pg.url, env: { REQUEST_TIMEOUT_SECONDS: "2", LOG_LEVEL: "info" } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await pg?.destroy();
});

// Each case starts from a running PostgreSQL and a portal that serves, whatever the previous one left.
beforeEach(
  async () => {
    await eventually("le portail sert de nouveau", async () => served(await get("/")));
  },
  2 * RECOVERY_SECONDS * 1000,
);
afterEach(async () => {
  await pg.thaw();
  await pg.start();
}, 120_000);

type Outcome = { path: string; started: number; finished: number; status: number | "error"; body: string; error?: string };

async function get(path: string, withCookie = path !== "/connexion"): Promise<Outcome> {
  const started = Date.now();
  try {
    const response = await fetch(`${app.url}${path}`, {
      headers: withCookie ? { Cookie: cookie } : {},
      redirect: "manual",
      signal: AbortSignal.timeout(HANG),
    });
    const body = await response.text();
    return { path, started, finished: Date.now(), status: response.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = `${(error as Error).name} ${cause ?? (error as Error).message}`;
    return { path, started, finished: Date.now(), status: "error", body: "", error: message };
  }
}

/** Waits until `check` holds, with the portal's log in the failure. */
async function eventually(what: string, check: () => Promise<boolean>, seconds = RECOVERY_SECONDS) {
  try {
    await waitUntil(what, check, (ok) => ok, seconds * 1000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- journal du portail ---\n${app.output().slice(-4000)}`, { cause: error });
  }
}

/** Concurrent visitors on the home page (signed in), the login page and the health check, until stopped. */
function startLoad(concurrency = 8) {
  const paths = ["/", "/connexion", "/healthz"];
  const outcomes: Outcome[] = [];
  let running = true;
  const visitors = Array.from({ length: concurrency }, async (_, i) => {
    for (let n = i; running; n++) outcomes.push(await get(paths[n % paths.length]));
  });
  return {
    outcomes,
    /** The answers to requests sent at or after `since`, once at least `count` of them have come back. */
    async answeredSince(since: number, count: number) {
      const sent = () => outcomes.filter((o) => o.started >= since);
      await eventually(`${count} réponses aux requêtes envoyées depuis ${since}`, async () => sent().length >= count);
      return sent();
    },
    async stop() {
      running = false;
      await Promise.all(visitors);
    },
  };
}

const unavailable = (o: Outcome) => o.status === 503 && o.body.includes("Service momentanément indisponible") && o.body.includes('lang="fr"');
function json(o: Outcome): Record<string, unknown> | null {
  try {
    return JSON.parse(o.body);
  } catch {
    return null;
  }
}
const healthDown = (o: Outcome) => o.status === 503 && json(o)?.db === "down";
const served = (o: Outcome) => (o.path === "/healthz" ? o.status === 200 && json(o)?.db === "ok" : o.status === 200);

function summary(outcomes: Outcome[]) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.path} ${o.status}${o.error ? ` ${o.error}` : ""}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** What a failure message needs: when each unexpected answer was sent and received, and the portal's log. */
function timeline(outcomes: Outcome[], moments: Record<string, number>) {
  const origin = Math.min(...Object.values(moments));
  const at = (t: number) => `${t - origin} ms`;
  const lines = [
    ...Object.entries(moments).map(([name, t]) => `${at(t)} ${name}`),
    ...outcomes.slice(0, 20).map((o) => `${o.path} ${o.status} envoyée à ${at(o.started)}, reçue à ${at(o.finished)}`),
  ];
  return `${lines.join("\n")}\n--- journal du portail ---\n${app.output().slice(-4000)}`;
}

describe("PostgreSQL stopped and restarted while the portal runs", { timeout: 300_000 }, () => {
  test("under load: 503 pages and db down during the outage, no crash or hang, and service again once it is back", async () => {
    const load = startLoad();
    try {
      const loadStartedAt = Date.now();
      const before = await load.answeredSince(loadStartedAt, 60);
      expect(summary(before.filter((o) => !served(o)))).toEqual({});
      expect(before.find((o) => o.path === "/")!.body).toContain(USER_NAME);

      await pg.stop();
      await eventually("/ répond 503", async () => unavailable(await get("/")));
      await eventually("/healthz dit db down", async () => healthDown(await get("/healthz")));
      // From here the portal knows: a request sent now and answered before PostgreSQL is started
      // again was handled during the outage. PostgreSQL stays down while visitors keep coming.
      const downAt = Date.now();
      await load.answeredSince(downAt, 100);
      expect(json(await get("/healthz"))).toEqual({ status: "degraded", db: "down", storage: "ok" });
      const restartAt = Date.now();
      const during = load.outcomes.filter((o) => o.started >= downAt && o.finished < restartAt);
      // Every answer is the French 503 page, public pages included (docs/decisions/007), or, for
      // /healthz, the JSON naming the database.
      const wrong = during.filter((o) => !(o.path === "/healthz" ? healthDown(o) : unavailable(o)));
      expect(summary(wrong), timeline(wrong, { downAt, restartAt })).toEqual({});
      expect(app.isAlive()).toBe(true);

      await pg.start();
      await eventually("/healthz dit ok", async () => (await get("/healthz")).status === 200);
      // From the moment /healthz says ok, every request is served, the first ones included.
      const upAt = Date.now();
      const home = await get("/");
      expect(home.status).toBe(200);
      expect(home.body).toContain(USER_NAME);
      const after = await load.answeredSince(upAt, 150);
      const unserved = after.filter((o) => !served(o));
      expect(summary(unserved), timeline(unserved, { downAt, restartAt, upAt })).toEqual({});
      expect(json(await get("/healthz"))).toEqual({ status: "ok", db: "ok", storage: "ok" });
    } finally {
      await load.stop();
    }
    // Across the whole run: never a hang, a refused connection or a server error.
    expect(
      summary(load.outcomes.filter((o) => o.status === "error" || (typeof o.status === "number" && o.status >= 500 && o.status !== 503))),
    ).toEqual({});
    expect(app.isAlive()).toBe(true);
  });

  test("an anonymous public page is not served from the page cache during the outage (docs/decisions/007)", async () => {
    // Rendered just before the outage, so that a copy sits in the one-second cache.
    const fresh = await get("/concours", false);
    expect(fresh.status).toBe(200);

    await pg.stop();
    await eventually("/healthz dit db down", async () => healthDown(await get("/healthz")));
    expect(unavailable(await get("/concours", false))).toBe(true);
    expect(unavailable(await get("/", false))).toBe(true);

    await pg.start();
    await eventually("/concours est de nouveau servie", async () => (await get("/concours", false)).status === 200);
  });

  test("stopped while the pool holds only idle connections: the next visitor gets the 503 page, then service resumes", async () => {
    // The pool keeps its connections for a minute: the check in beforeEach left some open and idle.
    await pg.stop();
    const first = await get("/");
    expect(first.status === "error" ? first.error : first.status).toBe(503);
    expect(unavailable(first)).toBe(true);
    expect(healthDown(await get("/healthz"))).toBe(true);
    expect(unavailable(await get("/connexion"))).toBe(true);
    expect(app.isAlive()).toBe(true);

    await pg.start();
    await eventually("/ est de nouveau servie", async () => served(await get("/")));
    expect(served(await get("/healthz"))).toBe(true);
    expect(app.isAlive()).toBe(true);
  });

  test("frozen (as in a network partition): a waiting visitor gets the 503 page instead of a hang, then service resumes", async () => {
    await pg.freeze();
    try {
      // The session query waits on a connection that will never answer: the request deadline answers instead.
      const first = await get("/");
      expect(first.status === "error" ? first.error : first.status).toBe(503);
      expect(unavailable(first)).toBe(true);
      expect(healthDown(await get("/healthz"))).toBe(true);
      expect(unavailable(await get("/connexion"))).toBe(true);
      expect(app.isAlive()).toBe(true);
    } finally {
      await pg.thaw();
    }
    await eventually("/ est de nouveau servie", async () => served(await get("/")));
    expect(served(await get("/healthz"))).toBe(true);
    // The queries that were stuck complete late, on requests already answered: no crash, no error page.
    const sql = connect(pg.url, { max: 1 });
    try {
      await eventually("les requêtes bloquées du portail sont terminées", async () => {
        const [{ busy }] = await sql<{ busy: number }[]>`
          select count(*)::int as busy from pg_stat_activity where application_name = 'kits-inclusion' and state <> 'idle' and pid <> pg_backend_pid()`;
        return busy === 0;
      });
    } finally {
      await sql.end();
    }
    expect(app.isAlive()).toBe(true);
  });

  test("slow is not down: with every pooled connection waiting on a lock, /healthz says ok and each waiting visitor is served once the lock goes", async () => {
    const admin = connect(pg.url, { max: 2 });
    const lock = await admin.reserve();
    const logFrom = app.output().length;
    let visitors: Promise<Outcome[]> | undefined;
    try {
      await lock`begin`;
      await lock`lock table sessions in access exclusive mode`;
      // More signed-in visitors than the pool has connections: each one's session lookup waits.
      visitors = Promise.all(Array.from({ length: 12 }, () => get("/")));
      await eventually("toutes les connexions du portail attendent le verrou", async () => {
        const [{ waiting }] = await admin<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity where application_name = 'kits-inclusion' and wait_event_type = 'Lock'`;
        return waiting >= 10;
      });
      expect(json(await get("/healthz"))).toEqual({ status: "ok", db: "ok", storage: "ok" });
      // Held past the request deadline (2 s here): the deadline finds a database that answers and waits.
      await eventually("le délai de requête est passé pour chaque visiteur", async () => {
        return app.output().slice(logFrom).split("requête lente, la base de données répond").length - 1 >= 12;
      });
      expect(json(await get("/healthz"))).toEqual({ status: "ok", db: "ok", storage: "ok" });
    } finally {
      await lock`rollback`;
      lock.release();
      await admin.end();
    }
    const outcomes = await visitors!;
    expect(summary(outcomes)).toEqual({ "/ 200": 12 });
    expect(app.output().slice(logFrom)).not.toContain("base de données injoignable");
  });

  test("the job queue picks up work again after the restart", async () => {
    const sql = connect(pg.url, { max: 1 });
    try {
      // Any job of a known task will do: the worker taking it (attempts > 0) is what matters here.
      const [job] = await sql<{ id: string }[]>`
        select id::text from graphile_worker.add_job('send_mail', json_build_object('outboxId', 999999999))`;
      await eventually("la tâche est prise par le worker", async () => {
        const [row] = await sql<{ attempts: number }[]>`select attempts from graphile_worker.jobs where id = ${job.id}::bigint`;
        return !row || row.attempts > 0;
      });
    } finally {
      await sql.end();
    }
    expect(app.isAlive()).toBe(true);
  });

  test("the process never died on an uncaught exception, nor logged an unexpected error", () => {
    expect(app.output()).not.toMatch(/exception non rattrapée/);
    expect(app.output()).not.toMatch(/erreur non traitée|erreur dans un loader/);
    expect(app.isAlive()).toBe(true);
  });
});
