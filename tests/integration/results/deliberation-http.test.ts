// The deliberation pages over HTTP, for a signed-in admin: each refusal answers with its status and
// its sentence on the page, each change redirects to a page that says it was done.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createSession } from "~/accounts/sessions.server";
import { connect } from "~/infra/postgres.server";
import { sealScores } from "~/results/seal.server";
import { startTestServer, type AppProcess } from "../../support/server";
import { textOf } from "../accounts/http-client";
import { handWorkedReviews, juryWorld } from "../../support/fixtures";
import { afterReview } from "../../support/calendar";

let server: AppProcess;
let sql: ReturnType<typeof connect>;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const [admin] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at, totp_secret, totp_enabled_at)
    values ('deliberation@gestion.exemple.fr', 'Gestionnaire', 'unused', now(), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', now())
    returning id`;
  await sql`insert into memberships (user_id, role) values (${admin.id}, 'admin')`;
  cookie = `kits_session=${(await createSession({ userId: admin.id, secondFactor: true }, sql)).token}`;
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const get = (path: string) => fetch(server.url + path, { headers: { Cookie: cookie }, redirect: "manual" });
const post = (path: string, form: Record<string, string>) =>
  fetch(server.url + path, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });

describe("the deliberation pages over HTTP", () => {
  test("sealing redirects to the page saying so; sealing again is a 409 that says why", async () => {
    const world = await juryWorld(sql, { entryCount: 2, jurorCount: 2 });
    const base = `/admin/concours/${world.contest.slug}/deliberation`;
    const sealed = await post(base, { intent: "seal" });
    expect(sealed.status).toBe(302);
    expect(sealed.headers.get("Location")).toBe(`${base}?fait=scelle`);
    expect(await textOf(await get(`${base}?fait=scelle`))).toContain("Les notes sont scellées.");
    expect(await sql`select 1 from score_seals where contest_id = ${world.contest.id}`).toHaveLength(1);

    const again = await post(base, { intent: "seal" });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Les notes sont déjà scellées");
  });

  test("an unknown button is a 400, and nothing is sealed", async () => {
    const world = await juryWorld(sql, { entryCount: 1, jurorCount: 1 });
    const refused = await post(`/admin/concours/${world.contest.slug}/deliberation`, { intent: "tout-publier" });
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain("Action inconnue.");
    expect(await sql`select 1 from score_seals where contest_id = ${world.contest.id}`).toHaveLength(0);
  });

  test("a decision before the seal is a 409; after it, a decision missing its figures is a 400 naming each field, with the motivation kept", async () => {
    const world = await juryWorld(sql, { entryCount: 2, jurorCount: 2 });
    const page = `/admin/concours/${world.contest.slug}/deliberation/${world.entries[0].id}`;
    const early = await post(page, { outcome: "not_retained", motivation: "Une idée encore trop floue." });
    expect(early.status).toBe(409);
    expect(await textOf(early)).toContain("Scellez d'abord les notes");

    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }, sql);
    const incomplete = await post(page, {
      outcome: "laureate",
      motivation: "Un kit complet et accessible.",
      finalUnitPrice: "",
      finalMonthlyCapacity: "",
    });
    expect(incomplete.status).toBe(400);
    const html = await textOf(incomplete);
    expect(html).toContain("Confirmez le prix unitaire final du kit lauréat");
    expect(html).toContain("Confirmez la capacité de production mensuelle du kit lauréat");
    expect(html).toContain("Un kit complet et accessible.");

    const decided = await post(page, {
      outcome: "laureate",
      motivation: "Un kit complet et accessible.",
      finalUnitPrice: "179,90",
      finalMonthlyCapacity: "150",
    });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(`/admin/concours/${world.contest.slug}/deliberation?fait=decision#classement`);
  });

  test("publishing without ticking the confirmation is a 400 and publishes nothing", async () => {
    const world = await juryWorld(sql, { entryCount: 1, jurorCount: 1 });
    const refused = await post(`/admin/concours/${world.contest.slug}/deliberation/publication`, {});
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain("Cochez la case pour confirmer la publication des résultats.");
    expect(await sql`select 1 from publications where contest_id = ${world.contest.id}`).toHaveLength(0);
  });

  test("the jurors' figures have a page of their own, which the deliberation links to", async () => {
    const world = await juryWorld(sql);
    const base = `/admin/concours/${world.contest.slug}/deliberation`;
    const early = await get(`${base}/membres`);
    expect(early.status).toBe(200);
    expect(await textOf(early)).toContain("Les notes ne sont pas encore scellées");

    await handWorkedReviews(sql, world);
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }, sql);
    const page = await textOf(await get(`${base}/membres`));
    // The hand-worked example: mean, spread and severity of each juror (results/deliberation.test.ts).
    expect(page).toContain("Juré 1 3 3,00 2,00 +2,00");
    expect(page).toContain("Juré 2 2 2,00 1,41 −2,00");

    const deliberation = await (await get(base)).text();
    expect(deliberation).toContain(`href="${base}/membres"`);
    const text = await textOf(new Response(deliberation));
    expect(text).toMatch(/Les notes de chaque membre du jury \( ?2 membres ?\) : moyenne, dispersion et sévérité relative/);
    expect(text).not.toContain("Juré 1");
  });

  test("a missing contest or entry is a 404 that names it", async () => {
    const world = await juryWorld(sql, { entryCount: 1, jurorCount: 1 });
    for (const [path, says] of [
      ["/admin/concours/pas-de-concours/deliberation", "Concours introuvable."],
      ["/admin/concours/pas-de-concours/deliberation/publication", "Concours introuvable."],
      ["/admin/concours/pas-de-concours/deliberation/membres", "Concours introuvable."],
      [`/admin/concours/${world.contest.slug}/deliberation/999999`, "Proposition introuvable."],
      [`/admin/concours/${world.contest.slug}/deliberation/abc`, "Proposition introuvable."],
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await textOf(response), path).toContain(says);
    }
  });
});
