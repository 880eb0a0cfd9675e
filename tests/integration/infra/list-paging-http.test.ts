// The big lists over HTTP, a page at a time, on the rows of the national-size helper at a small
// size: page 2 holds the next items in the list's order, the count is the whole list's, the
// filters stay on the pages' links, and a hand-edited page number shows a page, never an error.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { findContestBySlug } from "~/contest/contests.server";
import { connect } from "~/infra/postgres.server";
import { loadDeliberation } from "~/results/deliberation.server";
import { afterReview } from "../../support/calendar";
import { sessionCookie } from "../../support/fixtures";
import { nationalLists, type NationalLists } from "../../support/national-lists";
import { startTestServer, type AppProcess } from "../../support/server";
import { textOf } from "../accounts/http-client";

// More than 500 structures: the structures' queue counts 20 pages of 25 past the page read, no more.
const SIZES = { entries: 120, jurors: 6, reviewsPerEntry: 3, structures: 520, orders: 200, busyEvery: 4 };

let server: AppProcess;
let sql: ReturnType<typeof connect>;
let world: NationalLists;
let admin: string;
let member: string;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  world = await nationalLists(sql, SIZES);
  admin = await sessionCookie(sql, world.adminId);
  member = await sessionCookie(sql, world.busyStructure.memberId);
}, 240_000);

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const get = (path: string, cookie = admin) => fetch(server.url + path, { headers: { Cookie: cookie }, redirect: "manual" });

async function page(path: string, cookie = admin) {
  const response = await get(path, cookie);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  return { html, text: await textOf(new Response(html)) };
}

/** The ids a page links to under `prefix` (each row links once, maybe with a query string), in the page's order. */
function idsLinked(html: string, prefix: string): number[] {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...html.matchAll(new RegExp(`href="${escaped}(\\d+)(?:\\?[^"]*)?"`, "g"))].map((match) => Number(match[1]));
}

/** The links of the page's pagination, decoded. */
function pageLinks(html: string): string[] {
  return [...html.matchAll(/<a [^>]*class="fr-pagination__link[^"]*"[^>]*href="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, "&"));
}

/** Not page numbers: the list's first page. */
const notPages = ["0", "-1", "abc", "2.5", "99999999999", "%F0%9F%98%80", "__proto__", "1%20OR%201=1"];
/** Page numbers past the end: an empty page. */
const pastTheEnd = ["999999", "1e3"];

/** Hand-edited page numbers: the first page, an empty page, or — for a NUL — the boundary's 400; never a 5xx. */
async function expectHostilePagesAnswered(path: string, cookie = admin) {
  const withPage = (value: string) => `${path}${path.includes("?") ? "&" : "?"}page=${value}`;
  for (const value of notPages) expect((await page(withPage(value), cookie)).text, value).toMatch(/page 1( sur \d+)?\./);
  for (const value of pastTheEnd) expect((await get(withPage(value), cookie)).status, value).toBe(200);
  expect((await get(withPage("%00"), cookie)).status).toBe(400);
}

describe("the admin's proposals of a contest", () => {
  const base = () => `/admin/concours/${world.contest.slug}/propositions`;

  test("page 2 lists the next proposals in number order, under the whole count", async () => {
    const ids = (await sql<{ id: number }[]>`select id from proposals where contest_id = ${world.contest.id} order by id`).map((r) => r.id);
    const first = await page(base());
    expect(first.text).toContain(`${ids.length} propositions, page 1 sur 3.`);
    expect(idsLinked(first.html, `${base()}/`)).toEqual(ids.slice(0, 50));
    const second = await page(`${base()}?page=2`);
    expect(second.text).toContain(`${ids.length} propositions, page 2 sur 3.`);
    expect(idsLinked(second.html, `${base()}/`)).toEqual(ids.slice(50, 100));
  });

  test("a search by title or candidate's name is counted whole and stays on the pages' links", async () => {
    const matching = (
      await sql<{ id: number }[]>`
        select p.id from proposals p join users u on u.id = p.owner_id
        where p.contest_id = ${world.contest.id} and (p.title ilike '%candidat 1%' or u.name ilike '%candidat 1%') order by p.id`
    ).map((r) => r.id);
    expect(matching.length).toBeGreaterThan(2);
    const first = await page(`${base()}?recherche=candidat+1`);
    expect(first.text).toContain(`${matching.length} propositions.`);
    expect(idsLinked(first.html, `${base()}/`)).toEqual(matching);

    const theme = (await findContestBySlug(world.contest.slug, sql))!.themes[0];
    const themed = (
      await sql<{ id: number }[]>`select id from proposals where contest_id = ${world.contest.id} and draft -> 'themes' ? ${theme} order by id`
    ).map((r) => r.id);
    const query = new URLSearchParams({ theme }).toString();
    const filtered = await page(`${base()}?${query}&page=1`);
    expect(filtered.text).toContain(`${themed.length} propositions, page 1 sur 2.`);
    expect(idsLinked(filtered.html, `${base()}/`)).toEqual(themed.slice(0, 50));
    expect(pageLinks(filtered.html)).toContain(`${base()}?${query}&page=2`);
    expect(idsLinked((await page(`${base()}?${query}&page=2`)).html, `${base()}/`)).toEqual(themed.slice(50));
    // The export takes the filters, not the page.
    expect(filtered.html).toContain(`propositions.csv?${query}"`);
  });

  test("a hand-edited page number shows a page", () => expectHostilePagesAnswered(base()));
});

