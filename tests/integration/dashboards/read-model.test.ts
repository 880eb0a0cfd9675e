// The dashboards' read model on PostgreSQL: the worker's refresh stores each view's figures with
// their time, a page shows them until the next refresh, and a refresh happens when the sources
// changed or the figures got old. Expected values are computed by hand from dashboard-world.ts.
import { beforeAll, describe, expect, test } from "vitest";
import { dashboard } from "~/dashboards/dashboard.server";
import { dashboardQuerySchema } from "~/dashboards/schemas";
import { refreshDashboards } from "~/dashboards/snapshots.server";
import { db } from "~/infra/db.server";
import { DASHBOARD_NOW, dashboardWorld, type DashboardWorld } from "../../support/dashboard-world";
import { createStructure } from "../../support/fixtures";

let programme: DashboardWorld;
const minutesLater = (minutes: number) => new Date(DASHBOARD_NOW.getTime() + minutes * 60_000);
const query = (values: Record<string, string> = {}) => dashboardQuerySchema.parse(values);
const national = (now: Date, values: Record<string, string> = {}) => dashboard({ reach: "all", query: query(values), now });

beforeAll(async () => {
  programme = await dashboardWorld(db, { s3: "France Services de Rennes", s7: "Bibliothèque de Bellevue" });
});

describe("the dashboards' read model", () => {
  test("a view never computed is computed by the first page that asks, as of that page's time", async () => {
    const { at, figures } = await dashboard({ reach: ["35"], query: query(), now: DASHBOARD_NOW });
    expect(at).toEqual(DASHBOARD_NOW);
    expect(figures!.structures.byDepartement).toEqual([
      { departementCode: "35", departementName: "Ille-et-Vilaine", total: 5, verified: 4, eligible: 4, ordered: 3 },
    ]);
    const [row] = await db`select computed_at from dashboard_snapshots where campaign_id = ${programme.world.campaign.id} and view = '35'`;
    expect(row.computedAt).toEqual(DASHBOARD_NOW);
  });

  test("the worker stores the whole country and every département with the figures as of its time", async () => {
    const departements = await db`select count(*)::int as count from departements`;
    // The view of 35 that the page above filled is up to date: every other one is computed.
    expect(await refreshDashboards({ now: DASHBOARD_NOW })).toBe(departements[0].count);

    const { at, figures } = await national(minutesLater(1));
    expect(at).toEqual(DASHBOARD_NOW);
    expect(figures!.statuses).toEqual([
      { status: "approved", orders: 1, totalCents: 19_350, medianAgeDays: 18, oldestAgeDays: 18 },
      { status: "delivered", orders: 3, totalCents: 39_250, medianAgeDays: 21, oldestAgeDays: 29 },
      { status: "submitted", orders: 1, totalCents: 19_900, medianAgeDays: 15, oldestAgeDays: 15 },
    ]);
    expect(figures!.stuck).toEqual([
      { departementCode: "29", departementName: "Finistère", submitted: 0, approved: 1, oldestSince: new Date("2031-02-02T10:00:00Z") },
      { departementCode: "35", departementName: "Ille-et-Vilaine", submitted: 1, approved: 0, oldestSince: new Date("2031-02-05T10:00:00Z") },
    ]);
    // A threshold the filter does not offer is read live, as of the figures' time: past 16 days, only D.
    expect((await national(minutesLater(1), { jours: "16" })).figures!.stuck.map((s) => s.departementCode)).toEqual(["29"]);
    expect(figures!.consumption.at(-1)).toEqual({ month: "2031-02", reservedCents: 19_900, committedCents: 19_350, spentCents: 39_250 });
    expect(figures!.outreach.total).toBe(2);
    expect(figures!.outreach.items.map((s) => s.legalName)).toEqual(["Bibliothèque de Bellevue", "France Services de Rennes"]);

    const brest = await dashboard({ reach: "all", query: query({ departement: "29" }), now: minutesLater(1) });
    expect(brest.at).toEqual(DASHBOARD_NOW);
    expect(brest.figures!.leadByDepartement.map((l) => [l.key, l.orders, l.medianDays])).toEqual([
      ["*", 1, 30],
      ["29", 1, 30],
    ]);
    expect(brest.figures!.outreach.items.map((s) => s.legalName)).toEqual(["Bibliothèque de Bellevue"]);
  });

  test("a page shows the stored figures until the refresh that sees a change", async () => {
    const [{ departements }] = await db`select count(*)::int as departements from departements`;
    expect(await refreshDashboards({ now: DASHBOARD_NOW })).toBe(0);
    await createStructure(db, { communeCode: "35238", kind: "library", status: "verified", legalName: "Abbaye numérique de Rennes" });
    const before = await national(minutesLater(1));
    expect(before.figures!.outreach.total).toBe(2);
    expect(before.figures!.structures.byKind.find((k) => k.kind === "library")!.total).toBe(7);

    expect(await refreshDashboards({ now: minutesLater(1) })).toBe(departements + 1);
    const after = await national(minutesLater(2));
    expect(after.at).toEqual(minutesLater(1));
    expect(after.figures!.outreach.total).toBe(3);
    expect(after.figures!.outreach.items.map((s) => s.legalName)).toEqual([
      "Bibliothèque de Bellevue",
      "Abbaye numérique de Rennes",
      "France Services de Rennes",
    ]);
    expect(after.figures!.structures.byKind.find((k) => k.kind === "library")!.total).toBe(8);
  });

  test("nothing changed: the refresh skips, until the figures are a quarter of an hour old", async () => {
    await refreshDashboards({ now: minutesLater(1) });
    expect(await refreshDashboards({ now: minutesLater(3) })).toBe(0);
    expect((await national(minutesLater(4))).at).toEqual(minutesLater(1));
    expect(await refreshDashboards({ now: minutesLater(20) })).toBeGreaterThan(0);
    expect((await national(minutesLater(21))).at).toEqual(minutesLater(20));
  });

  test("a page reads, of the four stored thresholds, the one asked for", async () => {
    const stored = await national(minutesLater(40), { jours: "30" });
    expect(stored.figures!.stuck).toEqual([]);
    // A mark in the stored list of 30 days: the page must show it, not count the orders again.
    const marked = [{ departementCode: "01", departementName: "Ain", submitted: 9, approved: 8, oldestSince: "2031-01-01T00:00:00.000Z" }];
    await db`
      update dashboard_snapshots set figures = jsonb_set(figures, '{stuckByDays,30}', ${db.json(marked)}::jsonb)
      where campaign_id = ${programme.world.campaign.id} and view = '*'`;
    const read = await national(minutesLater(41), { jours: "30" });
    expect(read.at).toEqual(stored.at);
    expect(read.figures!.stuck).toEqual([{ ...marked[0], oldestSince: new Date("2031-01-01T00:00:00Z") }]);
    expect((await national(minutesLater(41), { jours: "2" })).figures!.stuck.map((s) => s.departementCode)).toEqual(["29", "35"]);
  });

  test("a reader of several départements at once sees live figures of them together", async () => {
    const { at, figures } = await dashboard({ reach: ["29", "35"], query: query(), now: minutesLater(30) });
    expect(at).toEqual(minutesLater(30));
    expect(figures!.structures.byDepartement.map((d) => d.departementCode)).toEqual(["29", "35"]);
    expect(figures!.outreach.total).toBe(3);
  });
});
