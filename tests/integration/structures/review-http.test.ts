// The verification screens over HTTP against the built portal (run `npx remix build` first): who
// sees which queue and which structure, the decisions and the structure's answer, and hostile
// requests that must change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { connect } from "~/infra/postgres.server";
import { createPerson, createStructure, sessionCookie } from "../../support/fixtures";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const cookies: Record<string, string> = {};
let rennes: { id: number; memberId: number; legalName: string };
let brest: { id: number; memberId: number; legalName: string };

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const person = async (key: string, options: Parameters<typeof createPerson>[1]) =>
    (cookies[key] = await sessionCookie(sql, (await createPerson(sql, { name: `Personne ${key}`, ...options })).id));
  await person("admin", { roles: ["admin"], totp: true });
  await person("instructor35", { name: "Inès Instructrice", roles: ["instructor"], scope: departementScope("35"), totp: true });
  await person("instructor29", { roles: ["instructor"], scope: departementScope("29"), totp: true });
  rennes = await createStructure(sql, { communeCode: "35238", legalName: "Médiathèque de Rennes-Est" });
  brest = await createStructure(sql, { communeCode: "29019", legalName: "Centre social de Brest-Bellevue" });
  cookies.member = await sessionCookie(sql, rennes.memberId);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function get(path: string, who: string) {
  return fetch(server.url + path, { headers: { Cookie: cookies[who] }, redirect: "manual" });
}

