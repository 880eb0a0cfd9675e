// The split over HTTP against the built portal: a campaign opened with an imported weight table
// (refused line by line before anything is saved), the public CSV that lets anyone recompute the
// split, the map of the 101 départements and each département's page; hostile addresses get 4xx.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { moveFunds } from "~/envelope/ledger.server";
import { connect } from "~/infra/postgres.server";
import { readTerritories } from "~/territories/reference-data.server";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";
import { recomputeFromFile } from "../../support/split-file-reader";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let adminId: number;
const cookies: Record<"admin" | "designer", string> = { admin: "", designer: "" };
const codes = readTerritories().departements.map((d) => d.code);

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

const campaign = {
  intent: "create",
  name: "Distribution pondérée",
  nationalCap: "40 000 000",
  reservePercent: "5",
  floor: "0",
  opensAt: "2026-04-01T09:00",
  closesAt: "2026-10-01T18:00",
  weightSource: "Indice de fragilité numérique (MedNum)",
  weightYear: "2024",
};

/** Weight i + 1,5 for the i-th département; `edit` changes the lines before they are joined. */
function weightTable(edit: (lines: string[]) => string[] = (lines) => lines) {
  return "\uFEFF" + edit(["code_departement;poids", ...codes.map((code, i) => `${code};${i + 1},5`)]).join("\r\n") + "\r\n";
}

function open(fields: Record<string, string>, table: string | null) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (table !== null) body.set("file", new Blob([table], { type: "text/csv" }), "poids.csv");
  return fetch(`${server.url}/admin/enveloppe`, { method: "POST", body, redirect: "manual", headers: { Origin: server.url, Cookie: cookies.admin } });
}

const get = (path: string, who: keyof typeof cookies | null = "admin") =>
  fetch(`${server.url}${path}`, { headers: who ? { Cookie: cookies[who] } : {}, redirect: "manual" });
const campaigns = async () => (await sql`select count(*)::int as n from distribution_campaigns`)[0].n as number;
/** The page's text as read: React's separators between text nodes dropped, entities decoded. */
const unescape = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("opening a campaign with a weight table", () => {
  test("before any campaign, the public split file is not found", async () => {
    expect((await get("/distribution/repartition.csv", null)).status).toBe(404);
  });

  test("a table with problems comes back line by line, the fields typed kept, nothing saved", async () => {
    const table = weightTable((lines) => [lines[0], "01;-3", "02;trois", "02;4", "9Z;1", ...lines.slice(4, 100)]);
    const response = await open(campaign, table);
    expect(response.status).toBe(400);
    const html = unescape(await response.text());
    expect(html).toContain("Le fichier n'a pas été importé : 5 problèmes, détaillés ci-dessous.");
    expect(html).toContain("Ligne 2 : 01 (Ain) : le poids « -3 » est négatif");
    expect(html).toContain("Ligne 3 : 02 (Aisne) : « trois » n'est pas un nombre");
    expect(html).toContain("Ligne 4 : Le département 02 figure déjà ligne 3.");
    expect(html).toContain("Ligne 5 : « 9Z » n'est pas un code de département");
    expect(html).toContain("Il manque 3 départements : 03 (Allier), 974 (La Réunion), 976 (Mayotte).");
    expect(html).toContain('value="Indice de fragilité numérique (MedNum)"');
    expect(await campaigns()).toBe(0);
  });

  test("a wrong header, a table without its source, or a floor the cap cannot meet: refused by field", async () => {
    const header = unescape(await (await open(campaign, "departement;population\r\n01;5\r\n")).text());
    expect(header).toContain("Ligne 1 : La première ligne doit nommer les colonnes « code_departement » et « poids »");
    const noSource = await open({ ...campaign, weightSource: "" }, weightTable());
    expect(noSource.status).toBe(400);
    expect(unescape(await noSource.text())).toContain("Source des poids : Indiquez la source de la table de poids");
    const floor = await open({ ...campaign, floor: "400 000" }, weightTable());
    expect(floor.status).toBe(400);
    const html = unescape(await floor.text());
    expect(html).toMatch(
      /Plancher par département \(€\) : Le plancher ne peut pas être tenu : 400[\s\u202f]000,00[\s\u202f]€ pour chacun des 101 départements/,
    );
    expect(html).toContain('aria-describedby="champ-floor-message"');
    expect(await campaigns()).toBe(0);
  });

  test("a valid table opens the campaign; its inputs are shown, and the public file recomputes to the same cents", async () => {
    const response = await open({ ...campaign, floor: "100 000" }, weightTable());
    expect(response.status).toBe(302);
    const html = unescape(await (await get("/admin/enveloppe")).text());
    expect(html).toContain("Poids : Indice de fragilité numérique (MedNum) (2024).");
    expect(html).toMatch(/Plancher par département : 100[\s\u202f]000,00/);
    expect(html).toContain("Méthode : au plus fort reste");
    expect(html).toMatch(/<th scope="row"><a [^>]*href="\/admin\/enveloppe\/departements\/01">01 — Ain<\/a><\/th><td>1,5 \(au plancher\)<\/td>/);

    const file = await get("/distribution/repartition.csv", null);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await file.text();
    expect(text).toContain("01;Ain;1,5;oui;100000,00;100000,00;Distribution pondérée;40000000,00;2000000,00;38000000,00;100000,00;");
    expect(text).toContain(";Indice de fragilité numérique (MedNum);2024\r\n");
    const { recomputed, published, floors, publishedFloors } = recomputeFromFile(text);
    expect(Object.keys(published)).toHaveLength(101);
    expect(recomputed).toEqual(published);
    expect(publishedFloors).toEqual(floors);
    const [stored] = await sql`select sum(cap_cents)::bigint as caps from allocations`;
    expect(stored.caps).toBe(3_800_000_000);
  });
});

