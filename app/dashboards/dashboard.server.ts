// One dashboard, as a reader within their reach asks for it: the campaign, the départements they
// may choose from, and every figure over the view they chose. A département out of reach (a
// hand-edited address) is no filter: the reader's own view shows, as in the order queue.
import type postgres from "postgres";
import { latestCampaign } from "~/envelope/campaigns.server";
import { db, type Sql } from "~/infra/db.server";
import type { Reach } from "~/structures/verification";
import { departementsInReach } from "~/structures/verification.server";
import {
  consumptionByMonth,
  currentMonth,
  feedbackByKit,
  leadTimesByDepartement,
  leadTimesByMaker,
  makersLoad,
  ordersByStatus,
  structuresOverview,
  stuckOrders,
  type DashboardScope,
} from "./figures.server";
import { mostLoadedMakers, slowestMakers } from "./makers-shortlist";
import { neverOrdered } from "./outreach.server";
import { silentPage, snapshotOf } from "./snapshots.server";
import type { DashboardQuery } from "./schemas";

export type DashboardView = {
  campaign: { id: number; name: string };
  departements: { code: string; name: string }[];
  /** The département chosen, or null for every one within reach. */
  departement: string | null;
  month: string;
  scope: DashboardScope;
};

/** What the reader may look at; null when no campaign exists yet. */
export async function dashboardView(input: { reach: Reach; query: DashboardQuery; now: Date }, sql: Sql = db): Promise<DashboardView | null> {
  const [campaign, departements] = await Promise.all([latestCampaign(sql), departementsInReach(input.reach, sql)]);
  if (!campaign) return null;
  const departement = departements.some((d) => d.code === input.query.departement) ? input.query.departement : null;
  return {
    campaign: { id: campaign.id, name: campaign.name },
    departements,
    departement,
    month: input.query.mois ? `${input.query.mois}-01` : currentMonth(input.now),
    scope: {
      campaignId: campaign.id,
      departements: departement ? [departement] : input.reach === "all" ? "all" : departements.map((d) => d.code),
      now: input.now,
    },
  };
}

/**
 * Every figure of the dashboard for one view, and their time. Per maker, only the makers the page
 * shows (makers-shortlist.ts): the rest never leaves the server.
 */
export async function dashboard(input: { reach: Reach; query: DashboardQuery; now: Date }, sql: postgres.Sql = db) {
  const view = await dashboardView(input, sql);
  if (!view) return { view: null, figures: null, at: input.now };
  const { at, figures } = await figuresOf(view, input, sql);
  return { view, at, figures: { ...figures, leadByMaker: slowestMakers(figures.leadByMaker), load: mostLoadedMakers(figures.load) } };
}

/**
 * The whole country's or one département's figures from the read model (snapshots.server.ts); a
 * reader's several départements at once, the makers' load of a chosen month and an unusual "stuck"
 * threshold are read live.
 */
async function figuresOf(view: DashboardView, input: { query: DashboardQuery; now: Date }, sql: postgres.Sql) {
  const { scope } = view;
  const snapshotView = scope.departements === "all" ? "*" : scope.departements.length === 1 ? scope.departements[0] : null;
  const load = () => makersLoad({ ...scope, month: view.month }, sql);
  if (snapshotView === null) {
    const [consumption, statuses, stuck, leadByDepartement, leadByMaker, loaded, structures, outreach, feedback] = await Promise.all([
      consumptionByMonth(scope, sql),
      ordersByStatus(scope, sql),
      stuckOrders({ ...scope, days: input.query.jours }, sql),
      leadTimesByDepartement(scope, sql),
      leadTimesByMaker(scope, sql),
      load(),
      structuresOverview(scope, sql),
      neverOrdered({ ...scope, page: input.query.page }, sql),
      feedbackByKit(scope, sql),
    ]);
    return {
      at: input.now,
      figures: { consumption, statuses, stuck, leadByDepartement, leadByMaker, load: loaded, structures, outreach, feedback },
    };
  }
  const snapshot = { campaignId: scope.campaignId, view: snapshotView, now: input.now, stuckDays: input.query.jours };
  const { stuck: storedStuck, outreachTotal, computedAt, ...stored } = await snapshotOf(snapshot, sql);
  const stuckAt = { ...scope, now: computedAt, days: input.query.jours };
  const [stuck, outreach, loaded] = await Promise.all([
    storedStuck ?? stuckOrders(stuckAt, sql),
    silentPage({ campaignId: scope.campaignId, view: snapshotView, total: outreachTotal, page: input.query.page }, sql),
    load(),
  ]);
  return { at: computedAt, figures: { ...stored, stuck, load: loaded, outreach } };
}