function post(path: string, who: string, fields: Record<string, string> | string) {
  return fetch(server.url + path, {
    method: "POST",
    body: typeof fields === "string" ? fields : new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who], "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function stateOf(structureId: number) {
  const [row] = await sql<{ status: string; reviews: number }[]>`
    select status, (select count(*)::int from structure_reviews where structure_id = s.id) as reviews from structures s where s.id = ${structureId}`;
  return row;
}

describe("who sees which structures", () => {
  test("an instructor of 35 sees the structures of 35 only, and not a 29 one's page nor a decision on it", async () => {
    const queue = await get("/instruction", "instructor35");
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain("Médiathèque de Rennes-Est");
    expect(html).not.toContain("Brest-Bellevue");
    expect(html).toContain("35 — Ille-et-Vilaine");
    expect(html).toContain("À instruire (1)");

    const page = await get(`/instruction/structures/${brest.id}`, "instructor35");
    expect(page.status).toBe(404);
    const notFound = await page.text();
    expect(notFound).toContain("Structure introuvable.");
    expect(notFound).not.toContain("Brest-Bellevue");
    expect((await post(`/instruction/structures/${brest.id}`, "instructor35", { intent: "verify", reviewsSeen: "0" })).status).toBe(404);
    // Asking for the 29 département in the filter shows nothing either.
    expect(await (await get("/instruction?departement=29&statut=all", "instructor35")).text()).not.toContain("Brest-Bellevue");
    expect(await stateOf(brest.id)).toEqual({ status: "pending", reviews: 0 });
  });

  test("the admin space and its queue are refused to instructors; the queues are refused to a structure's members", async () => {
    expect((await get("/admin/structures", "instructor35")).status).toBe(403);
    expect((await get(`/admin/structures/${rennes.id}`, "instructor35")).status).toBe(403);
    expect((await post(`/admin/structures/${rennes.id}`, "instructor35", { intent: "verify", reviewsSeen: "0" })).status).toBe(403);
    for (const path of ["/instruction", "/admin/structures", `/instruction/structures/${rennes.id}`]) {
      expect((await get(path, "member")).status, path).toBe(403);
    }
    expect(await stateOf(rennes.id)).toEqual({ status: "pending", reviews: 0 });
  });

  test("the admin sees every département's structures, filtered by département and status", async () => {
    const all = await (await get("/admin/structures", "admin")).text();
    expect(all).toContain("Médiathèque de Rennes-Est");
    expect(all).toContain("Centre social de Brest-Bellevue");
    const only29 = await (await get("/admin/structures?departement=29", "admin")).text();
    expect(only29).toContain("Centre social de Brest-Bellevue");
    expect(only29).not.toContain("Médiathèque de Rennes-Est");
    expect(await (await get("/admin/structures?statut=verified", "admin")).text()).toContain("Aucune structure ne correspond à ces critères.");
    const file = await (await get(`/admin/structures/${brest.id}`, "admin")).text();
    expect(file).toMatch(/<h1[^>]*>Centre social de Brest-Bellevue<\/h1>/);
    expect(file).toContain("29 — Finistère");
    expect(file).toContain("population municipale légale 2023");
    expect(file).toContain("Clé de contrôle valide");
  });
});

describe("hostile requests change nothing", () => {
  const target = () => `/instruction/structures/${rennes.id}`;

  test("huge, malformed or unknown ids answer 404; a NUL in the address, 400 at the boundary", async () => {
    for (const id of ["99999999999999999999", "abc", "0", "-1", "1e3", "__proto__", "987654321"]) {
      expect((await get(`/instruction/structures/${id}`, "instructor35")).status, id).toBe(404);
      expect((await post(`/instruction/structures/${id}`, "instructor35", { intent: "verify", reviewsSeen: "0" })).status, id).toBe(404);
    }
    expect((await get("/instruction/structures/%00", "instructor35")).status).toBe(400);
    expect((await post("/instruction/structures/%00", "instructor35", { intent: "verify", reviewsSeen: "0" })).status).toBe(400);
  });

  test("prototype keys, NUL characters, a missing or absurd count, an unknown decision and truncated bodies answer 4xx", async () => {
    const bodies = [
      "intent=__proto__&reviewsSeen=0",
      "intent=constructor&__proto__=x&reviewsSeen=0",
      "intent=verify&reviewsSeen=__proto__",
      "intent=verify",
      "intent=verify&reviewsSeen=99999999999999999999",
      "intent=reject&reviewsSeen=0&reason=Non%00",
      `intent=reject&reviewsSeen=0&reason=${"x".repeat(2001)}`,
      "intent=request&reviewsSeen=0&question=",
    ];
    for (const body of bodies) {
      const response = await post(target(), "instructor35", body);
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
    for (const body of [
      "structureId=99999999999999999999&answer=Oui",
      "structureId=__proto__&answer=Oui",
      `structureId=${rennes.id}&answer=Oui%00`,
      `structureId=${rennes.id}&__proto__=x&constructor=y&answer=Oui`,
      `structureId=${brest.id}&answer=Oui`,
    ]) {
      const response = await post("/structure/reponse", "member", body);
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
    const headers = { Origin: server.url, Cookie: cookies.instructor35, "Content-Type": "multipart/form-data; boundary=x" };
    const truncated = await rawRequest(server.url + target(), { headers, body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nver' });
    expect(truncated.status).toBeGreaterThanOrEqual(400);
    expect(truncated.status).toBeLessThan(500);
    const answerTruncated = await rawRequest(server.url + "/structure/reponse", {
      headers: { ...headers, Cookie: cookies.member },
      body: '--x\r\nContent-Disposition: form-data; name="answer"\r\n\r\nOu',
    });
    expect(answerTruncated.status).toBeGreaterThanOrEqual(400);
    expect(answerTruncated.status).toBeLessThan(500);
    expect(await stateOf(rennes.id)).toEqual({ status: "pending", reviews: 0 });
    expect(await stateOf(brest.id)).toEqual({ status: "pending", reviews: 0 });
  });
});

describe("a question, its answer, and the verification, over HTTP", () => {
  test("refused by field in French, then asked; the member answers; the instructor verifies; a stale decision is a 409", async () => {
    const structure = await createStructure(sql, { communeCode: "35288", legalName: "Tiers-lieu de Saint-Malo" });
    cookies.maloMember = await sessionCookie(sql, structure.memberId);
    const path = `/instruction/structures/${structure.id}`;

    const empty = await post(path, "instructor35", { intent: "request", reviewsSeen: "0", question: "Oui" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Écrivez la question posée à la structure (5 caractères au moins)");
    expect(emptyHtml).toContain(">Oui</textarea>");

    const asked = await post(path, "instructor35", { intent: "request", reviewsSeen: "0", question: "Quels publics accueillez-vous ?" });
    expect(asked.status).toBe(302);
    const notice = new URL(asked.headers.get("location")!, server.url);
    expect([notice.pathname, notice.searchParams.get("fait"), notice.searchParams.get("structure")]).toEqual([
      "/instruction",
      "information_requested",
      "Tiers-lieu de Saint-Malo",
    ]);

    // A member of another structure has no question to answer, and cannot answer this one.
    expect(await (await get("/structure/reponse", "member")).text()).toContain("Aucune question en attente");
    expect((await post("/structure/reponse", "member", { structureId: String(structure.id), answer: "Intrus" })).status).toBe(404);

    const page = await (await get("/structure/reponse", "maloMember")).text();
    expect(page).toContain("Quels publics accueillez-vous ?");
    expect((await post("/structure/reponse", "maloMember", { structureId: String(structure.id), answer: "" })).status).toBe(400);
    const answered = await post("/structure/reponse", "maloMember", { structureId: String(structure.id), answer: "Des demandeurs d'emploi." });
    expect(answered.status).toBe(302);
    expect(await stateOf(structure.id)).toEqual({ status: "pending", reviews: 2 });
    expect(await (await get("/instruction", "instructor35")).text()).toContain("Tiers-lieu de Saint-Malo");

    const file = await (await get(path, "instructor35")).text();
    expect(file).toContain("Des demandeurs d'emploi.");
    expect(file).toContain('name="reviewsSeen" value="2"');
    const stale = await post(path, "instructor35", { intent: "verify", reviewsSeen: "1" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("La fiche a changé depuis que vous l&#x27;avez ouverte");
    const verified = await post(path, "instructor35", { intent: "verify", reviewsSeen: "2" });
    expect(verified.status).toBe(302);
    expect(await stateOf(structure.id)).toEqual({ status: "verified", reviews: 3 });
    const [mail] = await sql<{ subject: string }[]>`
      select subject from mail_outbox where to_address = (select email from users where id = ${structure.memberId}) order by id desc limit 1`;
    expect(mail.subject).toBe("Votre structure « Tiers-lieu de Saint-Malo » est vérifiée");
    expect(await (await get(path, "instructor35")).text()).toContain("La décision est définitive");
  });
});
