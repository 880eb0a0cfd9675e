// /structure/inscription over HTTP against the built portal: a signed-in person finds the commune,
// registers the structure and becomes its member; every refusal comes back by field, what was
// typed kept, nothing saved.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { textOf } from "../accounts/http-client";
import { auditOf, createPerson, sessionCookie } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let person: { id: number; cookie: string };
let other: { id: number; cookie: string };

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const signedIn = async (roles: ("designer" | "structure")[]) => {
    const { id } = await createPerson(sql, { roles });
    return { id, cookie: await sessionCookie(sql, id) };
  };
  person = await signedIn([]);
  other = await signedIn(["designer"]);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const form = {
  siret: "130 025 265 00013",
  legalName: "CCAS de Vitré",
  kind: "social_action_centre",
  communeQuery: "Vitré",
  commune: "35360",
  address: "2 place du Château",
  postal: "35500",
  contactName: "Nadia Benali",
  contactPhone: "+33 2 99 75 00 00",
};

function post(who: { cookie: string } | null, fields: Record<string, string>, path = "/structure/inscription") {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...(who ? { Cookie: who.cookie } : {}) },
  });
}

const saved = async () => {
  const [row] = await sql<{ structures: number; memberships: number }[]>`
    select (select count(*)::int from structures) as structures,
           (select count(*)::int from memberships where role = 'structure') as memberships`;
  return row;
};

