// A structure's members over HTTP: a member invites a colleague by e-mail, the colleague accepts
// with the invited address's account; wrong account, expired, reused or revoked links, another
// structure's ids and hostile input are refused with a 4xx and change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { registerStructure } from "~/structures/structures.server";
import { connect } from "~/infra/postgres.server";
import { textOf } from "../accounts/http-client";
import { auditOf, createPerson, lastLinkSentTo, sessionCookie } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
type Someone = { id: number; email: string; cookie: string };
let alice: Someone; // member of Vitré's CCAS
let bob: Someone; // member of Rennes's library
let colleague: Someone;
let stranger: Someone;
let vitre: number;
let rennes: number;

const registration = (siret: string, commune: string, postal: string, legalName: string) => ({
  siret,
  legalName,
  kind: "library" as const,
  commune,
  address: "2 place du Château",
  postal,
  contactName: "Nadia Benali",
  contactPhone: "0299750000",
});

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const someone = async (email: string): Promise<Someone> => {
    const person = await createPerson(sql, { email });
    return { id: person.id, email: person.email, cookie: await sessionCookie(sql, person.id) };
  };
  [alice, bob, colleague, stranger] = await Promise.all(
    ["alice@ccas-vitre.fr", "bob@bibliotheque-rennes.fr", "claire@ccas-vitre.fr", "dan@exemple.fr"].map(someone),
  );
  vitre = await registerStructure({ ...registration("13002526500013", "35360", "35500", "CCAS de Vitré"), actorId: alice.id, now: new Date() }, sql);
  rennes = await registerStructure(
    { ...registration("21350238800017", "35238", "35000", "Bibliothèque de Rennes"), actorId: bob.id, now: new Date() },
    sql,
  );
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function post(who: Someone, path: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", Cookie: who.cookie },
  });
}
const get = (who: Someone | null, path: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: who ? { Cookie: who.cookie } : {} });

const membersOf = async (structureId: number) =>
  (
    await sql<
      { userId: number }[]
    >`select user_id from memberships where role = 'structure' and scope = ${`structure:${structureId}`} order by user_id`
  ).map((m) => m.userId);
const invitationCount = async () => (await sql<{ n: number }[]>`select count(*)::int as n from structure_invitations`)[0].n;

async function invite(email: string, by: Someone = alice, structureId = vitre) {
  const response = await post(by, "/structure", { structureId: String(structureId), email });
  expect(response.status).toBe(302);
  const link = (await lastLinkSentTo(sql, email))!;
  return `${link.pathname}${link.search}`;
}

