// One dashboard, as a reader within their reach asks for it: the campaign, the départements they
// may choose from, and every figure over the view they chose. A département out of reach (a
// hand-edited address) is no filter: the reader's own view shows, as in the order queue.
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
import { neverOrdered } from "./outreach.server";
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

/** Every figure of the dashboard for one view. */
export async function dashboard(input: { reach: Reach; query: DashboardQuery; now: Date }, sql: Sql = db) {
  const view = await dashboardView(input, sql);
  if (!view) return { view: null, figures: null };
  const { scope } = view;
  const [consumption, statuses, stuck, leadByDepartement, leadByMaker, load, structures, outreach, feedback] = await Promise.all([
    consumptionByMonth(scope, sql),
    ordersByStatus(scope, sql),
    stuckOrders({ ...scope, days: input.query.jours }, sql),
    leadTimesByDepartement(scope, sql),
    leadTimesByMaker(scope, sql),
    makersLoad({ ...scope, month: view.month }, sql),
    structuresOverview(scope, sql),
    neverOrdered({ ...scope, page: input.query.page }, sql),
    feedbackByKit(scope, sql),
  ]);
  return { view, figures: { consumption, statuses, stuck, leadByDepartement, leadByMaker, load, structures, outreach, feedback } };
}