describe("registering a structure", () => {
  test("anyone must sign in first; a signed-in person without any role sees the form", async () => {
    expect((await fetch(`${server.url}/structure/inscription`, { redirect: "manual" })).headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    expect((await post(null, form)).status).toBe(302);
    const page = await fetch(`${server.url}/structure/inscription`, { headers: { Cookie: person.cookie } });
    expect(page.status).toBe(200);
    expect(await textOf(page)).toContain("Tous les champs sont obligatoires sauf mention contraire.");
  });

  test("« Rechercher » lists the communes by name or postal code, with département and postal codes, the rest kept", async () => {
    const byName = await post(person, { ...form, commune: "", intent: "search" });
    expect(byName.status).toBe(200);
    const html = await byName.text();
    expect(html).toMatch(/<input[^>]*type="radio"[^>]*value="35360"/);
    expect(await textOf(new Response(html))).toContain("Vitré Département 35 — code postal 35500");
    expect(html).toContain('value="CCAS de Vitré"');
    expect(html).toContain('value="+33 2 99 75 00 00"');

    const byPostalCode = await textOf(await post(person, { ...form, communeQuery: "35000", commune: "", intent: "search" }));
    expect(byPostalCode).toContain("Rennes Département 35 — codes postaux 35000, 35200, 35700");
    const nothing = await textOf(await post(person, { ...form, communeQuery: "Xyzzyville", intent: "search" }));
    expect(nothing).toContain("Aucune commune ne correspond à « Xyzzyville »");
    expect(await saved()).toEqual({ structures: 0, memberships: 0 });
  });

  test("a SIRET with a wrong key, an unknown commune, or a postal code of another commune: refused by field, nothing saved", async () => {
    const badSiret = await post(person, { ...form, siret: "130 025 265 00014" });
    expect(badSiret.status).toBe(400);
    expect(await textOf(badSiret)).toContain("sa clé de contrôle ne correspond pas");

    const unknown = await post(person, { ...form, commune: "99999" });
    expect(unknown.status).toBe(400);
    expect(await textOf(unknown)).toContain("Cette commune n'existe pas");

    const lonePostal = await post(person, { ...form, postal: "35000", communeOption: "35360|Vitré|35|35500" });
    expect(lonePostal.status).toBe(400);
    const html = await lonePostal.text();
    expect(await textOf(new Response(html))).toContain("Le code postal de Vitré est 35500.");
    // The listed communes come back, the chosen one still chosen.
    expect(html).toMatch(/<input type="radio" id="commune-35360" name="commune" checked=""/);
    expect(html).toContain('value="35000"');

    const missing = await textOf(await post(person, { ...form, commune: "" }));
    expect(missing).toContain("Recherchez la commune de la structure, puis choisissez-la dans la liste.");
    // Enter in a field (the hidden default button) with no commune chosen searches what was typed.
    const entered = await textOf(await post(person, { ...form, commune: "", intent: "enter" }));
    expect(entered).toMatch(/communes? trouvées? : choisissez celle de la structure/);
    expect(await saved()).toEqual({ structures: 0, memberships: 0 });
  });

  test("a valid registration: the structure, its first member and the audit entry, then the space with a notice", async () => {
    const response = await post(person, form);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/structure?fait=inscrite&structure=CCAS+de+Vitr%C3%A9");
    const [structure] = await sql<{ id: number; siret: string; communeCode: string; postalCode: string; contactPhone: string; status: string }[]>`
      select id, siret, commune_code, postal_code, contact_phone, status from structures`;
    expect(structure).toMatchObject({
      siret: "13002526500013",
      communeCode: "35360",
      postalCode: "35500",
      contactPhone: "0299750000",
      status: "pending",
    });
    expect(await sql`select role, scope from memberships where user_id = ${person.id}`).toEqual([
      { role: "structure", scope: `structure:${structure.id}` },
    ]);
    expect(await auditOf(sql, "structure.registered")).toMatchObject([{ actorId: person.id, subject: `structure:${structure.id}` }]);

    const space = await textOf(await fetch(`${server.url}${response.headers.get("Location")}`, { headers: { Cookie: person.cookie } }));
    expect(space).toContain("La structure « CCAS de Vitré » est inscrite.");
    expect(space).toContain("En attente de vérification");
    expect(space).toContain("130 025 265 00013");
    expect(space).toContain("Nadia Benali, 02 99 75 00 00");
  });

  test("the same SIRET again: a conflict that says how to join the structure, nothing saved", async () => {
    const before = await saved();
    const again = await post(other, { ...form, legalName: "Autre nom", siret: "13002526500013" });
    expect(again.status).toBe(409);
    const html = await again.text();
    const page = await textOf(new Response(html));
    expect(page).toContain("Une structure est déjà inscrite avec ce SIRET");
    expect(page).toContain("demandez à l'une des personnes qui en sont membres de vous inviter");
    expect(html).toContain('value="Autre nom"');
    expect(await saved()).toEqual(before);
  });

  test("hostile input: a 4xx, nothing saved", async () => {
    const before = await saved();
    const attempts: Record<string, string>[] = [
      { ...form, siret: "1".repeat(100_000) },
      { ...form, siret: "13002526500021", kind: "__proto__" },
      { ...form, siret: "13002526500021", commune: "35360' or '1'='1" },
      { ...form, siret: "13002526500021", legalName: "x".repeat(5_000) },
      { ...form, siret: "13002526500021", contactPhone: "+0 000" },
      { ...form, siret: "13002526500021", communeQuery: "r".repeat(500), intent: "search" },
      { siret: "13002526500021" },
    ];
    for (const fields of attempts) {
      const response = await post(person, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
    }
    // Prototype keys are names like any other: the form stays incomplete.
    const prototypeKeys = new URLSearchParams({ siret: "13002526500021", __proto__: "x", constructor: "y", kind: "toString" });
    expect((await post(person, Object.fromEntries(prototypeKeys))).status).toBe(400);
    const nul = await post(person, { ...form, siret: "13002526500021", legalName: "CCAS\0" });
    expect(nul.status).toBe(400);
    const truncated = await fetch(`${server.url}/structure/inscription`, {
      method: "POST",
      body: '------x\r\nContent-Disposition: form-data; name="siret"\r\n\r\n1300',
      redirect: "manual",
      headers: { Origin: server.url, Cookie: person.cookie, "Content-Type": "multipart/form-data; boundary=----x" },
    });
    expect(truncated.status).toBe(400);
    expect(await saved()).toEqual(before);
  });
});
