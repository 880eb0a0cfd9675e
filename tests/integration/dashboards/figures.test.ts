// The dashboards' figures on PostgreSQL, each against values computed by hand from the small
// programme of dashboard-world.ts (its comment lists every order, date and amount).
import { beforeAll, describe, expect, test } from "vitest";
import { dashboard } from "~/dashboards/dashboard.server";
import {
  consumptionByMonth,
  feedbackByKit,
  leadTimesByDepartement,
  leadTimesByMaker,
  makersLoad,
  ordersByStatus,
  structuresOverview,
  stuckOrders,
  type DashboardScope,
} from "~/dashboards/figures.server";
import { everyNeverOrdered, neverOrdered } from "~/dashboards/outreach.server";
import { dashboardQuerySchema } from "~/dashboards/schemas";
import { db } from "~/infra/db.server";
import { DASHBOARD_NOW, dashboardWorld, type DashboardWorld } from "../../support/dashboard-world";

let programme: DashboardWorld;
let national: DashboardScope;
let only35: DashboardScope;
let only29: DashboardScope;

beforeAll(async () => {
  programme = await dashboardWorld(db);
  const campaignId = programme.world.campaign.id;
  national = { campaignId, departements: "all", now: DASHBOARD_NOW };
  only35 = { ...national, departements: ["35"] };
  only29 = { ...national, departements: ["29"] };
});

describe("consumption over time", () => {
  test("the money reserved, committed and spent at the end of each month, nationally and per département", async () => {
    expect(await consumptionByMonth(national)).toEqual([
      // January: A, E and C committed, A and E received (129,00 + 64,50).
      { month: "2031-01", reservedCents: 0, committedCents: 19_900, spentCents: 19_350 },
      // February: C received, D committed, B reserved.
      { month: "2031-02", reservedCents: 19_900, committedCents: 19_350, spentCents: 39_250 },
    ]);
    expect(await consumptionByMonth(only35)).toEqual([
      { month: "2031-01", reservedCents: 0, committedCents: 0, spentCents: 19_350 },
      { month: "2031-02", reservedCents: 19_900, committedCents: 0, spentCents: 19_350 },
    ]);
    expect(await consumptionByMonth(only29)).toEqual([
      { month: "2031-01", reservedCents: 0, committedCents: 19_900, spentCents: 0 },
      { month: "2031-02", reservedCents: 0, committedCents: 19_350, spentCents: 19_900 },
    ]);
  });
});

describe("orders by state and their age", () => {
  test("how many in each status, for how much, and how long they have been in it", async () => {
    expect(await ordersByStatus(national)).toEqual([
      { status: "approved", orders: 1, totalCents: 19_350, medianAgeDays: 18, oldestAgeDays: 18 },
      // Delivered 30 Jan. (A), 22 Jan. (E), 9 Feb. (C): 21, 29 and 11 days before now.
      { status: "delivered", orders: 3, totalCents: 39_250, medianAgeDays: 21, oldestAgeDays: 29 },
      { status: "submitted", orders: 1, totalCents: 19_900, medianAgeDays: 15, oldestAgeDays: 15 },
    ]);
    expect(await ordersByStatus(only29)).toEqual([
      { status: "approved", orders: 1, totalCents: 19_350, medianAgeDays: 18, oldestAgeDays: 18 },
      { status: "delivered", orders: 1, totalCents: 19_900, medianAgeDays: 11, oldestAgeDays: 11 },
    ]);
  });

  test("the orders stuck for more than N days, and where", async () => {
    expect(await stuckOrders({ ...national, days: 7 })).toEqual([
      { departementCode: "29", departementName: "Finistère", submitted: 0, approved: 1, oldestSince: new Date("2031-02-02T10:00:00Z") },
      { departementCode: "35", departementName: "Ille-et-Vilaine", submitted: 1, approved: 0, oldestSince: new Date("2031-02-05T10:00:00Z") },
    ]);
    // B has waited 15 days, D 18: past 16 days, only D.
    expect((await stuckOrders({ ...national, days: 16 })).map((s) => s.departementCode)).toEqual(["29"]);
    expect(await stuckOrders({ ...only35, days: 16 })).toEqual([]);
  });
});

