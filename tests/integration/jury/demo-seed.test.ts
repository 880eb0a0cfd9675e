// The demo seed on an empty database: the jury's contests in the phases the demo promises.
import { readFile, rm } from "node:fs/promises";
import { afterAll, describe, expect, test, vi } from "vitest";

// The seed's photos go through the real pipeline into the configured store: a temporary one here.
vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  process.env.BLOB_DIR = mkdtempSync(path.join(os.tmpdir(), "kits-demo-seed-"));
});

import { verifyAuditChain } from "~/audit/audit.server";
import { findContestBySlug } from "~/contest/contests.server";
import { contestPhase } from "~/contest/phase";
import { db } from "~/infra/db.server";
import { loadDeliberation } from "~/results/deliberation.server";
import { listPublishedResults, openLaureatePhoto } from "~/results/publication.server";
import { findSeal, sealHolds } from "~/results/seal.server";
import { listCatalogue } from "~/catalogue/catalogue.server";
import { latestCampaign, listAllocations } from "~/envelope/campaigns.server";
import { verifyLedger } from "~/envelope/ledger.server";
import { listMakersOfMember } from "~/makers/makers.server";
import { listStructuresOfMember } from "~/structures/structures.server";
import { listTerritorialLists } from "~/territories/lists.server";
import { seedDemo } from "../../../db/seed";

afterAll(async () => {
  await rm(process.env.BLOB_DIR!, { recursive: true, force: true });
});

