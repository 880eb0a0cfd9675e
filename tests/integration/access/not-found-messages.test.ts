// A record that is missing (or hidden from this person) answers 404 with the sentence the domain
// gave, shown on the error page: "Page introuvable" alone does not say which record went missing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type TestServer } from "../../support/server";
import { createPerson, sessionCookie } from "../../support/fixtures";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const cookies: Record<string, string> = {};

async function signedIn(role: "admin" | "designer") {
  const user = await createPerson(sql, { name: `Personne ${role}`, roles: [role], totp: role === "admin" });
  cookies[role] = await sessionCookie(sql, user.id);
}

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  await signedIn("admin");
  await signedIn("designer");
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

async function page(path: string, role: keyof typeof cookies) {
  const response = await fetch(server.url + path, { headers: { Cookie: cookies[role] }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

describe("missing records are named on their 404 page", () => {
  test.each([
    { path: "/candidat/propositions/999999", role: "designer", says: "Proposition introuvable" },
    { path: "/candidat/propositions/abc", role: "designer", says: "Proposition introuvable" },
    { path: "/admin/utilisateurs/999999", role: "admin", says: "Cette personne n'existe pas." },
    { path: "/admin/concours/pas-de-concours", role: "admin", says: "Concours introuvable" },
  ])("$path says « $says »", async ({ path, role, says }) => {
    const { status, html } = await page(path, role);
    expect(status).toBe(404);
    expect(html).toContain("<h1>Page introuvable</h1>");
    expect(html).toContain(says);
  });
});