describe("lead times from submission to service fait", () => {
  test("median and 90th percentile by département, the whole view first", async () => {
    // 35: 20 and 10 days; 29: 30 days. percentile_cont interpolates: 10 + 0.9 × (20 − 10) = 19;
    // nationally, 10, 20, 30: the 90th at 1.8 places, 20 + 0.8 × 10 = 28.
    expect(await leadTimesByDepartement(national)).toEqual([
      { key: "*", name: "Ensemble", orders: 3, medianDays: 20, p90Days: 28 },
      { key: "29", name: "Finistère", orders: 1, medianDays: 30, p90Days: 30 },
      { key: "35", name: "Ille-et-Vilaine", orders: 2, medianDays: 15, p90Days: 19 },
    ]);
    expect(await leadTimesByDepartement(only35)).toEqual([
      { key: "*", name: "Ensemble", orders: 2, medianDays: 15, p90Days: 19 },
      { key: "35", name: "Ille-et-Vilaine", orders: 2, medianDays: 15, p90Days: 19 },
    ]);
  });

  test("median and 90th percentile by maker", async () => {
    const names = await db<{ id: number; name: string }[]>`select id, name from makers order by id`;
    const nameOf = (id: number) => names.find((m) => m.id === id)!.name;
    const expected = [
      { key: String(programme.makers.rennes.makerId), name: nameOf(programme.makers.rennes.makerId), orders: 2, medianDays: 15, p90Days: 19 },
      { key: String(programme.makers.brest.makerId), name: nameOf(programme.makers.brest.makerId), orders: 1, medianDays: 30, p90Days: 30 },
    ].sort((x, y) => x.name.localeCompare(y.name));
    expect(await leadTimesByMaker(national)).toEqual(expected);
    expect((await leadTimesByMaker(only29)).map((l) => l.key)).toEqual([String(programme.makers.brest.makerId)]);
  });
});

describe("makers' load against capacity", () => {
  test("units routed in the month against the capacity, the busiest first; a département's view shows the makers delivering there", async () => {
    const january = await makersLoad({ ...national, month: "2031-01-01" });
    expect(january.map(({ makerId, capacity, routedUnits }) => ({ makerId, capacity, routedUnits }))).toEqual([
      { makerId: programme.makers.rennes.makerId, capacity: 10, routedUnits: 3 },
      { makerId: programme.makers.brest.makerId, capacity: 4, routedUnits: 1 },
    ]);
    // A month nothing was routed in: the declared capacity, nothing used.
    expect((await makersLoad({ ...national, month: "2031-03-01" })).map((m) => [m.capacity, m.routedUnits])).toEqual([
      [10, 0],
      [4, 0],
    ]);
    expect((await makersLoad({ ...only29, month: "2031-01-01" })).map((m) => m.makerId)).toEqual([programme.makers.brest.makerId]);
  });
});

