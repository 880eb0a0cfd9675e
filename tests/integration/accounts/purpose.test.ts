// After sign-up a person has no role: they say what they came for on /bienvenue, and become a
// designer by starting a proposal. Over HTTP against the built portal (run `npx remix build` first).
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { beforeSubmissions, duringSubmissions } from "../../support/calendar";
import { auditOf, contestWithAdmin, createPerson, lastLinkSentTo, sessionCookie } from "../../support/fixtures";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";
import { PortalClient, textOf } from "./http-client";

let server: TestServer;
let sql: postgres.Sql;
let clockFile: string;
const setClock = (at: Date) => writeFile(clockFile, at.toISOString());

beforeAll(async () => {
  clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await setClock(duringSubmissions);
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  await contestWithAdmin(sql);
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

/** A confirmed person holding `roles` (none unless told), with a signed-in session. */
async function signedIn(options: { roles?: ("designer" | "structure" | "maker")[] } = {}) {
  const person = await createPerson(sql, { roles: options.roles ?? [] });
  return { ...person, cookie: await sessionCookie(sql, person.id) };
}

function get(pathname: string, cookie?: string) {
  return fetch(server.url + pathname, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(pathname: string, cookie: string | undefined, fields: Record<string, string> | [string, string][] = {}, origin = server.url) {
  return fetch(server.url + pathname, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function membershipsOf(userId: number) {
  return sql<{ role: string; scope: string }[]>`select role, scope from memberships where user_id = ${userId} order by role, scope`;
}

async function proposalCountOf(userId: number) {
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from proposals where owner_id = ${userId}`;
  return count;
}

describe("a new account says what it came for", () => {
  test("sign-up, confirmation and first login lead a person without a role to /bienvenue", async () => {
    const client = new PortalClient(server.url);
    const email = "nouvelle.venue@exemple.fr";
    const signup = await client.post("/inscription", { name: "Nour Venue", email, password: "velo-rouge-du-facteur" });
    expect(signup.headers.get("Location")).toBe("/confirmation?fait=envoye");
    const [user] = await sql<{ id: number }[]>`select id from users where email = ${email}`;
    expect(await membershipsOf(user.id)).toEqual([]);
    const link = await lastLinkSentTo(sql, email);
    expect((await client.get(link!.pathname + link!.search)).headers.get("Location")).toBe("/connexion?fait=adresse-confirmee");

    const login = await client.post("/connexion", { email, password: "velo-rouge-du-facteur" });
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/bienvenue");
    // Signed in, the login and sign-up pages lead there too.
    expect((await client.get("/connexion")).headers.get("Location")).toBe("/bienvenue");
    expect((await client.get("/inscription")).headers.get("Location")).toBe("/bienvenue");

    const page = await client.get("/bienvenue");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("<title>Que venez-vous faire sur le portail ? — Kits d&#x27;inclusion numérique</title>");
    expect(html).toMatch(/<a [^>]*href="\/candidat"[^>]*>Proposer un kit au concours<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/structure\/inscription"[^>]*>Commander des kits pour une structure<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/bienvenue\/fabricant"[^>]*>Fabriquer des kits<\/a>/);
    expect(html).toContain("Bienvenue, Nour Venue.");
    // Looking is not choosing: no role is taken on this page.
    expect(await membershipsOf(user.id)).toEqual([]);
  });

  test("/bienvenue is for signed-in people; the makers' page is public and leads to their registration", async () => {
    const anonymous = await get("/bienvenue");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/connexion?redirectTo=%2Fbienvenue");

    const makers = await get("/bienvenue/fabricant");
    expect(makers.status).toBe(200);
    const html = await makers.text();
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("<title>Fabriquer des kits — Kits d&#x27;inclusion numérique</title>");
    expect(await textOf(new Response(html))).toContain("inscrivez-vous avec votre SIRET");
    expect(html).toContain('href="/fabricant/inscription"');
  });

  test("a person with a role still lands in their space, not on /bienvenue", async () => {
    const designer = await signedIn({ roles: ["designer"] });
    expect((await get("/connexion", designer.cookie)).headers.get("Location")).toBe("/candidat");
    // They may still look at the choices.
    expect((await get("/bienvenue", designer.cookie)).status).toBe(200);
  });
});

describe("the candidate's space opens before the role", () => {
  test("a person without a role reaches /candidat; their first proposal makes them a designer, once", async () => {
    const person = await signedIn();
    const space = await get("/candidat", person.cookie);
    expect(space.status).toBe(200);
    expect(await space.text()).toContain("Nouvelle proposition");

    const first = await post("/candidat/propositions/nouvelle", person.cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(/^\/candidat\/propositions\/\d+$/);
    expect(await membershipsOf(person.id)).toEqual([{ role: "designer", scope: "*" }]);
    // The proposal's own page, which needs the role, opens at once.
    expect((await get(first.headers.get("Location")!, person.cookie)).status).toBe(200);

    const second = await post("/candidat/propositions/nouvelle", person.cookie);
    expect(second.status).toBe(302);
    expect(await proposalCountOf(person.id)).toBe(2);
    expect(await membershipsOf(person.id)).toEqual([{ role: "designer", scope: "*" }]);
    expect((await auditOf(sql, "role.granted")).filter((e) => e.subject === `user:${person.id}`)).toHaveLength(1);
    expect((await get("/connexion", person.cookie)).headers.get("Location")).toBe("/candidat");
  });

  test("with submissions closed, the start is refused with its reason and no role is given", async () => {
    const person = await signedIn();
    await setClock(beforeSubmissions);
    try {
      const refused = await post("/candidat/propositions/nouvelle", person.cookie);
      expect(refused.status).toBe(302);
      expect(refused.headers.get("Location")).toBe("/candidat?refus=ferme");
    } finally {
      await setClock(duringSubmissions);
    }
    expect(await membershipsOf(person.id)).toEqual([]);
    expect(await proposalCountOf(person.id)).toBe(0);
  });

  test("holders of other roles only are refused the candidate's space, and nothing is created for them", async () => {
    for (const role of ["structure", "maker"] as const) {
      const person = await signedIn({ roles: [role] });
      expect((await get("/candidat", person.cookie)).status, role).toBe(403);
      expect((await post("/candidat/propositions/nouvelle", person.cookie)).status, role).toBe(403);
      expect(await membershipsOf(person.id)).toEqual([{ role, scope: "*" }]);
      expect(await proposalCountOf(person.id)).toBe(0);
    }
  });
});

describe("hostile requests to start a proposal", () => {
  test("anonymous, from another origin, or with a chunked body: refused, nothing created", async () => {
    const person = await signedIn();
    const anonymous = await post("/candidat/propositions/nouvelle", undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcandidat%2Fpropositions%2Fnouvelle");
    expect((await post("/candidat/propositions/nouvelle", person.cookie, {}, "https://ailleurs.exemple")).status).toBe(403);
    const chunked = await rawRequest(`${server.url}/candidat/propositions/nouvelle`, {
      headers: {
        Origin: server.url,
        Cookie: person.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Transfer-Encoding": "chunked",
      },
      body: "a=1",
    });
    expect(chunked.status).toBe(411);
    expect(await membershipsOf(person.id)).toEqual([]);
    expect(await proposalCountOf(person.id)).toBe(0);
  });

  test("fields naming another owner, a role or a scope are ignored: the poster gets their own proposal and the designer role only", async () => {
    const person = await signedIn();
    const other = await signedIn();
    const response = await post("/candidat/propositions/nouvelle", person.cookie, [
      ["ownerId", String(other.id)],
      ["userId", String(other.id)],
      ["role", "admin"],
      ["scope", "*"],
      ["contestId", "99999999999999999999"],
      ["__proto__", "x"],
      ["constructor", "prototype"],
    ]);
    expect(response.status).toBe(302);
    expect(await proposalCountOf(person.id)).toBe(1);
    expect(await membershipsOf(person.id)).toEqual([{ role: "designer", scope: "*" }]);
    expect(await proposalCountOf(other.id)).toBe(0);
    expect(await membershipsOf(other.id)).toEqual([]);
  });

  test("a NUL or a huge query on the purpose pages is refused or ignored, never a 5xx", async () => {
    const person = await signedIn();
    expect((await rawRequest(`${server.url}/bienvenue%00`, { method: "GET", headers: { Cookie: person.cookie } })).status).toBe(400);
    const long = await get(`/bienvenue?choix=${"x".repeat(4000)}&__proto__=1`, person.cookie);
    expect(long.status).toBe(200);
    expect((await post("/bienvenue", person.cookie, { intent: "designer" })).status).toBe(405);
    expect(await membershipsOf(person.id)).toEqual([]);
  });
});
