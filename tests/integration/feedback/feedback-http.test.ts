// Feedback on use and the laureate's decisions over HTTP against the built portal: the structure's
// questionnaire (its members only, answered once), the admin's moderation, what the catalogue and
// the designer show; the kit's designer approving makers of their own kit, nobody else's. Every
// refusal a 4xx that changes nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { registerMaker, requestKits } from "~/makers/makers.server";
import { approvedOrder, makerFor, shareOf } from "../../support/fulfilment-world";
import { auditOf, createPerson, createStructure, sessionCookie, validSiret } from "../../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { startTestServer, type TestServer } from "../../support/server";
import { postForm, textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let world: OrdersWorld;
type Who = { id: number; cookie: string };
let member: Who;
let stranger: Who;
let admin: Who;
let designer: Who;
let otherDesigner: Who;
let feedbackId: number;
let structureName: string;
let kitSlug: string;

const as = async (id: number): Promise<Who> => ({ id, cookie: await sessionCookie(sql, id) });

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  const maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
  const order = await approvedOrder(sql, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
  await shareOf(sql, order, maker, "delivered");
  // As the receipt step and the job leave it: asked.
  [{ id: feedbackId }] = await sql<{ id: number }[]>`
    insert into kit_feedback (order_id, kit_id, ask_after, asked_at) values (${order.orderId}, ${world.coffret.kitId}, now(), now()) returning id`;
  [{ legalName: structureName }] = await sql<{ legalName: string }[]>`select legal_name from structures where id = ${order.structureId}`;
  member = await as(order.memberId);
  stranger = await as((await createStructure(sql, { status: "verified" })).memberId);
  admin = await as((await createPerson(sql, { roles: ["admin"], totp: true })).id);
  const owners = await sql<{ ownerId: number; slug: string }[]>`
    select p.owner_id, k.slug from catalogue_kits k join proposals p on p.id = k.proposal_id
    where k.id in (${world.coffret.kitId}, ${world.jeu.kitId}) order by k.id = ${world.jeu.kitId}`;
  designer = await as(owners[0].ownerId);
  kitSlug = owners[0].slug;
  otherDesigner = await as(owners[1].ownerId);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function post(who: Who | null, path: string, fields: [string, string][] | Record<string, string>) {
  return postForm(server.url, path, fields, who?.cookie);
}
const get = (who: Who | null, path: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: who ? { Cookie: who.cookie } : {} });
const questionnaire = () => `/structure/retours/${feedbackId}`;

const feedback = async () =>
  (await sql`select rating, people_reached, themes, comment, answered_by, moderation from kit_feedback where id = ${feedbackId}`)[0];

describe("the structure's questionnaire", () => {
  test("only the ordering structure's members reach it; anyone else is not found or not let in", async () => {
    const page = await get(member, questionnaire());
    expect(page.status).toBe(200);
    const text = await textOf(page);
    expect(text).toContain("Votre retour sur le kit « Coffret");
    expect(text).toContain("Tous les champs sont obligatoires sauf mention contraire.");
    expect(text).toContain("Réseaux sociaux");

    expect((await get(stranger, questionnaire())).status).toBe(404);
    expect((await post(stranger, questionnaire(), { rating: "5", peopleReached: "3" })).status).toBe(404);
    expect((await get(designer, questionnaire())).status).toBe(403);
    const anonymous = await get(null, questionnaire());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/connexion/);
    expect((await get(member, "/structure/retours/%00")).status).toBe(400);
    for (const id of ["99999999999999999999", "9007199254740991", "1e3", "0", "-1", "abc", "__proto__"]) {
      expect((await get(member, `/structure/retours/${id}`)).status, id).toBe(404);
      expect((await post(member, `/structure/retours/${id}`, { rating: "5", peopleReached: "3" })).status, id).toBe(404);
    }
    expect(await feedback()).toMatchObject({ rating: null, answeredBy: null });
  });

  test("hostile or wrong answers: a 4xx by field, nothing saved", async () => {
    const valid = { rating: "4", peopleReached: "12", comment: "Bien." };
    const refusals: [[string, string][] | Record<string, string>, string | null][] = [
      [{ ...valid, rating: "6" }, "Choisissez une note de 1 à 5."],
      [{ peopleReached: "12" }, "Choisissez une note de 1 à 5."],
      [{ ...valid, rating: "4.5" }, "Choisissez une note de 1 à 5."],
      [{ ...valid, peopleReached: "-3" }, "Indiquez un nombre entier de personnes"],
      [{ ...valid, peopleReached: "1e9" }, "Indiquez un nombre entier de personnes"],
      [{ ...valid, peopleReached: "2000000" }, "ne peut pas dépasser 1 000 000"],
      [{ ...valid, comment: "x".repeat(5000) }, "Le commentaire ne peut pas dépasser 4 000 caractères"],
      [{ ...valid, themes: "Achats en ligne" }, "Thème inconnu"],
      [{ ...valid, themes: "__proto__" }, "Thème inconnu"],
      [{ ...valid, comment: "a\0b" }, null],
      [
        [
          ["__proto__", "x"],
          ["constructor", "y"],
          ["rating", "5"],
        ],
        "Indiquez un nombre entier de personnes",
      ],
    ];
    for (const [fields, message] of refusals) {
      const answer = await post(member, questionnaire(), fields);
      expect(answer.status, JSON.stringify(fields).slice(0, 100)).toBe(400);
      if (message) expect(await textOf(answer)).toContain(message);
    }
    const truncated = await fetch(`${server.url}${questionnaire()}`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="rating"\r\n\r\n4',
      redirect: "manual",
      headers: { Origin: server.url, Cookie: member.cookie, "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(truncated.status).toBe(400);
    expect(await feedback()).toMatchObject({ rating: null, answeredBy: null, moderation: "pending" });
  });

  test("answered once; a second answer is a 409 with a French message and changes nothing", async () => {
    const done = await post(member, questionnaire(), [
      ["rating", "4"],
      ["peopleReached", "42"],
      ["themes", "Réseaux sociaux"],
      ["comment", "Les seniors du club informatique l'adorent."],
    ]);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`${questionnaire()}?fait=merci`);
    const saved = await feedback();
    expect(saved).toMatchObject({ rating: 4, peopleReached: 42, themes: ["Réseaux sociaux"], answeredBy: member.id, moderation: "pending" });
    expect(await textOf(await get(member, `${questionnaire()}?fait=merci`))).toContain("Votre structure a répondu à ce questionnaire");
    const list = await textOf(await get(member, "/structure/retours"));
    expect(list).toContain(structureName);
    expect(list).toMatch(/Coffret \w+ .+ Donnée le/);
    expect(await textOf(await get(stranger, "/structure/retours"))).toContain("Aucun questionnaire pour l'instant");

    const again = await post(member, questionnaire(), { rating: "1", peopleReached: "1", comment: "Changement d'avis." });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Votre structure a déjà répondu à ce questionnaire : une seule réponse est possible.");
    expect(await feedback()).toEqual(saved);
  });
});

describe("moderation and what is shown", () => {
  test("nothing is shown before moderation; the admin publishes, audited; others may not moderate", async () => {
    expect(await textOf(await get(null, `/catalogue/${kitSlug}`))).toContain("Aucun retour publié pour l'instant.");
    expect(await textOf(await get(designer, "/candidat/retours"))).toContain("Aucun retour publié pour l'instant.");

    const queue = await get(admin, "/admin/retours");
    expect(queue.status).toBe(200);
    const text = await textOf(queue);
    expect(text).toContain("1 retour à relire");
    expect(text).toContain("Les seniors du club informatique l'adorent.");
    // A page past the end is empty but says how many wait; a page number that is not one is the first
    // page; a NUL is refused at the portal's door.
    expect((await get(admin, "/admin/retours?page=%00")).status).toBe(400);
    const beyond = await textOf(await get(admin, "/admin/retours?page=2"));
    expect(beyond).toContain("1 retour à relire");
    expect(beyond).not.toContain("Les seniors du club informatique");
    for (const page of ["__proto__", "99999999999999999999", "-1"]) {
      const odd = await get(admin, `/admin/retours?page=${page}`);
      expect(odd.status, page).toBe(200);
      expect(await textOf(odd)).toContain("Les seniors du club informatique l'adorent.");
    }

    for (const who of [member, designer, stranger]) {
      expect((await get(who, "/admin/retours")).status).toBe(403);
      expect((await post(who, "/admin/retours", { feedbackId: String(feedbackId), decision: "published" })).status).toBe(403);
    }
    for (const fields of [
      { feedbackId: "99999999999999999999", decision: "published" },
      { feedbackId: String(feedbackId), decision: "deleted" },
      { feedbackId: String(feedbackId), decision: "published\0" },
      { __proto__: "x", decision: "published" } as Record<string, string>,
    ]) {
      const status = (await post(admin, "/admin/retours", fields)).status;
      expect(status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect((await post(admin, "/admin/retours", { feedbackId: "9007199254740991", decision: "published" })).status).toBe(404);
    expect((await feedback()).moderation).toBe("pending");

    // Moderated from the queue's second page, the admin is sent back to that page.
    const published = await post(admin, "/admin/retours?page=2", { feedbackId: String(feedbackId), decision: "published" });
    expect(published.status).toBe(302);
    expect(published.headers.get("Location")).toMatch(/^\/admin\/retours\?page=2&fait=publie$/);
    expect((await feedback()).moderation).toBe("published");
    expect((await auditOf(sql, "feedback.published")).at(-1)).toMatchObject({ actorId: admin.id, subject: `feedback:${feedbackId}` });
    const twice = await post(admin, "/admin/retours", { feedbackId: String(feedbackId), decision: "published" });
    expect(twice.status).toBe(409);
    expect(await textOf(twice)).toContain("Ce retour est déjà publié.");
  });

  test("the kit's page and its designer show the published answer with the structure's kind and département, no name", async () => {
    const [{ name: memberName }] = await sql<{ name: string }[]>`select name from users where id = ${member.id}`;
    for (const [who, path] of [
      [null, `/catalogue/${kitSlug}`],
      [designer, "/candidat/retours"],
    ] as const) {
      const page = await get(who, path);
      expect(page.status).toBe(200);
      const text = await textOf(page);
      expect(text).toMatch(/Note moyenne : 4,0 sur 5 ?, sur 1 retour/);
      expect(text).toContain("42 personnes accompagnées au total");
      expect(text).toContain("Bibliothèque ou médiathèque, Ille-et-Vilaine (35)");
      expect(text).toContain("Les seniors du club informatique l'adorent.");
      expect(text).not.toContain(structureName);
      expect(text).not.toContain(memberName);
    }
    // The other designer's kit has no feedback; this one's is not theirs.
    const other = await textOf(await get(otherDesigner, "/candidat/retours"));
    expect(other).not.toContain("Les seniors du club informatique");
    expect((await get(stranger, "/candidat/retours")).status).toBe(403);

    const hidden = await post(admin, "/admin/retours", { feedbackId: String(feedbackId), decision: "hidden" });
    expect(hidden.status).toBe(302);
    expect(await textOf(await get(null, `/catalogue/${kitSlug}`))).toContain("Aucun retour publié pour l'instant.");
  });

  test("the kit's page says where it is built, département by département", async () => {
    const text = await textOf(await get(null, `/catalogue/${kitSlug}`));
    expect(text).toContain("1 fabricant fabrique ce kit et le livre dans 1 département :");
    expect(text).toContain("Ille-et-Vilaine (35) — 1 fabricant");
    const list = await textOf(await get(null, "/catalogue?departement=35"));
    expect(list).toContain("Fabriqué dans 1 département par 1 fabricant");
    expect(list).toContain("1 kit correspondant aux filtres");
  });
});

describe("the kit's designer decides on the makers asking to build it", () => {
  let makerId: number;
  const decide = (who: Who, decision: string, reason = "", kitId = world.coffret.kitId) =>
    post(who, "/candidat/fabricants", { makerId: String(makerId), kitId: String(kitId), decision, reason });
  const request = async () => (await sql`select status, refusal_reason, decided_by from maker_kits where maker_id = ${makerId}`)[0];

  beforeAll(async () => {
    const person = await createPerson(sql, { roles: [] });
    makerId = await registerMaker(
      {
        siret: validSiret(),
        name: "Tiers-lieu de Dinan",
        kind: "third_place",
        commune: "22050",
        contactName: "Yann",
        contactPhone: "0296000000",
        actorId: person.id,
        now: world.now,
      },
      sql,
    );
    await requestKits({ makerId, userId: person.id, kitIds: [world.coffret.kitId], now: world.now }, sql);
  });

  test("only the kit's designer sees the request; another designer's decision is not found; nothing changes", async () => {
    const mine = await get(designer, "/candidat/fabricants");
    expect(mine.status).toBe(200);
    expect(await textOf(mine)).toContain("Tiers-lieu de Dinan — Coffret");
    expect(await textOf(await get(otherDesigner, "/candidat/fabricants"))).toContain("Aucune demande en attente");
    expect((await decide(otherDesigner, "approved")).status).toBe(404);
    expect((await decide(designer, "approved", "", world.jeu.kitId)).status).toBe(404);
    for (const who of [member, stranger]) expect((await decide(who, "approved")).status).toBe(403);
    const hostile: Record<string, string>[] = [
      { makerId: "99999999999999999999", kitId: String(world.coffret.kitId), decision: "approved" },
      { makerId: String(makerId), kitId: String(world.coffret.kitId), decision: "maybe" },
      { makerId: String(makerId), kitId: String(world.coffret.kitId), decision: "refused", reason: "non" },
      { makerId: String(makerId), kitId: String(world.coffret.kitId), decision: "approved\0" },
    ];
    for (const fields of hostile) {
      const status = (await post(designer, "/candidat/fabricants", fields)).status;
      expect(status, JSON.stringify(fields)).toBe(400);
    }
    expect(await request()).toEqual({ status: "requested", refusalReason: null, decidedBy: null });
  });

  test("the designer approves, audited and e-mailed as the laureate's decision; a second decision is a 409", async () => {
    const done = await decide(designer, "approved");
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/candidat/fabricants?fait=approuvee");
    expect(await request()).toEqual({ status: "approved", refusalReason: null, decidedBy: designer.id });
    expect((await auditOf(sql, "maker.kit_approved")).at(-1)).toMatchObject({
      actorId: designer.id,
      subject: `maker:${makerId}`,
      data: { kit: world.coffret.kitId, by: "laureate" },
    });
    const [mail] = await sql<{ textBody: string }[]>`
      select m.text_body from mail_outbox m join users u on u.email = m.to_address join memberships ms on ms.user_id = u.id
      where ms.scope = ${`maker:${makerId}`} order by m.id desc limit 1`;
    expect(mail.textBody).toContain("Le lauréat qui a conçu ce kit a approuvé la demande de Tiers-lieu de Dinan");

    const again = await decide(designer, "refused", "Changement d'avis.");
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Cette demande a déjà été traitée.");
    expect(await request()).toEqual({ status: "approved", refusalReason: null, decidedBy: designer.id });
  });
});