describe("structures", () => {
  test("by kind and by département: registered, verified, eligible, having ordered", async () => {
    expect(await structuresOverview(national)).toEqual({
      byKind: [
        { kind: "france_services", total: 1, verified: 1, eligible: 1, ordered: 0 },
        { kind: "library", total: 7, verified: 6, eligible: 6, ordered: 5 },
        { kind: "other", total: 1, verified: 1, eligible: 0, ordered: 0 },
      ],
      byDepartement: [
        { departementCode: "29", departementName: "Finistère", total: 4, verified: 4, eligible: 3, ordered: 2 },
        { departementCode: "35", departementName: "Ille-et-Vilaine", total: 5, verified: 4, eligible: 4, ordered: 3 },
      ],
    });
  });

  test("the eligible structures that never ordered, by public name and commune, a page at a time and all of them for the export", async () => {
    const page = await neverOrdered({ ...national, page: 1 });
    expect(page.total).toBe(2);
    expect(
      page.items.map(({ legalName, communeName, communeCode, departementCode, kind }) => ({
        legalName,
        communeName,
        communeCode,
        departementCode,
        kind,
      })),
    ).toEqual([
      { legalName: "Bibliothèque de Bellevue", communeName: "Brest", communeCode: "29019", departementCode: "29", kind: "library" },
      { legalName: "France Services de Rennes", communeName: "Rennes", communeCode: "35238", departementCode: "35", kind: "france_services" },
    ]);
    const all = [];
    for await (const structure of everyNeverOrdered(only35)) all.push(structure.structureId);
    expect(all).toEqual([programme.structures.s3.id]);
    expect((await neverOrdered({ ...national, page: 2 })).items).toEqual([]);
  });

  test("a rule naming territorial lists narrows who is eligible, as the structure's own verdict does", async () => {
    // Only the communes of a list holding Brest, France Services anywhere: S3 stays, Rennes' libraries leave.
    // In a transaction rolled back at the end: rule versions are append-only, and the other tests read the first one.
    const rolledBack = new Error("rolled back");
    let eligible: [string, number][] = [];
    await db
      .begin(async (tx) => {
        const [list]: [{ id: number }] = await tx`insert into territorial_lists (name) values ('Liste de test du tableau de bord') returning id`;
        const [version]: [{ id: number }] = await tx`
          insert into territorial_list_versions (list_id, version, source, valid_from, commune_count, imported_at)
          values (${list.id}, 1, 'Test', '2030-01-01', 1, now()) returning id`;
        await tx`insert into territorial_list_communes (version_id, commune_code) values (${version.id}, '29019')`;
        const campaignId = programme.world.campaign.id;
        await tx`
          with rule as (
            insert into eligibility_rules (campaign_id, version, allowed_kinds, territory, france_services_everywhere, created_at)
            select ${campaignId}, max(version) + 1, array['library', 'france_services'], 'lists', true, now()
            from eligibility_rules where campaign_id = ${campaignId}
            returning id)
          insert into eligibility_rule_lists (rule_id, list_id) select id, ${list.id} from rule`;
        eligible = (await structuresOverview(national, tx)).byDepartement.map((d) => [d.departementCode, d.eligible]);
        throw rolledBack;
      })
      .catch((error) => {
        if (error !== rolledBack) throw error;
      });
    expect(eligible).toEqual([
      ["29", 3],
      ["35", 1],
    ]);
  });
});

describe("feedback on use", () => {
  test("per kit: asked, answered, mean rating, people reached, published", async () => {
    const feedback = await feedbackByKit(national);
    const byKit = (kitId: number) => feedback.find((f) => f.kitId === kitId);
    expect(byKit(programme.world.jeu.kitId)).toMatchObject({ asked: 2, answered: 2, averageRating: 4.5, peopleReached: 20, published: 1 });
    expect(byKit(programme.world.coffret.kitId)).toMatchObject({ asked: 1, answered: 0, averageRating: null, peopleReached: 0, published: 0 });
    expect((await feedbackByKit(only29)).map((f) => f.kitId)).toEqual([programme.world.coffret.kitId]);
  });
});

describe("the view a reader may ask for", () => {
  const query = (values: Record<string, string>) => dashboardQuerySchema.parse(values);

  test("an instructor's view holds their département only, and another's code is no filter", async () => {
    const { view, figures } = await dashboard({ reach: ["35"], query: query({ departement: "29" }), now: DASHBOARD_NOW });
    expect(view!.departement).toBeNull();
    expect(view!.scope.departements).toEqual(["35"]);
    expect(figures!.structures.byDepartement.map((d) => d.departementCode)).toEqual(["35"]);
    expect(figures!.stuck.map((s) => s.departementCode)).toEqual(["35"]);
  });

  test("an admin chooses one département, or sees the whole country", async () => {
    const chosen = await dashboard({ reach: "all", query: query({ departement: "29" }), now: DASHBOARD_NOW });
    expect(chosen.view!.scope.departements).toEqual(["29"]);
    expect(chosen.figures!.leadByDepartement.map((l) => l.key)).toEqual(["*", "29"]);
    const whole = await dashboard({ reach: "all", query: query({}), now: DASHBOARD_NOW });
    expect(whole.view!.scope.departements).toBe("all");
    expect(whole.view!.month).toBe("2031-02-01");
  });
});
