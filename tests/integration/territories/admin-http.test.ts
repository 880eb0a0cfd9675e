// /admin/territoires over HTTP against the built portal: the admin imports a list file; a file
// with problems comes back line by line; nobody else may import; nothing is saved on refusal.
import { readFileSync } from "node:fs";
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

function importList(who: keyof typeof cookies, fields: Record<string, string>, file: { name: string; text: string } | null) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (file) body.set("file", new Blob([file.text], { type: "text/csv" }), file.name);
  return fetch(`${server.url}/admin/territoires`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who] },
  });
}

const listCount = async () => (await sql`select count(*)::int as n from territorial_list_versions`)[0].n as number;
const fields = { name: "France Ruralités Revitalisation (échantillon)", source: "Échantillon du dépôt", validFrom: "2026-01-01", sample: "oui" };

describe("importing a territorial list", () => {
  test("the admin imports the sample file; the page lists it as a sample with its version", async () => {
    const response = await importList("admin", fields, { name: "frr.csv", text: readFileSync("db/samples/frr-echantillon.csv", "utf8") });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/admin\/territoires\?fait=importee&liste=.*&version=1&communes=30$/);
    const page = await (await fetch(`${server.url}${response.headers.get("Location")}`, { headers: { Cookie: cookies.admin } })).text();
    expect(page).toContain("est importée (version 1, 30 communes)");
    expect(page).toContain("Échantillon, pas une donnée officielle");
    expect(page).toMatch(/34\u00a0875 communes|34 875 communes|34875 communes/);
  });

  test("a file with problems comes back with each line named, the fields kept, nothing saved", async () => {
    const before = await listCount();
    const response = await importList(
      "admin",
      { ...fields, name: "Liste fautive" },
      { name: "l.csv", text: "\uFEFFcode_insee;nom\r\n01001;A\r\n99999;B\r\n1002;C\r\n" },
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Ligne 3 : Le code 99999 n&#x27;est pas celui d&#x27;une commune actuelle");
    expect(page).toContain("Ligne 4 : « 1002 » n&#x27;est pas un code INSEE de commune");
    expect(page).toContain('value="Liste fautive"');
    expect(await listCount()).toBe(before);
  });

  test("missing fields and a missing file are named by field; 200,000 lines are refused by their count", async () => {
    const empty = await importList("admin", { name: "", source: "", validFrom: "2026-02-30" }, null);
    expect(empty.status).toBe(400);
    const page = await empty.text();
    expect(page).toContain("Indiquez le nom de la liste");
    expect(page).toContain("Cette date n&#x27;existe pas.");
    const huge = await importList("admin", { ...fields, name: "Liste énorme" }, { name: "h.csv", text: "code_insee\n" + "01001\n".repeat(200_000) });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("Le fichier compte 200");
  });

  test("a designer cannot import (403), and nothing is saved", async () => {
    const before = await listCount();
    const response = await importList("designer", fields, { name: "frr.csv", text: "code_insee\n01001\n" });
    expect(response.status).toBe(403);
    expect(await listCount()).toBe(before);
  });
});
