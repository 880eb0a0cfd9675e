// /admin/eligibilite and /distribution over HTTP against the built portal: with no campaign both
// say so; while ordering is open the admin changes the rules only with a reason; hostile forms get
// a 4xx and change nothing; nobody but an admin reaches the page.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createCampaign } from "~/envelope/campaigns.server";
import { connect } from "~/infra/postgres.server";
import { importTerritorialList, type TerritorialList } from "~/territories/lists.server";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const cookies: Record<"admin" | "designer", string> = { admin: "", designer: "" };
let adminId: number;
let frr: TerritorialList;
let olderCampaignId: number;
let campaignId: number;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  adminId = (await createPerson(sql, { roles: ["admin"], totp: true })).id;
  cookies.admin = await sessionCookie(sql, adminId);
  cookies.designer = await sessionCookie(sql, (await createPerson(sql, { roles: ["designer"] })).id);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

type Fields = [string, string][];

function post(who: keyof typeof cookies, fields: Fields) {
  return fetch(`${server.url}/admin/eligibilite`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who], "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const page = async (path: string, who?: keyof typeof cookies) =>
  (await fetch(`${server.url}${path}`, { headers: who ? { Cookie: cookies[who] } : {} })).text();
const state = async () =>
  (
    await sql<{ rules: number; lists: number }[]>`
      select (select count(*) from eligibility_rules)::int as rules, (select count(*) from eligibility_rule_lists)::int as lists`
  )[0];

/** A valid change of the latest campaign's rules, started from version `basedOn`. */
function rules(basedOn: number, overrides: Fields = []): Fields {
  const replaced = new Set(overrides.map(([name]) => name));
  const fields: Fields = [
    ["campaignId", String(campaignId)],
    ["basedOn", String(basedOn)],
    ["kinds", "library"],
    ["kinds", "france_services"],
    ["territory", "lists"],
    ["lists", String(frr.id)],
    ["franceServicesEverywhere", "oui"],
    ["capEuros", "1 500"],
    ["capUnits", "8"],
    ["reason", "Recentrage sur les territoires ruraux"],
  ];
  return [...fields.filter(([name]) => !replaced.has(name)), ...overrides];
}

describe("before any campaign", () => {
  test("the public page and the admin page say there is none, honestly", async () => {
    expect(await page("/distribution")).toContain("Aucune campagne de distribution n&#x27;est ouverte pour le moment.");
    expect(await page("/admin/eligibilite", "admin")).toContain("Ouvrez d&#x27;abord une campagne");
  });
});

describe("the rules of a campaign open for ordering", () => {
  beforeAll(async () => {
    frr = await importTerritorialList(
      {
        name: "France Ruralités Revitalisation",
        source: "Échantillon du dépôt",
        validFrom: "2025-07-01",
        isSample: true,
        fileText: readFileSync("db/samples/frr-echantillon.csv", "utf8"),
        actorId: adminId,
        now: new Date(),
      },
      sql,
    );
    const day = 24 * 3600 * 1000;
    const campaign = (name: string) =>
      createCampaign(
        {
          name,
          nationalCapCents: 40_000_000_00,
          reserve: { percent: 5 },
          opensAt: new Date(Date.now() - day),
          closesAt: new Date(Date.now() + 30 * day),
          actorId: adminId,
          now: new Date(),
        },
        sql,
      );
    olderCampaignId = (await campaign("Campagne pilote")).id;
    campaignId = (await campaign("Distribution 2026")).id;
  });

  test("without a reason while ordering is open: refused by the reason field, what was checked kept, nothing saved", async () => {
    const response = await post("admin", rules(0, [["reason", ""]]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Les commandes sont ouvertes : indiquez la raison du changement");
    expect(html).toMatch(/id="champ-reason-message"/);
    expect(html).toContain('name="kinds" checked="" value="france_services"');
    expect(html).toContain('name="kinds" value="town_hall"');
    expect(await state()).toEqual({ rules: 0, lists: 0 });
  });

  test("with a reason: version 1 is saved, shown with its reason, and published on /distribution with the list's source", async () => {
    const response = await post("admin", rules(0));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/eligibilite?fait=enregistree&version=1");
    const admin = await page("/admin/eligibilite?fait=enregistree&version=1", "admin");
    expect(admin).toContain("La version 1 des règles est enregistrée");
    expect(admin).toContain("Recentrage sur les territoires ruraux");
    const published = await page("/distribution");
    expect(published).toContain("Distribution 2026");
    expect(published).toContain("Les commandes sont ouvertes");
    expect(published).toContain("Peuvent commander : les bibliothèques et médiathèques, les espaces France Services.");
    expect(published).toContain("« France Ruralités Revitalisation » : Échantillon du dépôt, en vigueur depuis le 1 juillet 2025");
    expect(published).toContain("Données d&#x27;exemple");
    expect(published).toMatch(/Chaque structure commande au plus 1[\s\u202f\u00a0]500,00[\s\u202f\u00a0]€ et 8 kits/);
    expect((published.match(/<th scope="row">/g) ?? []).length).toBe(101);
    // The reason and its author are the admins' record, not part of what is published.
    expect(published).not.toContain("Recentrage sur les territoires ruraux");
  });

  test("hostile forms get a 4xx and change nothing", async () => {
    const before = await state();
    const statuses = await Promise.all(
      [
        rules(1, [["lists", "99999999"]]), // unknown list
        rules(1, [["lists", "99999999999999999999"]]),
        rules(1, [["lists", "__proto__"]]),
        rules(1, [["kinds", "__proto__"]]),
        rules(1, [["kinds", "constructor"]]),
        rules(1, [
          ["__proto__", "x"],
          ["constructor", "y"],
          ["territory", "toString"],
        ]),
        rules(1, [["campaignId", String(olderCampaignId)]]), // another campaign
        rules(1, [["campaignId", "99999999999999999999"]]),
        rules(0), // started from a version that is no longer current
        rules(1, [["capEuros", "-5"]]),
        rules(1, [["capUnits", "0"]]),
      ].map(async (fields) => (await post("admin", fields)).status),
    );
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 409, 400, 409, 400, 400]);
    const nul = await post("admin", rules(1, [["reason", "Raison\0cachée"]]));
    expect(nul.status).toBe(400);
    const truncated = await fetch(`${server.url}/admin/eligibilite`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="kinds"\r\n\r\nlibr',
      headers: { Origin: server.url, Cookie: cookies.admin, "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(truncated.status).toBe(400);
    expect(await state()).toEqual(before);
  });

  test("a designer gets 403 on the page and its form, and nothing changes", async () => {
    const before = await state();
    expect((await fetch(`${server.url}/admin/eligibilite`, { headers: { Cookie: cookies.designer }, redirect: "manual" })).status).toBe(403);
    expect((await post("designer", rules(1))).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});
