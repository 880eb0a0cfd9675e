// The catalogue's domain against real PostgreSQL: only laureates of published results become kits,
// offers are per campaign, and the public sees what the current campaign offers.
import { describe, expect, test } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server";
import { findKit, listCatalogue } from "~/catalogue/catalogue.server";
import { addKit, listLaureatesForAdmin, setOffer } from "~/catalogue/kits.server";
import { db } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { afterResults } from "../../support/calendar";
import { laureatesWorld, openCampaign } from "../../support/catalogue-world";
import { auditOf, createEntry } from "../../support/fixtures";

const DAY = 86_400_000;
const now = afterResults;

const campaign = (name: string) => openCampaign(db, name, { now });

const kitCount = async () => (await db<{ n: number }[]>`select count(*)::int as n from catalogue_kits`)[0].n;

describe("which proposals become catalogue kits", () => {
  test("a laureate of published results becomes a kit showing its judged version; adding it again answers the same kit", async () => {
    const world = await laureatesWorld(db);
    const kit = await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now });
    expect(kit).toMatchObject({ proposalId: world.coffret.id, version: 1, slug: world.coffret.title.toLowerCase().replace(" ", "-") });
    expect(await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now })).toEqual(kit);
    expect(await db`select 1 from catalogue_kits where proposal_id = ${world.coffret.id}`).toHaveLength(1);
    const audit = (await auditOf(db, "catalogue.kit_added")).filter((entry) => entry.subject === `catalogue_kit:${kit.id}`);
    expect(audit).toEqual([
      { actorId: world.adminId, subject: `catalogue_kit:${kit.id}`, data: { proposalId: world.coffret.id, version: 1, slug: kit.slug } },
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("not retained, decided but unpublished, ineligible, or unknown: refused, nothing added", async () => {
    const published = await laureatesWorld(db);
    const unpublished = await laureatesWorld(db, { publish: false });
    const ineligible = await createEntry(db, published.contestId, { status: "ineligible" });
    const before = await kitCount();
    for (const proposalId of [published.refused.id, unpublished.coffret.id, ineligible.id, 999_999_999]) {
      const error = await addKit({ proposalId, actorId: published.adminId, now }).catch((e) => e);
      expect(error, String(proposalId)).toBeInstanceOf(Refused);
      expect(error.message).toBe("Seul un kit lauréat de résultats publiés entre au catalogue.");
    }
    expect(await kitCount()).toBe(before);
  });

  test("a laureate whose title gives a slug already taken gets the slug with its number", async () => {
    const world = await laureatesWorld(db);
    const other = await laureatesWorld(db);
    const first = await addKit({ proposalId: world.jeu.id, actorId: world.adminId, now });
    const wanted = other.jeu.title.toLowerCase().replace(" ", "-");
    await db`update catalogue_kits set slug = ${wanted} where id = ${first.id}`;
    const second = await addKit({ proposalId: other.jeu.id, actorId: other.adminId, now });
    expect(second.slug).toBe(`${wanted}-${other.jeu.id}`);
  });

  test("the database holds one kit per proposal and well-formed slugs", async () => {
    const world = await laureatesWorld(db);
    const kit = await addKit({ proposalId: world.jeu.id, actorId: world.adminId, now });
    await expect(
      db`insert into catalogue_kits (proposal_id, version, slug, created_at) values (${world.jeu.id}, 1, 'autre-adresse', now())`,
    ).rejects.toMatchObject({
      constraint_name: "catalogue_kits_proposal_id_key",
    });
    await expect(db`update catalogue_kits set slug = '../etc' where id = ${kit.id}`).rejects.toMatchObject({ code: "23514" });
    await expect(db`update catalogue_kits set version = 7 where id = ${kit.id}`).rejects.toMatchObject({ code: "23503" });
  });
});