describe("the demo seed", () => {
  test("adds a contest in review with jurors, assignments and scores, and one with published results and photos", async () => {
    expect(await seedDemo(db)).not.toBeNull();

    const now = new Date();
    const session = (await findContestBySlug("kits-inclusion-session-1"))!;
    expect(contestPhase(session.calendar, now)).toBe("review");
    const [loads] = await db<{ jurors: number; assignments: number; submitted: number; eligible: number }[]>`
      select (select count(*)::int from jurors where contest_id = ${session.id}) as jurors,
             (select count(*)::int from assignments where contest_id = ${session.id}) as assignments,
             (select count(*)::int from reviews r join proposals p on p.id = r.proposal_id where p.contest_id = ${session.id} and r.status = 'submitted') as submitted,
             (select count(*)::int from proposals where contest_id = ${session.id} and status = 'eligible') as eligible`;
    expect(loads).toEqual({ jurors: 4, assignments: 15, submitted: 10, eligible: 5 });
    const [demoJuror] = await db<{ count: number }[]>`
      select count(*)::int from assignments a join users u on u.id = a.user_id
      where a.contest_id = ${session.id} and u.email = 'jury@demo.kits-inclusion.fr'`;
    expect(demoJuror.count).toBe(4);
    expect((await loadDeliberation(session, now)).seal).toBeNull();

    const pilot = (await findContestBySlug("kits-inclusion-pilote"))!;
    expect(contestPhase(pilot.calendar, now)).toBe("results_published");
    expect(sealHolds((await findSeal(pilot.id))!)).toBe(true);
    const results = await listPublishedResults();
    expect(results.map((c) => c.slug)).toEqual(["kits-inclusion-pilote"]);
    expect(results[0].laureates.map((l) => l.title)).toEqual(["Le coffret « Mes papiers en ligne »", "Jeu de plateau « Vrai ou faux ? »"]);
    for (const laureate of results[0].laureates) {
      expect(laureate.photos).toHaveLength(1);
      const photo = await openLaureatePhoto({ proposalId: laureate.proposalId, fileId: laureate.photos[0].id, variant: "thumbnail" });
      expect(photo.stream).not.toBeNull();
      (photo.stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
    const statuses = await db<{ status: string }[]>`select status from proposals where contest_id = ${pilot.id} order by id`;
    expect(statuses.map((s) => s.status)).toEqual(["laureate", "laureate", "not_retained"]);
    expect(await db`select 1 from mail_outbox where subject like 'Résultats du concours%'`).toHaveLength(3);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    // Every demo photo has its description (its alternative text), /laureats shows it.
    expect(await db`select id from proposal_files where kind = 'photo' and description is null`).toEqual([]);
    for (const laureate of results[0].laureates) expect(laureate.photos[0].description).toMatch(/\S/);
  });

  test("the README's demo-accounts table names every account the seed creates", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Demo accounts"), readme.indexOf("## Configuration"));
    const emails = await db<{ email: string }[]>`select email from users order by id`;
    expect(emails.length).toBeGreaterThanOrEqual(12);
    for (const { email } of emails) {
      const [local] = email.split("@");
      expect(section.includes(`\`${email}\``) || section.includes(`\`${local}@…\``), email).toBe(true);
    }
  });

  test("adds the distribution: sample lists labelled as such, a campaign open for ordering, its ledger in agreement", async () => {
    const lists = await listTerritorialLists();
    expect(lists.map((l) => [l.name, l.isSample])).toEqual([
      ["Communes avec un quartier prioritaire (QPV)", true],
      ["France Ruralités Revitalisation", true],
    ]);
    const campaign = (await latestCampaign())!;
    const now = new Date();
    expect(campaign.opensAt.getTime()).toBeLessThan(now.getTime());
    expect(campaign.closesAt.getTime()).toBeGreaterThan(now.getTime());
    const allocations = await listAllocations(campaign.id);
    expect(allocations).toHaveLength(101);
    expect(campaign.reserveCents + allocations.reduce((total, a) => total + a.capCents, 0)).toBe(40_000_000_00);
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("adds a dozen structures of several kinds and départements in every state; the demo structure account belongs to a verified one in 35", async () => {
    const structures = await db<{ kind: string; departementCode: string; status: string; statusReason: string | null }[]>`
      select s.kind, c.departement_code, s.status, s.status_reason from structures s join communes c on c.insee_code = s.commune_code`;
    expect(structures).toHaveLength(12);
    expect(new Set(structures.map((s) => s.status))).toEqual(new Set(["pending", "information_requested", "verified", "rejected"]));
    expect(new Set(structures.map((s) => s.kind)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(structures.map((s) => s.departementCode)).size).toBeGreaterThanOrEqual(8);
    for (const s of structures) expect(s.statusReason !== null).toBe(s.status === "rejected" || s.status === "information_requested");

    const [demo] = await db<{ id: number }[]>`select id from users where email = 'structure@demo.kits-inclusion.fr'`;
    const own = await listStructuresOfMember(demo.id);
    expect(own.map((s) => [s.departementCode, s.status])).toContainEqual(["35", "verified"]);
    // Its memberships are its structures', no national 'structure' role.
    expect(await db`select scope from memberships where user_id = ${demo.id} and scope = '*'`).toEqual([]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("the pilot's laureates are catalogue kits, orderable in the demo campaign at the jury's price", async () => {
    const catalogue = await listCatalogue({});
    expect(catalogue.campaign?.id).toBe((await latestCampaign())!.id);
    expect(catalogue.kits.map((kit) => [kit.title, kit.state, kit.unitPriceCents, kit.leadTimeDays])).toEqual([
      ["Le coffret « Mes papiers en ligne »", "orderable", 19_900, 21],
      ["Jeu de plateau « Vrai ou faux ? »", "orderable", 6_450, 14],
    ]);
  });

  test("three makers build the catalogue's kits, approved, with coverage and capacity; the demo maker account belongs to the Cantal's", async () => {
    const makers = await db<{ kind: string; departementCode: string; covered: number }[]>`
      select m.kind, c.departement_code,
             (select count(distinct departement_code)::int from maker_coverage mc where mc.maker_id = m.id) as covered
      from makers m join communes c on c.insee_code = m.commune_code order by m.id`;
    expect(makers.map((m) => [m.kind, m.departementCode])).toEqual([
      ["fablab", "35"],
      ["third_place", "15"],
      ["company", "63"],
    ]);
    expect(makers[2].covered).toBeGreaterThan(1);
    const [demo] = await db<{ id: number }[]>`select id from users where email = 'fabricant@demo.kits-inclusion.fr'`;
    const [own] = await listMakersOfMember(demo.id);
    expect(own.departementCode).toBe("15");
    expect(own.kits).toHaveLength(2);
    for (const kit of own.kits) expect(kit).toMatchObject({ status: "approved", departements: ["15"], unitsPerMonth: 10, paused: false });
    expect(await db`select scope from memberships where user_id = ${demo.id} and scope = '*'`).toEqual([]);
  });

  test("orders in every state of their life cycle, routed to the Rennes fablab, the ledger and the makers' months in agreement", async () => {
    const orders = await db<{ status: string; departementCode: string }[]>`select status, departement_code from orders order by id`;
    expect(orders.map((order) => order.status)).toEqual(["delivered", "shipped", "routed", "approved", "submitted", "rejected", "cancelled"]);
    const shares = await db<{ status: string; maker: string }[]>`
      select f.status, m.name as maker from fulfilments f join makers m on m.id = f.maker_id order by f.id`;
    expect(shares).toEqual([
      { status: "delivered", maker: "Fablab de Rennes (démo)" },
      { status: "shipped", maker: "Fablab de Rennes (démo)" },
      { status: "routed", maker: "Fablab de Rennes (démo)" },
    ]);
    const [run] = await db<{ summary: { unrouted: { orderId: number; reason: string }[] } }[]>`select summary from routing_runs`;
    expect(run.summary.unrouted).toHaveLength(1);
    expect(await db`select kind from order_documents order by id`).toEqual([
      { kind: "purchase_order" },
      { kind: "purchase_order" },
      { kind: "purchase_order" },
      { kind: "delivery_note" },
      { kind: "service_certificate" },
      { kind: "delivery_note" },
    ]);
    const campaign = (await latestCampaign())!;
    expect(await verifyLedger(campaign.id)).toEqual([]);
    const [spent] = await db<
      { spentCents: number }[]
    >`select sum(spent_cents)::int as spent_cents from allocations where campaign_id = ${campaign.id}`;
    expect(spent.spentCents).toBe(19_900 + 6_450);
    expect(await db`select moderation, rating from kit_feedback where answered_at is not null`).toEqual([{ moderation: "published", rating: 5 }]);
    const loads = await db`select routed_units from maker_monthly_load where routed_units > 0`;
    expect(loads.length).toBeGreaterThan(0);
  });
});
