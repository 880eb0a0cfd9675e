// What a signed-in page view costs: one lookup of the sessions table, however many loaders ask who
// is signed in, no write unless last_seen_at must move, and no disk lookup for a public file. The built app (`npx remix build` first) is
// served in this process, so the statements its pool sends can be counted.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSession, destroySession, hashToken } from "~/accounts/sessions.server";
import { newTotpSecret } from "~/accounts/totp";
import { db } from "~/infra/db.server";
import { createAccount } from "../../support/fixtures";
import { serveBuiltAppInProcess } from "../../support/in-process-app";

let app: Awaited<ReturnType<typeof serveBuiltAppInProcess>>;
let base: string;
let sessionStatements = 0;

beforeAll(async () => {
  // Every statement of the pool the app shares with this file (db is one per process).
  db.options.debug = (_connection: number, query: string) => {
    if (/\bsessions\b/.test(query)) sessionStatements++;
  };
  app = await serveBuiltAppInProcess();
  base = app.url;
});
afterAll(async () => {
  await app?.close();
});

async function signedIn(roles: ("designer" | "admin")[]) {
  const account = await createAccount(db, { roles, totpSecret: roles.includes("admin") ? newTotpSecret() : undefined });
  const { token } = await createSession({ userId: account.id, secondFactor: roles.includes("admin") });
  return { token, cookie: `kits_session=${token}` };
}

/** A page fetched whole, with the number of statements on the sessions table it cost. */
async function view(pathname: string, cookie: string) {
  const before = sessionStatements;
  const response = await fetch(`${base}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await response.text();
  return { status: response.status, location: response.headers.get("Location"), body, sessionStatements: sessionStatements - before };
}

async function sessionRow(token: string) {
  const [row] = await db<{ xmin: string; lastSeenAt: Date }[]>`
    select xmin::text as xmin, last_seen_at from sessions where id_hash = ${hashToken(token)}`;
  return row;
}

describe("one session lookup per page view", () => {
  test("an admin list, whose root, frame and page loaders all ask who is signed in, looks the session up once", async () => {
    const { cookie } = await signedIn(["admin"]);
    const page = await view("/admin/utilisateurs", cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Utilisateurs");
    expect(page.sessionStatements).toBe(1);
  });

  test("so does a page's data request (client navigation)", async () => {
    const { cookie } = await signedIn(["designer"]);
    const data = await view("/candidat.data", cookie);
    expect(data.status).toBe(200);
    expect(data.sessionStatements).toBe(1);
  });

  test("nothing is kept from one request to the next: a session ended meanwhile is refused at once", async () => {
    const { token, cookie } = await signedIn(["designer"]);
    expect((await view("/candidat", cookie)).status).toBe(200);
    await destroySession(token);
    const page = await view("/candidat", cookie);
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/connexion\?redirectTo=/);
    expect(page.sessionStatements).toBe(1);
  });
});

describe("last_seen_at is written at most once a minute", () => {
  test("a page view leaves the sessions row alone when last_seen_at moved less than a minute ago", async () => {
    const { token, cookie } = await signedIn(["designer"]);
    await db`update sessions set last_seen_at = now() - interval '30 seconds' where id_hash = ${hashToken(token)}`;
    const before = await sessionRow(token);
    expect((await view("/candidat", cookie)).status).toBe(200);
    // xmin is the transaction that wrote the row's current version: unchanged means not rewritten.
    expect(await sessionRow(token)).toEqual(before);
  });

  test("a page view moves last_seen_at when it is more than a minute old", async () => {
    const { token, cookie } = await signedIn(["designer"]);
    await db`update sessions set last_seen_at = now() - interval '90 seconds' where id_hash = ${hashToken(token)}`;
    const before = await sessionRow(token);
    expect((await view("/candidat", cookie)).status).toBe(200);
    const after = await sessionRow(token);
    expect(after.xmin).not.toBe(before.xmin);
    expect(after.lastSeenAt.getTime() - before.lastSeenAt.getTime()).toBeGreaterThanOrEqual(85_000);
  });
});

describe("public files", () => {
  test("the stylesheet is still served from public/, though pages no longer look for a file first", async () => {
    const response = await fetch(`${base}/app.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/css");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
  });
});

describe("the render's deadline", () => {
  // A render still running after 5 s is aborted; one that completed must not leave that timer behind:
  // it would fire later on a finished render and build errors for nothing. (Remix sets one more per
  // page, on its data stream, cleared only when the client goes away: at most one per page remains.)
  const pendingTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

  test("a signed-in page sent whole leaves at most Remix's own timer behind, not the render's", async () => {
    const { cookie } = await signedIn(["designer"]);
    await view("/candidat", cookie);
    const before = pendingTimers();
    const views = 20;
    for (let i = 0; i < views; i++) expect((await view("/candidat", cookie)).status).toBe(200);
    // Two per page before the render's deadline was cleared; the pool's and the client's own timers are few.
    expect(pendingTimers() - before).toBeLessThanOrEqual(views + 4);
  });
});
