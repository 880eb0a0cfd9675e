// Error pages in production mode: French, inside the DSFR layout, and never a stack trace.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
});
afterAll(async () => {
  await server?.stop();
});

// What a leaked stack trace or internal error would look like.
const leaks = [/\n\s+at /, /node_modules/, /\.tsx?:\d+/, /\.js:\d+:\d+/, /relation "/, /PostgresError/, /server[\\/]app/, /\/work\//];

function expectNoLeak(body: string) {
  for (const leak of leaks) expect(body).not.toMatch(leak);
}

describe("error pages", () => {
  test("an unknown address answers 404 with the French page inside the DSFR header and footer", async () => {
    for (const path of ["/page-qui-n-existe-pas", "/admin-bidon/deeply/nested", "/catalogue.php?id=1"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain("<h1>Page introuvable</h1>");
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain("fr-header__service-title");
      expect(html).toContain('href="/accessibilite"');
      expectNoLeak(html);
    }
  });

  test("a submission to an unknown address also answers 404", async () => {
    const response = await fetch(`${server.url}/formulaire-inconnu`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page introuvable");
  });

  test("a server error shows a French page and neither the stack trace nor the internal message", async () => {
    // A real fault, with no test-only code in the app: the sessions table disappears from the
    // database, so reading any session cookie fails inside the root loader with a SQL error.
    const sql = connect(server.databaseUrl, { max: 1 });
    try {
      await sql`drop table sessions`;
    } finally {
      await sql.end();
    }
    const cookie = `kits_session=${randomBytes(32).toString("base64url")}`;

    const page = await fetch(`${server.url}/mentions-legales`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain("Une erreur est survenue");
    expect(html).toContain('<html lang="fr"');
    expectNoLeak(html);
    expect(html).not.toContain("sessions");

    // The same fault through a client-side navigation (single-fetch data request).
    const data = await fetch(`${server.url}/mentions-legales.data`, { headers: { Cookie: cookie } });
    expect(data.status).toBe(500);
    const payload = await data.text();
    expectNoLeak(payload);
    expect(payload).not.toContain("sessions");

    // The details are in the server's log, where they belong.
    expect(server.output()).toMatch(/relation \\"sessions\\" does not exist/);
  });

  test("an address that cannot be decoded is a 400 with a French message, not a server error", async () => {
    for (const path of ["/%E0%A4%A", "/%", "/build/%E0"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      const body = await response.text();
      expect(body).toBe("Requête invalide : l'adresse demandée est mal formée.");
      expectNoLeak(body);
    }
    expect(server.output()).not.toMatch(/URIError/);
  });
});