describe("the map and the départements' pages", () => {
  test("the map draws the 101 départements, each a link with its title, the overseas as insets; the table is named as its alternative", async () => {
    await moveFunds(
      {
        campaignId: await campaignId(),
        from: "reserve",
        to: { departementCode: "2A" },
        cents: 1_000_00,
        reason: "Renfort",
        actorId: adminId,
        now: new Date(),
      },
      sql,
    );
    const html = unescape(await (await get("/admin/enveloppe")).text());
    const svg = html.slice(html.indexOf('<svg class="carte-enveloppe"'), html.indexOf("</svg>", html.indexOf('<svg class="carte-enveloppe"')));
    const links = [...svg.matchAll(/<a href="\/admin\/enveloppe\/departements\/([0-9AB]+)"><title>([^<]*)<\/title><path/g)];
    expect(links.map(([, code]) => code).sort()).toEqual([...codes].sort());
    expect(links.find(([, code]) => code === "2A")![2]).toMatch(/^2A — Corse-du-Sud : 0[\s\u202f]% du plafond utilisé/);
    expect(svg).toMatch(/<text[^>]*>Mayotte<\/text>/);
    expect(html).toContain("donne les mêmes chiffres et les mêmes liens, au clavier et au lecteur d'écran");
    expect(html).toContain('href="#repartition"');
  });

  test("a département's page: its allocation, counters and ledger, paged, with its own title", async () => {
    const id = await campaignId();
    for (let i = 0; i < 55; i++) {
      await moveFunds(
        { campaignId: id, from: "reserve", to: { departementCode: "48" }, cents: 100, reason: `Mouvement ${i}`, actorId: adminId, now: new Date() },
        sql,
      );
    }
    const first = await get("/admin/enveloppe/departements/48");
    expect(first.status).toBe(200);
    const html = unescape(await first.text());
    expect(html).toContain("<title>Lozère (48) — Enveloppe — Administration — Kits d'inclusion numérique</title>");
    expect(html).toContain("<h1>Lozère (48)</h1>");
    expect(html).toContain("56 écritures, de la plus récente à la plus ancienne.");
    expect(html).toContain("Mouvement 54");
    expect(html).toContain("Mouvement depuis la réserve nationale");
    expect(html).not.toContain("Répartition initiale");
    const second = unescape(await (await get("/admin/enveloppe/departements/48?page=2")).text());
    expect(second).toContain("Répartition initiale");
    expect(second).toContain("Mouvement 0<");
    expect((await get("/admin/enveloppe/departements/48?page=99999999999")).status).toBe(200);
  });

  test("an unknown, lowercase, huge, NUL or prototype code is not found; a designer is refused; a visitor is sent to sign in", async () => {
    for (const code of ["99", "2a", "975", "20", "1", "9".repeat(5000), "%00", "48%00", "__proto__", "constructor", "..%2F..%2Fadmin"]) {
      const response = await get(`/admin/enveloppe/departements/${code}`);
      expect(response.status, code.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(response.status, code.slice(0, 20)).toBeLessThan(500);
    }
    const raw = await rawRequest(`${server.url}/admin/enveloppe/departements/4%008`, { method: "GET", headers: { Cookie: cookies.admin } });
    expect(raw.status).toBe(400);
    expect((await get("/admin/enveloppe/departements/48", "designer")).status).toBe(403);
    expect((await get("/admin/enveloppe/departements/48", null)).status).toBe(302);
    expect((await get("/distribution/repartition.csv?campagne=%00", null)).status).toBe(400);
  });
});

async function campaignId(): Promise<number> {
  return (await sql`select id from distribution_campaigns order by id desc limit 1`)[0].id as number;
}
