// /admin/enveloppe over HTTP against the built portal: the admin opens a campaign (its cap split
// at once), moves money with a reason; refusals come back by field and change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const cookies: Record<"admin" | "designer", string> = { admin: "", designer: "" };

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  cookies.admin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  cookies.designer = await sessionCookie(sql, (await createPerson(sql, { roles: ["designer"] })).id);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function post(who: keyof typeof cookies, fields: Record<string, string>) {
  return fetch(`${server.url}/admin/enveloppe`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who], "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const page = async (path = "/admin/enveloppe") => (await fetch(`${server.url}${path}`, { headers: { Cookie: cookies.admin } })).text();
const ledgerRows = async () => (await sql`select count(*)::int as n from ledger_entries`)[0].n as number;
const campaign = {
  intent: "create",
  name: "Distribution 2026",
  nationalCap: "40 000 000",
  reservePercent: "5",
  floor: "0",
  opensAt: "2026-04-01T09:00",
  closesAt: "2026-10-01T18:00",
};

describe("the envelope page", () => {
  test("a campaign with a closing before its opening, or a cap that is not an amount, is refused by field", async () => {
    const response = await post("admin", { ...campaign, nationalCap: "quarante millions", closesAt: "2026-03-01T09:00" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Le montant doit être un nombre en euros");
    expect(html).toContain("La clôture des commandes vient après leur ouverture.");
    expect(await ledgerRows()).toBe(0);
  });

  test("the admin opens a campaign: 101 départements, 5 % in reserve, the ledger and the counters agree", async () => {
    const response = await post("admin", campaign);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/enveloppe?fait=ouverte");
    const html = await page("/admin/enveloppe?fait=ouverte");
    expect(html).toContain("La campagne est ouverte");
    expect(html).toContain("Le grand livre et les compteurs concordent");
    expect(html).toMatch(/Réserve nationale : (<!-- -->)?2[\s\u202f\u00a0]000[\s\u202f\u00a0]000,00/);
    expect((html.match(/<th scope="row">/g) ?? []).length).toBe(101);
  });

  test("moving money: done with its notice; beyond the reserve, refused by field with what was typed kept", async () => {
    const moved = await post("admin", { from: "reserve", to: "48", amount: "10 000", reason: "Renfort Lozère" });
    expect(moved.status).toBe(302);
    expect(decodeURIComponent(moved.headers.get("Location")!)).toMatch(/fait=deplace&montant=10\s000,00\s€/);
    const before = await ledgerRows();
    const refused = await post("admin", { from: "reserve", to: "48", amount: "5 000 000", reason: "Trop" });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("La réserve nationale ne contient que");
    expect(html).toContain('value="5 000 000"');
    expect(await post("admin", { from: "48", to: "48", amount: "1", reason: "Boucle" }).then((r) => r.status)).toBe(400);
    expect(await post("admin", { from: "9Z", to: "reserve", amount: "1", reason: "Malformé" }).then((r) => r.status)).toBe(400);
    expect(await post("admin", { from: "99", to: "reserve", amount: "1", reason: "Sans allocation" }).then((r) => r.status)).toBe(404);
    expect(await post("admin", { from: "reserve", to: "48", amount: "-5", reason: "Négatif" }).then((r) => r.status)).toBe(400);
    expect(await ledgerRows()).toBe(before);
  });

  test("a designer gets 403 and moves nothing", async () => {
    const before = await ledgerRows();
    expect((await fetch(`${server.url}/admin/enveloppe`, { headers: { Cookie: cookies.designer }, redirect: "manual" })).status).toBe(403);
    expect((await post("designer", { from: "reserve", to: "48", amount: "1", reason: "Intrus" })).status).toBe(403);
    expect(await ledgerRows()).toBe(before);
  });
});
