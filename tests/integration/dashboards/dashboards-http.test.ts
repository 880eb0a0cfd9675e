// The dashboards over HTTP against the built portal (run `npx remix build` first), its clock set to
// the programme's "now": who sees which figures, the CSV exports' content, and hostile addresses.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { connect } from "~/infra/postgres.server";
import { DASHBOARD_NOW, dashboardWorld, type DashboardWorld } from "../../support/dashboard-world";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";
import { textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let programme: DashboardWorld;
const cookies: Record<string, string> = {};

// Names no other row of the programme contains, so a page or file holding them holds these structures.
const RENNES_SILENT = "Espace France Services Rennes-Est";
const BREST_SILENT = "Bibliothèque de Bellevue Brest";

beforeAll(async () => {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, DASHBOARD_NOW.toISOString());
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  programme = await dashboardWorld(sql, { s3: RENNES_SILENT, s7: BREST_SILENT });
  const person = async (key: string, options: Parameters<typeof createPerson>[1]) =>
    (cookies[key] = await sessionCookie(sql, (await createPerson(sql, { name: `Personne ${key}`, ...options })).id));
  await person("admin", { roles: ["admin"], totp: true });
  await person("instructor35", { roles: ["instructor"], scope: departementScope("35"), totp: true });
  cookies.member = await sessionCookie(sql, programme.structures.s1.memberId);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function get(path: string, who: string | null) {
  return fetch(server.url + path, { headers: who ? { Cookie: cookies[who] } : {}, redirect: "manual" });
}

async function csv(path: string, who: string) {
  const response = await get(path, who);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  return { disposition: response.headers.get("content-disposition"), lines: text.slice(1).trimEnd().split("\r\n") };
}

describe("who sees which figures", () => {
  test("the admin sees the whole country, or one département when choosing it", async () => {
    const page = await get("/admin/tableau-de-bord", "admin");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>Suivi de la distribution — Administration — Kits d&#x27;inclusion numérique</title>");
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const text = await textOf(await get("/admin/tableau-de-bord", "admin"));
    expect(text).toContain(RENNES_SILENT);
    expect(text).toContain(BREST_SILENT);
    expect(text).toContain("toute la France");
    const only29 = await textOf(await get("/admin/tableau-de-bord?departement=29", "admin"));
    expect(only29).toContain(BREST_SILENT);
    expect(only29).not.toContain(RENNES_SILENT);
    expect(only29).not.toContain("35 — Ille-et-Vilaine 5");
    expect(only29).toContain("29 — Finistère 4 4 3 2");
  });

  test("an instructor of 35 sees 35 only; asking for 29 by the address changes nothing", async () => {
    for (const address of ["/instruction/tableau-de-bord", "/instruction/tableau-de-bord?departement=29"]) {
      const text = await textOf(await get(address, "instructor35"));
      expect(text, address).toContain(RENNES_SILENT);
      expect(text, address).toContain("35 — Ille-et-Vilaine");
      expect(text, address).not.toContain(BREST_SILENT);
      expect(text, address).not.toContain("Finistère");
    }
    const silent = await csv("/instruction/tableau-de-bord/export/structures-sans-commande?departement=29", "instructor35");
    expect(silent.lines.slice(1).map((line) => line.split(";")[0])).toEqual([RENNES_SILENT]);
    const stuck = await csv("/instruction/tableau-de-bord/export/commandes-en-attente?departement=29", "instructor35");
    expect(stuck.lines.slice(1).map((line) => line.split(";")[0])).toEqual(["35"]);
  });

  test("anonymous visitors are sent to sign in; a structure's member and an instructor in the admin space are refused", async () => {
    for (const address of ["/admin/tableau-de-bord", "/instruction/tableau-de-bord", "/admin/tableau-de-bord/export/consommation"]) {
      const anonymous = await get(address, null);
      expect(anonymous.status, address).toBe(302);
      expect(anonymous.headers.get("location"), address).toMatch(/^\/connexion\?redirectTo=/);
      expect((await get(address, "member")).status, address).toBe(403);
    }
    expect((await get("/admin/tableau-de-bord", "instructor35")).status).toBe(403);
    expect((await get("/admin/tableau-de-bord/export/structures-sans-commande", "instructor35")).status).toBe(403);
  });
});

describe("CSV exports", () => {
  test("consumption by month, in euros with a decimal comma", async () => {
    const { disposition, lines } = await csv("/admin/tableau-de-bord/export/consommation", "admin");
    expect(disposition).toBe('attachment; filename="consommation.csv"');
    expect(lines).toEqual(["mois;reserve_euros;engage_euros;depense_euros", "2031-01;0,00;199,00;193,50", "2031-02;199,00;193,50;392,50"]);
  });

  test("orders waiting, with Paris-time dates, for the threshold asked", async () => {
    const { lines } = await csv("/admin/tableau-de-bord/export/commandes-en-attente?jours=7", "admin");
    expect(lines).toEqual([
      "code_departement;departement;envoyees_non_instruites;approuvees_non_attribuees;en_attente_depuis;seuil_jours",
      "29;Finistère;0;1;02/02/2031 11:00:00;7",
      "35;Ille-et-Vilaine;1;0;05/02/2031 11:00:00;7",
    ]);
    expect((await csv("/admin/tableau-de-bord/export/commandes-en-attente?jours=16", "admin")).lines).toHaveLength(2);
  });

  test("lead times, orders by status, structures and feedback", async () => {
    expect((await csv("/admin/tableau-de-bord/export/delais-departements", "admin")).lines).toEqual([
      "code_departement;departement;commandes_livrees;delai_median_jours;delai_90e_centile_jours",
      ";Ensemble;3;20;28",
      "29;Finistère;1;30;30",
      "35;Ille-et-Vilaine;2;15;19",
    ]);
    expect((await csv("/admin/tableau-de-bord/export/commandes-par-statut", "admin")).lines).toEqual([
      "statut;commandes;montant_euros;anciennete_mediane_jours;anciennete_max_jours",
      "Approuvée;1;193,50;18;18",
      "Livrée;3;392,50;21;29",
      "Envoyée;1;199,00;15;15",
    ]);
    expect((await csv("/admin/tableau-de-bord/export/structures-par-departement", "admin")).lines).toEqual([
      "code_departement;departement;structures;verifiees;eligibles;ayant_commande",
      "29;Finistère;4;4;3;2",
      "35;Ille-et-Vilaine;5;4;4;3",
    ]);
    const silent = await csv("/admin/tableau-de-bord/export/structures-sans-commande", "admin");
    expect(silent.lines[0]).toBe("nom;type;code_commune;commune;code_departement;verifiee_le");
    expect(silent.lines.slice(1).map((line) => line.split(";").slice(0, 5).join(";"))).toEqual([
      `${BREST_SILENT};Bibliothèque ou médiathèque;29019;Brest;29`,
      `${RENNES_SILENT};France Services;35238;Rennes;35`,
    ]);
    const feedback = await csv("/admin/tableau-de-bord/export/retours-par-kit", "admin");
    expect(feedback.lines[0]).toBe("kit;retours_demandes;retours_recus;note_moyenne_sur_5;personnes_accompagnees;retours_publies");
    expect(
      feedback.lines
        .slice(1)
        .map((line) => line.split(";").slice(1).join(";"))
        .sort(),
    ).toEqual(["1;0;;0;0", "2;2;4,5;20;1"]);
  });

  test("the makers' load of the month asked, and one département's file named after it", async () => {
    const { disposition, lines } = await csv("/admin/tableau-de-bord/export/charge-fabricants?mois=2031-01&departement=29", "admin");
    expect(disposition).toBe('attachment; filename="charge-fabricants-29.csv"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2031-01;Fablab \d+;1;4$/);
  });
});

describe("hostile addresses", () => {
  test("a hand-edited query string shows the default view, never an error", async () => {
    const queries = [
      "departement=%00",
      "departement=99",
      "departement=2a",
      "jours=-1",
      "jours=1e309",
      "jours=abc",
      "mois=9999-99",
      "mois=2031-13",
      "page=99999999999999999999",
      "page=-3",
      "__proto__=1&constructor=2",
      "departement=35&departement=29",
      `departement=${"9".repeat(10_000)}`,
    ];
    for (const query of queries) {
      for (const [address, who] of [
        ["/admin/tableau-de-bord", "admin"],
        ["/instruction/tableau-de-bord", "instructor35"],
        ["/admin/tableau-de-bord/export/structures-sans-commande", "admin"],
      ]) {
        const response = await get(`${address}?${query}`, who);
        expect(response.status, `${address}?${query}`).toBeLessThan(500);
        await response.arrayBuffer();
      }
    }
    const far = await textOf(await get("/admin/tableau-de-bord?page=999", "admin"));
    expect(far).toContain("Structures éligibles qui n'ont jamais commandé");
  });

  test("an unknown table, or a hostile one, is not found", async () => {
    for (const table of ["inconnu", "__proto__", "constructor", "consommation.csv", "%00", "..%2F..%2Fetc%2Fpasswd"]) {
      const response = await get(`/admin/tableau-de-bord/export/${table}`, "admin");
      expect([400, 404], table).toContain(response.status);
      await response.arrayBuffer();
    }
  });
});
