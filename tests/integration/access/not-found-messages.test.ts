// A record that is missing (or hidden from this person) answers 404 with the sentence the domain
// gave, shown on the error page: "Page introuvable" alone does not say which record went missing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createSession } from "~/accounts/sessions.server";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const tokens: Record<string, string> = {};

async function signedIn(role: "admin" | "designer") {
  const [user] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at, totp_secret, totp_enabled_at)
    values (${`${role}@introuvable.exemple.fr`}, ${`Personne ${role}`}, 'unused', now(),
            ${role === "admin" ? "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" : null}, ${role === "admin" ? new Date() : null})
    returning id`;
  await sql`insert into memberships (user_id, role) values (${user.id}, ${role})`;
  tokens[role] = (await createSession({ userId: user.id, secondFactor: true }, sql)).token;
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

async function page(path: string, role: keyof typeof tokens) {
  const response = await fetch(server.url + path, { headers: { Cookie: `kits_session=${tokens[role]}` }, redirect: "manual" });
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
