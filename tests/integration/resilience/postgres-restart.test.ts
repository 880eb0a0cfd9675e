// PostgreSQL stopped and started again under the running portal (the built app: `npx remix build`
// first). The portal must answer a clear 503 page, say "db down" on /healthz, stay alive, and serve
// again by itself once PostgreSQL is back. This file runs its own PostgreSQL server, since it stops it.
import { createSession } from "../../../app/accounts/sessions.server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startAppProcess, startOwnPostgres, type AppProcess, type OwnPostgres } from "../../support/server";

const USER_NAME = "Agathe Résiliente";
// A request that does not answer within this bound counts as hung (a failure, not a measurement).
const HANG = 15_000;

let pg: OwnPostgres;
let app: AppProcess;
let cookie: string;

beforeAll(async () => {
  pg = await startOwnPostgres();
  // A signed-in visitor: the root loader then reads the session and the user on every page.
  const sql = connect(pg.url, { max: 1 });
  try {
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, name, password_hash, email_confirmed_at)
      values ('agathe@resilience.example.fr', ${USER_NAME}, 'not-a-real-hash', now()) returning id`;
    const { token } = await createSession({ userId: user.id, secondFactor: false }, sql);
    cookie = `kits_session=${token}`;
  } finally {
    await sql.end();
  }
  // Short, so that the frozen-database case below does not take long.
  app = await startAppProcess({ databaseUrl: pg.url, env: { REQUEST_TIMEOUT_SECONDS: "2" } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await pg?.destroy();
});

type Outcome = { path: string; started: number; status: number | "error"; body: string; error?: string };

async function get(path: string, withCookie = path !== "/connexion"): Promise<Outcome> {
  const started = Date.now();
  try {
    const response = await fetch(`${app.url}${path}`, {
      headers: withCookie ? { Cookie: cookie } : {},
      redirect: "manual",
      signal: AbortSignal.timeout(HANG),
    });
    return { path, started, status: response.status, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { path, started, status: "error", body: "", error: `${(error as Error).name} ${cause ?? (error as Error).message}` };
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
    /** Resolves once `count` more responses have come back. */
    async next(count: number) {
      const target = outcomes.length + count;
      while (outcomes.length < target) await new Promise((r) => setTimeout(r, 20));
      return outcomes.slice(target - count, target);
    },
    /** The responses that come back over the next `ms` milliseconds (at least `min` of them). */
    async during(ms: number, min = 50) {
      const start = outcomes.length;
      await new Promise((r) => setTimeout(r, ms));
      while (outcomes.length < start + min) await new Promise((r) => setTimeout(r, 20));
      return outcomes.slice(start);
    },
    async stop() {
      running = false;
      await Promise.all(visitors);
    },
  };
}

/**
 * Polls until `check` holds. "A few seconds" is part of the behaviour under test (recovering after
 * PostgreSQL's default reconnection backoff, up to 20 s, would fail here), hence the bound.
 */
async function eventually(what: string, check: () => Promise<boolean>, seconds = 10) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`pas atteint en ${seconds} s : ${what}\n--- journal du portail ---\n${app.output().slice(-4000)}`);
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

describe("PostgreSQL stopped and restarted while the portal runs", () => {
  test("under load: 503 pages and db down during the outage, no crash or hang, and service again once it is back", { timeout: 120_000 }, async () => {
    const load = startLoad();
    try {
      const before = await load.next(60);
      expect(summary(before.filter((o) => !served(o)))).toEqual({});
      expect(before.find((o) => o.path === "/")!.body).toContain(USER_NAME);

      await pg.stop();
      await eventually("/ répond 503", async () => unavailable(await get("/")));
      await eventually("/healthz dit db down", async () => healthDown(await get("/healthz")));
      // A realistic outage: PostgreSQL stays down for a few seconds under steady load.
      const during = await load.during(5000);
      // Every answer is the French 503 page (or, for /healthz, the JSON naming the database).
      expect(summary(during.filter((o) => !(o.path === "/healthz" ? healthDown(o) : unavailable(o))))).toEqual({});
      expect(json(await get("/healthz"))).toEqual({ status: "degraded", db: "down", storage: "ok" });
      expect(app.isAlive()).toBe(true);

      await pg.start();
      await eventually("/healthz dit ok", async () => (await get("/healthz")).status === 200);
      // From the moment /healthz says ok, every request is served, the first ones included.
      const upAt = Date.now();
      const home = await get("/");
      expect(home.status).toBe(200);
      expect(home.body).toContain(USER_NAME);
      await load.next(150);
      expect(summary(load.outcomes.filter((o) => o.started >= upAt && !served(o)))).toEqual({});
      expect(json(await get("/healthz"))).toEqual({ status: "ok", db: "ok", storage: "ok" });
    } finally {
      await load.stop();
    }
    // Across the whole run: never a hang, a refused connection or a server error.
    expect(summary(load.outcomes.filter((o) => o.status === "error" || (typeof o.status === "number" && o.status >= 500 && o.status !== 503)))).toEqual({});
    expect(app.isAlive()).toBe(true);
  });

  test("stopped while the pool holds only idle connections: the next visitor gets the 503 page, then service resumes", { timeout: 60_000 }, async () => {
    // The pool keeps its connections for a minute: the previous test left some open and idle.
    expect(served(await get("/"))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));

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

  test("frozen (as in a network partition): a waiting visitor gets the 503 page instead of a hang, then service resumes", { timeout: 60_000 }, async () => {
    expect(served(await get("/"))).toBe(true);
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
    await new Promise((r) => setTimeout(r, 500));
    expect(app.isAlive()).toBe(true);
  });

  test("the job queue picks up work again after the restart", { timeout: 60_000 }, async () => {
    const sql = connect(pg.url, { max: 1 });
    try {
      // Any job of a known task will do: the worker taking it (attempts > 0) is what matters here.
      const [job] = await sql<{ id: string }[]>`
        select id::text from graphile_worker.add_job('send_mail', json_build_object('outboxId', 999999999))`;
      await eventually("la tâche est prise par le worker", async () => {
        const [row] = await sql<{ attempts: number }[]>`select attempts from graphile_worker.jobs where id = ${job.id}::bigint`;
        return !row || row.attempts > 0;
      }, 30);
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