describe("offers per campaign, and what the public sees", () => {
  test("before any campaign every kit is listed, not yet offered, at the jury's price", async () => {
    const world = await laureatesWorld(db);
    const coffret = await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now });
    const catalogue = await listCatalogue({});
    expect(catalogue.campaign).toBeNull();
    const listed = catalogue.kits.find((kit) => kit.slug === coffret.slug);
    expect(listed).toMatchObject({ state: "not_offered", unitPriceCents: 19_900, leadTimeDays: 21, themes: ["Réseaux sociaux"] });
    expect(listed!.photos).toHaveLength(1);
    expect(listed!.photos[0].description).toBe("Le kit ouvert sur une table.");
  });

  test("an offer belongs to one campaign: orderable, priced, withdrawn and offered again; the public sees the current campaign's", async () => {
    const world = await laureatesWorld(db);
    const coffret = await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now });
    const jeu = await addKit({ proposalId: world.jeu.id, actorId: world.adminId, now });
    const pilot = await campaign("Campagne pilote");
    const offer = (campaignId: number, kitId: number, unitPriceCents: number, orderable = true, at = now) =>
      setOffer({ campaignId, kitId, unitPriceCents, leadTimeDays: 14, orderable, actorId: world.adminId, now: at });
    await offer(pilot.id, coffret.id, 21_000);
    await offer(pilot.id, jeu.id, 7_000);
    const current = await campaign("Distribution 2026");
    await offer(current.id, coffret.id, 20_500);

    const catalogue = await listCatalogue({});
    expect(catalogue.campaign).toMatchObject({ id: current.id, name: "Distribution 2026" });
    // Only what the current campaign offers: the jeu was offered in the pilot only.
    expect(catalogue.kits.map((kit) => [kit.slug, kit.state, kit.unitPriceCents, kit.leadTimeDays])).toEqual([
      [coffret.slug, "orderable", 20_500, 14],
    ]);
    expect((await findKit(jeu.slug)).kit).toMatchObject({ state: "not_offered", unitPriceCents: 6_450, leadTimeDays: 10 });

    const later = new Date(now.getTime() + DAY);
    await offer(current.id, coffret.id, 20_500, false, later);
    await offer(current.id, coffret.id, 20_000, false, new Date(later.getTime() + DAY));
    const [withdrawn] = await db<{ withdrawnAt: Date; unitPriceCents: number }[]>`
      select withdrawn_at, unit_price_cents from campaign_offers where campaign_id = ${current.id} and kit_id = ${coffret.id}`;
    expect(withdrawn).toEqual({ withdrawnAt: later, unitPriceCents: 20_000 }); // withdrawn since the first withdrawal
    expect((await listCatalogue({})).kits).toEqual([]);
    expect((await findKit(coffret.slug)).kit.state).toBe("withdrawn");
    await offer(current.id, coffret.id, 20_000, true);
    expect((await findKit(coffret.slug)).kit.state).toBe("orderable");

    const admin = await listLaureatesForAdmin(current.id);
    expect(admin.find((row) => row.proposalId === world.coffret.id)).toMatchObject({
      kit: { id: coffret.id, slug: coffret.slug },
      offer: { unitPriceCents: 20_000, leadTimeDays: 14, orderable: true },
      juryUnitPriceCents: 19_900,
    });
    expect(admin.find((row) => row.proposalId === world.jeu.id)).toMatchObject({ offer: null });
    expect(admin.find((row) => row.proposalId === world.refused.id)).toBeUndefined();
    expect((await auditOf(db, "catalogue.offer_set")).filter((entry) => entry.subject === `catalogue_kit:${coffret.id}`)).toHaveLength(5);
  });

  test("refused: a price of zero, a lead time out of bounds, a closed campaign, an unknown kit or campaign; nothing stored", async () => {
    const world = await laureatesWorld(db);
    const kit = await addKit({ proposalId: world.jeu.id, actorId: world.adminId, now });
    const open = await campaign("Ouverte");
    const base = { campaignId: open.id, kitId: kit.id, unitPriceCents: 5_000, leadTimeDays: 7, orderable: true, actorId: world.adminId, now };
    const cases: [Partial<typeof base>, unknown, string | RegExp][] = [
      [{ unitPriceCents: 0 }, Refused, "Le prix unitaire est supérieur à 0 €."],
      [{ unitPriceCents: -1 }, Refused, "Le prix unitaire est supérieur à 0 €."],
      [{ unitPriceCents: 1.5 }, Refused, "Le prix unitaire est supérieur à 0 €."],
      [{ leadTimeDays: 0 }, Refused, /entre 1 et 365/],
      [{ leadTimeDays: 366 }, Refused, /entre 1 et 365/],
      [{ kitId: 999_999_999 }, NotFound, "Ce kit n'est pas au catalogue."],
      [{ campaignId: 999_999_999 }, NotFound, "Campagne de distribution introuvable."],
      [{ now: open.closesAt }, Conflict, "Cette campagne est close : ses offres ne changent plus."],
    ];
    for (const [change, kind, message] of cases) {
      const error = await setOffer({ ...base, ...change }).catch((e) => e);
      expect(error, JSON.stringify(change)).toBeInstanceOf(kind);
      expect(error.message).toMatch(message);
    }
    expect(await db`select 1 from campaign_offers where kit_id = ${kit.id}`).toHaveLength(0);
    await expect(
      db`insert into campaign_offers (campaign_id, kit_id, unit_price_cents, lead_time_days, updated_at) values (${open.id}, ${kit.id}, 0, 7, now())`,
    ).rejects.toMatchObject({ code: "23514" });
  });

  test("filters keep the kits holding the theme and the audience; a value no kit holds is ignored", async () => {
    const world = await laureatesWorld(db);
    const coffret = await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now });
    const jeu = await addKit({ proposalId: world.jeu.id, actorId: world.adminId, now });
    const current = await campaign("Filtres");
    for (const kit of [coffret, jeu])
      await setOffer({ campaignId: current.id, kitId: kit.id, unitPriceCents: 5_000, leadTimeDays: 7, orderable: true, actorId: world.adminId, now });
    const slugs = async (filters: { theme?: string; audience?: string }) => (await listCatalogue(filters)).kits.map((kit) => kit.slug);
    const all = await listCatalogue({});
    expect(all.themes).toEqual(["Achats en ligne", "Réseaux sociaux"]);
    expect(all.audiences).toEqual(["Jeunes", "Personnes âgées"]);
    expect(await slugs({ theme: "Achats en ligne" })).toEqual([jeu.slug]);
    expect(await slugs({ audience: "Personnes âgées" })).toEqual([coffret.slug]);
    expect(await slugs({ theme: "Achats en ligne", audience: "Personnes âgées" })).toEqual([]);
    const ignored = await listCatalogue({ theme: "__proto__", audience: "constructor", departement: "toString" });
    expect(ignored.filters).toEqual({ theme: null, audience: null, departement: null });
    expect(ignored.kits).toHaveLength(2);
  });

  test("a kit's page: unknown or malformed slugs are not found", async () => {
    for (const slug of [undefined, "inconnu", "../etc/passwd", "__proto__", "constructor", "a".repeat(10_000), "kit\u0000"]) {
      await expect(findKit(slug), String(slug).slice(0, 20)).rejects.toBeInstanceOf(NotFound);
    }
  });
});
