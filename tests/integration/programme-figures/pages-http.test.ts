// The public figures' pages over HTTP against the built portal: /donnees and a département's page
// show the hand-worked figures of a small programme, anonymously, with no seeded e-mail, phone or
// person's name anywhere; hostile codes and query strings get a 4xx or the default view.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { eventually } from "../../support/eventually";
import { rawRequest } from "../../support/raw-http";
import { personalData, programmeWorld, type ProgrammeWorld } from "../../support/programme-figures-world";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let programme: ProgrammeWorld;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });
/** The page's text as read: tags, React's separators and entities gone, spaces normalised. */
async function textOf(path: string) {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  const text = html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[\s\u00a0\u202f]+/g, " ");
  return { html, text };
}

describe("before any campaign", () => {
  test("/donnees says the figures will come; a département's page is not found", async () => {
    const { text } = await textOf("/donnees");
    expect(text).toContain("Aucune campagne de distribution n'est encore ouverte");
    expect((await get("/donnees/departements/35")).status).toBe(404);
  });
});

describe("with a programme under way", () => {
  beforeAll(async () => {
    programme = await programmeWorld(sql);
  });

  test("/donnees: the envelope, kits delivered, structures by kind, the map and the table of départements", async () => {
    // Each process reads the national figures at most every few seconds.
    const { html, text } = await eventually(
      "the figures of the programme",
      () => textOf("/donnees"),
      (page) => page.text.includes("9 kits livrés à 3 structures"),
    );
    expect(text).toMatch(/Données au \d{1,2} [a-zéû]+ \d{4} à \d{2}:\d{2} \(heure de Paris\)/);
    expect(text).toContain("Plafond national 40 000 000,00 €");
    expect(text).toContain("Dépensé 984,00 €");
    expect(text).toContain("Engagé 199,00 €");
    expect(text).toContain("Réservé 64,50 €");
    expect(text).toContain("Bibliothèque ou médiathèque 2 8");
    expect(text).toContain("France Services 1 1");
    expect(text).toContain("35 — Ille-et-Vilaine 8 2");
    expect(html).toContain('href="/donnees/telechargements"');
    // One image with its text alternative, and the mouse's links laid over it, hidden from assistive technologies.
    const map = html.slice(html.indexOf('<div class="carte-donnees"'), html.indexOf('<p class="fr-text--sm fr-mb-1w" id="carte-legende"'));
    expect(map).toMatch(/<svg viewBox="[^"]+" role="img" aria-labelledby="carte-image-titre carte-alternative"/);
    expect([...map.matchAll(/<path id="carte-donnees-([0-9AB]+)"/g)]).toHaveLength(101);
    expect(map).toMatch(/<svg viewBox="[^"]+" aria-hidden="true"/);
    const links = [
      ...map.matchAll(/<a href="\/donnees\/departements\/([0-9AB]+)" tabindex="-1"><title>([^<]*)<\/title><use href="#carte-donnees-\1"/g),
    ];
    expect(links).toHaveLength(101);
    expect(links.find(([, code]) => code === "35")![2]).toBe("35 — Ille-et-Vilaine : 8 kits livrés");
    expect(text).toContain("15 — Cantal : 1 kit livré");
    expect(text).toContain("48 — Lozère : 0 kit livré");
    expect(text).toContain("Aucun kit livré Jusqu'à 1 kit Plus de 1 kit, jusqu'à 8 kits");
  });

  test("the map's measure is chosen by a link; an unknown measure shows the kits", async () => {
    const { html, text } = await eventually(
      "the euros map",
      () => textOf("/donnees?mesure=euros"),
      (page) => page.text.includes("9 kits livrés"),
    );
    expect(text).toContain("Carte : euros dépensés par département");
    expect(text).toContain("Rien de dépensé");
    expect(html).toMatch(/<title>35 — Ille-et-Vilaine : 785,00[\s\u00a0\u202f]€ dépensés<\/title>/);
    expect(html).toMatch(/<a[^>]*aria-current="true"[^>]*>Euros dépensés<\/a>/);
    for (const query of ["?mesure=__proto__", "?mesure=constructor", "?mesure=EUROS", `?mesure=${"x".repeat(5000)}`, "?mesure=kits&mesure=euros"]) {
      const page = await textOf(`/donnees${query}`);
      expect(page.text, query).toContain("Carte : kits livrés par département");
    }
    expect((await rawRequest(`${server.url}/donnees?mesure=%00`, { method: "GET" })).status).toBe(400);
  });

  test("a département's page: its allocation, kits by commune, structures equipped by public name, its makers", async () => {
    const response = await get("/donnees/departements/35");
    const { html, text } = await textOf("/donnees/departements/35");
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("<title>Ille-et-Vilaine (35) — Les données du programme — Kits d&#x27;inclusion numérique</title>");
    expect(text).toContain("8 kits livrés à 2 structures du département");
    expect(text).toContain("Réservé (commandes à instruire) 64,50 €");
    expect(text).toContain("Engagé (commandes approuvées) 199,00 €");
    expect(text).toContain("Dépensé (kits reçus) 785,00 €");
    expect(text).toContain("Rennes 35238 1 5");
    expect(text).toContain("Saint-Malo 35288 1 3");
    expect(text).toContain("Médiathèque des Champs Libres Rennes 5");
    expect(text).toContain("Médiathèque La Grande Passerelle Saint-Malo 3");
    expect(text).toContain(`Fablab ${programme.rennesFablab.memberId} Fablab Rennes Oui 8`);
    for (const name of ["Bibliothèque Triangle", "Bibliothèque Lucien Rose", "Bibliothèque Bourg-l'Évêque", "Bibliothèque Clôteaux"]) {
      expect(text, name).not.toContain(name);
    }
    const cantal = await textOf("/donnees/departements/15");
    expect(cantal.text).toContain("France Services d'Aurillac Aurillac 1");
  });

  test("no seeded e-mail, phone or person's name on any of these pages", async () => {
    const secrets = await personalData(sql);
    expect(secrets.length).toBeGreaterThan(10);
    expect(secrets).toContain("Hortense Signataire");
    for (const path of ["/donnees", "/donnees?mesure=euros", "/donnees/departements/35", "/donnees/departements/15", "/donnees/departements/48"]) {
      const { html, text } = await textOf(path);
      for (const secret of secrets) {
        expect(html.includes(secret) || text.includes(secret), `${secret} on ${path}`).toBe(false);
      }
    }
  });

  test("the figures are public pages: a burst of visitors shares one rendering per second, revalidated with its ETag", async () => {
    for (const path of ["/donnees", "/donnees?mesure=euros", "/donnees/departements/35", "/donnees/telechargements"]) {
      // The page's « données au » changes from one second to the next: its ETag with it.
      const revalidation = await eventually(
        `a revalidation of ${path} answered 304`,
        async () => {
          const page = await get(path);
          expect(page.status, path).toBe(200);
          expect(page.headers.get("cache-control"), path).toBe("no-cache");
          const etag = page.headers.get("etag");
          expect(etag, path).toMatch(/^W\/".+"$/);
          return (await fetch(`${server.url}${path}`, { headers: { "If-None-Match": etag! } })).status;
        },
        (status) => status === 304,
      );
      expect(revalidation).toBe(304);
    }
    // A signed-in visitor's copy is never the shared one.
    const signedIn = await fetch(`${server.url}/donnees`, { headers: { Cookie: `kits_session=${"a".repeat(43)}` } });
    expect(signedIn.headers.get("etag")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
  });

  test("unknown and hostile codes are not found; a hostile page number shows a page; nothing to post", async () => {
    for (const code of ["99", "20", "975", "2a", "035", "__proto__", "constructor", "%27%20or%201%3D1", "9".repeat(2000), "35%20"]) {
      expect((await get(`/donnees/departements/${code}`)).status, code).toBe(404);
    }
    expect((await rawRequest(`${server.url}/donnees/departements/3%005`, { method: "GET" })).status).toBe(400);
    for (const page of ["-1", "0", "abc", "99999999999999999999", "__proto__"]) {
      expect((await get(`/donnees/departements/35?page=${page}`)).status, page).toBe(200);
    }
    const { text } = await textOf("/donnees/departements/35?page=40");
    expect(text).toContain("2 structures ont confirmé la réception d'au moins un kit.");
    const posted = await fetch(`${server.url}/donnees`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "constructor=%00&__proto__=1",
      redirect: "manual",
    });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);
  });
});