describe("the deliberation of a sealed contest", () => {
  const base = () => `/admin/concours/${world.contest.slug}/deliberation`;
  const ranking = async () => (await loadDeliberation((await findContestBySlug(world.contest.slug, sql))!, afterReview, sql)).seal!.ranking;

  test("page 2 holds ranks 51 to 100 of the whole ranking", async () => {
    const entries = await ranking();
    expect(entries).toHaveLength(SIZES.entries);
    const first = await page(base());
    expect(first.text).toContain(`${SIZES.entries} propositions, page 1 sur 3.`);
    expect(first.text).toContain(`Notes scellées`);
    expect(idsLinked(first.html, `${base()}/`)).toEqual(entries.slice(0, 50).map((e) => e.proposalId));
    const second = await page(`${base()}?page=2`);
    expect(idsLinked(second.html, `${base()}/`)).toEqual(entries.slice(50, 100).map((e) => e.proposalId));
    const third = await page(`${base()}?page=3`);
    expect(idsLinked(third.html, `${base()}/`)).toEqual(entries.slice(100).map((e) => e.proposalId));
  });

  test("a filter lists its entries in ranking order with their overall ranks, on every page, and keeps on the links", async () => {
    const undecided = (await ranking()).filter((e) => e.decision === null);
    expect(undecided.length).toBeGreaterThan(50);
    const first = await page(`${base()}?filtre=a-decider`);
    expect(first.text).toContain(`${undecided.length} propositions, page 1 sur 2.`);
    expect(idsLinked(first.html, `${base()}/`)).toEqual(undecided.slice(0, 50).map((e) => e.proposalId));
    expect(pageLinks(first.html)).toContain(`${base()}?filtre=a-decider&page=2`);
    const second = await page(`${base()}?filtre=a-decider&page=2`);
    expect(idsLinked(second.html, `${base()}/`)).toEqual(undecided.slice(50).map((e) => e.proposalId));
    // The first entry of page 2 shows its rank in the whole ranking, not its position in the filter.
    const rank = undecided[50].rank;
    expect(rank).toBeGreaterThan(51);
    expect(second.html).toMatch(new RegExp(`<th[^>]*scope="row"[^>]*>${rank}</th>`));

    const notRetained = await page(`${base()}?filtre=non-retenues`);
    expect(notRetained.text).toContain(`${Math.floor(SIZES.entries / 3)} propositions`);
  });

  test("whatever the filter, the page counts the decisions taken and the entries still waiting for one", async () => {
    const entries = await ranking();
    const decided = entries.filter((e) => e.decision !== null).length;
    expect(decided).toBeGreaterThan(0);
    for (const filter of ["", "?filtre=a-decider", "?filtre=laureats", "?filtre=non-retenues", "?filtre=desaccords"]) {
      const { text } = await page(`${base()}${filter}`);
      expect(text, filter).toContain(`${decided} décisions prises ; ${entries.length - decided} propositions en attente de décision.`);
    }
  });

  test("an unknown filter shows the whole ranking; a hand-edited page number shows a page", async () => {
    expect((await page(`${base()}?filtre=tout`)).text).toContain(`${SIZES.entries} propositions, page 1 sur 3.`);
    expect((await page(`${base()}?filtre=__proto__`)).text).toContain(`${SIZES.entries} propositions, page 1 sur 3.`);
    await expectHostilePagesAnswered(base());
  });

  test("an entry opened from a page of a filter sends back to that page once decided", async () => {
    const entry = (await ranking()).filter((e) => e.decision === null)[50];
    const second = await page(`${base()}?filtre=a-decider&page=2`);
    expect(second.html).toContain(`href="${base()}/${entry.proposalId}?filtre=a-decider&amp;page=2"`);
    const entryPage = await page(`${base()}/${entry.proposalId}?filtre=a-decider&page=2`);
    expect(entryPage.html).toContain(`href="${base()}?filtre=a-decider&amp;page=2"`);
    const decided = await fetch(`${server.url}${base()}/${entry.proposalId}?filtre=a-decider&page=2`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ outcome: "not_retained", motivation: "Le kit ne répond pas assez au besoin." }),
    });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(`${base()}?filtre=a-decider&page=2&fait=decision#classement`);
  });
});