describe("inviting a colleague", () => {
  test("a member invites by e-mail: a link in the outbox, only its hash stored, the invitation listed", async () => {
    const response = await post(alice, "/structure", { structureId: String(vitre), email: " Claire@CCAS-Vitre.fr " });
    expect(response.status).toBe(302);
    expect(decodeURIComponent(response.headers.get("Location")!)).toBe(
      `/structure?fait=invitation-envoyee&adresse=claire@ccas-vitre.fr#membres-${vitre}`,
    );
    const link = (await lastLinkSentTo(sql, "claire@ccas-vitre.fr"))!;
    expect(link.pathname).toBe("/structure/invitation");
    const token = link.searchParams.get("jeton")!;
    const [row] = await sql<{ tokenHash: Buffer }[]>`select token_hash from structure_invitations where email = 'claire@ccas-vitre.fr'`;
    expect(row.tokenHash.toString("hex")).not.toContain(Buffer.from(token).toString("hex"));
    const space = await textOf(await get(alice, "/structure"));
    expect(space).toContain("Invitations en attente");
    expect(space).toContain("claire@ccas-vitre.fr");
    expect(await auditOf(sql, "structure.member_invited")).toMatchObject([{ actorId: alice.id, subject: `structure:${vitre}` }]);
  });

  test("the colleague opens the link: signed out, asked to sign in; another account is refused; theirs joins, once", async () => {
    const path = await invite(colleague.email);
    const signedOut = await textOf(await get(null, path));
    expect(signedOut).toContain("vous invite à rejoindre la structure « CCAS de Vitré » (Vitré)");
    expect(signedOut).toContain("Se connecter");
    const jeton = new URL(path, server.url).searchParams.get("jeton")!;

    const wrong = await post(stranger, path, { jeton });
    expect(wrong.status).toBe(400);
    expect(await textOf(wrong)).toContain("envoyée à une autre adresse électronique que celle de votre compte");
    expect(await membersOf(vitre)).toEqual([alice.id]);

    const accepted = await post(colleague, path, { jeton });
    expect(accepted.status).toBe(302);
    expect(decodeURIComponent(accepted.headers.get("Location")!)).toBe(
      `/structure?fait=rejointe&structure=CCAS de Vitré#structure-${vitre}`.replace(/ /g, "+"),
    );
    expect(await membersOf(vitre)).toEqual([alice.id, colleague.id].sort((a, b) => a - b));
    const space = await textOf(await get(colleague, "/structure"));
    expect(space).toContain("CCAS de Vitré");
    expect(space).toContain("alice@ccas-vitre.fr");

    const reused = await post(colleague, path, { jeton });
    expect(reused.status).toBe(409);
    expect(await textOf(reused)).toContain("Cette invitation a déjà été utilisée.");
    expect(await textOf(await get(colleague, path))).toContain("Cette invitation ne peut plus être acceptée");

    const again = await post(alice, "/structure", { structureId: String(vitre), email: colleague.email });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Cette personne est déjà membre de la structure.");
  });

  test("an expired link is refused and joins no one", async () => {
    const path = await invite(stranger.email);
    const jeton = new URL(path, server.url).searchParams.get("jeton")!;
    await sql`
      update structure_invitations set created_at = now() - interval '20 days', expires_at = now() - interval '6 days'
      where email = ${stranger.email} and accepted_at is null and revoked_at is null`;
    const expired = await post(stranger, path, { jeton });
    expect(expired.status).toBe(409);
    expect(await textOf(expired)).toContain("Cette invitation a expiré");
    expect(await membersOf(vitre)).not.toContain(stranger.id);
    expect(await textOf(await get(alice, "/structure"))).toContain("expirée : invitez à nouveau cette adresse");
  });

  test("a member revokes a pending invitation: its link stops working; inviting again replaces the previous link", async () => {
    const first = await invite("eve@ccas-vitre.fr");
    const second = await invite("eve@ccas-vitre.fr");
    const eve = await createPerson(sql, { email: "eve@ccas-vitre.fr" });
    const eveSession: Someone = { id: eve.id, email: eve.email, cookie: await sessionCookie(sql, eve.id) };
    const jeton = (path: string) => new URL(path, server.url).searchParams.get("jeton")!;
    expect((await post(eveSession, first, { jeton: jeton(first) })).status).toBe(409);

    const [open] = await sql<{ id: number }[]>`
      select id from structure_invitations where email = 'eve@ccas-vitre.fr' and accepted_at is null and revoked_at is null`;
    const revoked = await post(alice, "/structure", { intent: "revoke", structureId: String(vitre), invitationId: String(open.id) });
    expect(revoked.status).toBe(302);
    const refused = await post(eveSession, second, { jeton: jeton(second) });
    expect(refused.status).toBe(409);
    expect(await textOf(refused)).toContain("Cette invitation a été retirée");
    expect(await membersOf(vitre)).not.toContain(eve.id);
  });

  test("another structure's ids: not found, nothing changed", async () => {
    const invitations = await invitationCount();
    expect((await post(bob, "/structure", { structureId: String(vitre), email: "mallory@exemple.fr" })).status).toBe(404);
    expect((await post(alice, "/structure", { structureId: String(rennes), email: "mallory@exemple.fr" })).status).toBe(404);
    await post(bob, "/structure", { structureId: String(rennes), email: "rennes@exemple.fr" });
    const [bobs] = await sql<{ id: number }[]>`select id from structure_invitations where structure_id = ${rennes}`;
    // Alice names Bob's invitation under her own structure, or under Bob's.
    expect((await post(alice, "/structure", { intent: "revoke", structureId: String(vitre), invitationId: String(bobs.id) })).status).toBe(404);
    expect((await post(alice, "/structure", { intent: "revoke", structureId: String(rennes), invitationId: String(bobs.id) })).status).toBe(404);
    expect(await sql`select id from structure_invitations where id = ${bobs.id} and revoked_at is null`).toHaveLength(1);
    expect(await invitationCount()).toBe(invitations + 1);
    // A person without any structure has no space.
    expect((await get(stranger, "/structure")).status).toBe(403);
  });

  test("hostile input: a 4xx, no invitation, no membership", async () => {
    const invitations = await invitationCount();
    const members = await membersOf(vitre);
    const attempts: Record<string, string>[] = [
      { structureId: "1e3", email: "x@exemple.fr" },
      { structureId: "99999999999999999999", email: "x@exemple.fr" },
      { structureId: "-1", email: "x@exemple.fr" },
      { structureId: String(vitre), email: "pas-une-adresse" },
      { structureId: String(vitre), email: `${"a".repeat(300)}@exemple.fr` },
      { structureId: String(vitre) },
      { intent: "revoke", structureId: String(vitre), invitationId: "abc" },
      Object.fromEntries([
        ["__proto__", "x"],
        ["constructor", "y"],
      ]),
    ];
    for (const fields of attempts) {
      const response = await post(alice, "/structure", fields);
      expect(response.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(fields)).toBeLessThan(500);
    }
    expect((await post(alice, "/structure", { structureId: String(vitre), email: "x\0@exemple.fr" })).status).toBe(400);
    expect((await post(alice, "/structure", { intent: "revoke", structureId: String(vitre), invitationId: "9007199254740991" })).status).toBe(404);
    for (const jeton of ["", "court", "A".repeat(43), "A".repeat(5000)]) {
      const response = await post(colleague, `/structure/invitation?jeton=${"B".repeat(43)}`, { jeton });
      expect(response.status, jeton.slice(0, 10)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    for (const query of ["", "?jeton=", "?jeton=court", `?jeton=${"A".repeat(43)}`, "?jeton=%00", "?jeton=a&jeton=b"]) {
      const status = (await get(colleague, `/structure/invitation${query}`)).status;
      expect(status, query).toBeGreaterThanOrEqual(400);
      expect(status, query).toBeLessThan(500);
    }
    expect(await invitationCount()).toBe(invitations);
    expect(await membersOf(vitre)).toEqual(members);
  });

  test("a person may belong to several structures: each shows in their space", async () => {
    const path = await invite(alice.email, bob, rennes);
    expect((await post(alice, path, { jeton: new URL(path, server.url).searchParams.get("jeton")! })).status).toBe(302);
    const space = await textOf(await get(alice, "/structure"));
    expect(space).toContain("CCAS de Vitré");
    expect(space).toContain("Bibliothèque de Rennes");
  });

  test("a structure sends at most 20 invitations in 24 hours", async () => {
    const [{ sent }] = await sql<{ sent: number }[]>`select count(*)::int as sent from structure_invitations where structure_id = ${rennes}`;
    for (let i = sent; i < 20; i++) {
      expect((await post(bob, "/structure", { structureId: String(rennes), email: `collegue${i}@bibliotheque-rennes.fr` })).status).toBe(302);
    }
    const refused = await post(bob, "/structure", { structureId: String(rennes), email: "une-de-trop@bibliotheque-rennes.fr" });
    expect(refused.status).toBe(409);
    expect(await textOf(refused)).toContain("La structure a déjà envoyé 20 invitations ces dernières 24 heures");
    expect(await sql`select 1 from mail_outbox where to_address = 'une-de-trop@bibliotheque-rennes.fr'`).toEqual([]);
  });
});