describe("the structures' queue", () => {
  test("page 2 lists the next structures, newest first, under the whole count; a search finds by name or SIRET", async () => {
    const all = (await sql<{ id: number }[]>`select id from structures order by status_at desc, id desc`).map((r) => r.id);
    expect(all.length).toBeGreaterThan(500);
    expect(all.length).toBeLessThanOrEqual(550);
    // Page 1 counts 20 pages at most: more than 500, no link to a last page it does not know.
    const first = await page("/admin/structures?statut=all");
    expect(first.text).toContain("Plus de 500 structures, page 1.");
    expect(idsLinked(first.html, "/admin/structures/")).toEqual(all.slice(0, 25));
    expect(pageLinks(first.html)).toContain("/admin/structures?statut=all&page=2");
    expect(pageLinks(first.html)).toContain("/admin/structures?statut=all&page=20");
    expect(first.text).not.toContain("Dernière page");
    const second = await page("/admin/structures?statut=all&page=2");
    expect(idsLinked(second.html, "/admin/structures/")).toEqual(all.slice(25, 50));
    // From page 3, 20 pages on reach past the end: the whole count and the last page.
    const third = await page("/admin/structures?statut=all&page=3");
    const pageCount = Math.ceil(all.length / 25);
    expect(third.text).toContain(`${all.length} structures, page 3 sur ${pageCount}.`);
    expect(pageLinks(third.html)).toContain(`/admin/structures?statut=all&page=${pageCount}`);
    expect(third.text).toContain("Dernière page");

    const [one]: [{ id: number; legalName: string; siret: string }] = await sql`
      select id, legal_name, siret from structures order by id desc limit 1`;
    const byName = await page(`/admin/structures?statut=all&recherche=${encodeURIComponent(one.legalName)}`);
    expect(idsLinked(byName.html, "/admin/structures/")).toEqual([one.id]);
    expect(byName.text).toContain("1 structure.");
    const bySiret = await page(`/admin/structures?statut=all&recherche=${one.siret.slice(0, 9)}+${one.siret.slice(9)}`);
    expect(idsLinked(bySiret.html, "/admin/structures/")).toEqual([one.id]);
    // Wildcards are text: "%" finds no structure rather than every one.
    expect((await page("/admin/structures?statut=all&recherche=%25")).text).toContain("Aucune structure ne correspond");
  });

  test("a hand-edited page number shows a page", () => expectHostilePagesAnswered("/admin/structures?statut=all"));
});

describe("a structure's orders", () => {
  test("page 2 lists the next orders, newest first, under the whole count", async () => {
    const ids = (await sql<{ id: number }[]>`select id from orders where structure_id = ${world.busyStructure.id} order by id desc`).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(40);
    const first = await page("/structure/commandes", member);
    expect(first.text).toContain(`${ids.length} commandes, page 1 sur ${Math.ceil(ids.length / 20)}.`);
    expect(idsLinked(first.html, "/structure/commandes/")).toEqual(ids.slice(0, 20));
    const second = await page(`/structure/commandes?structure=${world.busyStructure.id}&page=2`, member);
    expect(idsLinked(second.html, "/structure/commandes/")).toEqual(ids.slice(20, 40));
    expect(pageLinks(second.html)).toContain(`/structure/commandes?structure=${world.busyStructure.id}&page=3`);
  });

  test("a hand-edited page number shows a page", () => expectHostilePagesAnswered("/structure/commandes", member));
});
