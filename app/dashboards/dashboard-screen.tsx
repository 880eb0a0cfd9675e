import { useLocation } from "@remix-run/react";
import { formatDateTime } from "~/infra/paris-time";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { plural } from "~/ui/plural";
import {
  ConsumptionSection,
  FeedbackSection,
  LeadTimesSection,
  MakersLoadSection,
  OrdersSection,
  OutreachSection,
  StructuresSection,
  monthLabel,
  type ExportLinks,
} from "./dashboard-sections";
import type { dashboardPage } from "./pages.server";
import { stuckChoices } from "./schemas";
import type { DashboardSpace } from "./spaces";

export type DashboardData = Awaited<ReturnType<typeof dashboardPage>>;

export const DASHBOARD_TITLE = "Suivi de la distribution";

/** The dashboard of a space: its filters, then each section over the view they choose. */
export function DashboardScreen({ space, data }: { space: DashboardSpace; data: DashboardData }) {
  const location = useLocation();
  const { query, view, figures } = data;
  if (!view || !figures) {
    return (
      <>
        <h1>{DASHBOARD_TITLE}</h1>
        <p>Aucune campagne de distribution n'existe encore : il n'y a rien à suivre.</p>
      </>
    );
  }
  // The downloads take the view's filters, not the page of the list.
  const params = new URLSearchParams(location.search);
  params.delete("page");
  const links: ExportLinks = { space, search: params.size > 0 ? `?${params}` : "" };
  const chosen = view.departements.find((d) => d.code === view.departement);
  const where = chosen
    ? `${chosen.code} — ${chosen.name}`
    : space.key === "admin"
      ? "toute la France"
      : view.departements.map((d) => `${d.code} — ${d.name}`).join(", ") || "aucun département";
  return (
    <>
      <h1>{DASHBOARD_TITLE}</h1>
      <p className="fr-text--lead">
        {view.campaign.name} : {where}.
      </p>
      <p className="fr-text--sm">Données au {formatDateTime(data.at)}.</p>
      <FilterForm label="Choisir la vue du tableau de bord" className="fr-mb-3w" buttonColumn="fr-col-12 fr-col-md-3">
        {view.departements.length > 1 ? (
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Département"
              name="departement"
              id="filtre-departement"
              defaultValue={view.departement ?? ""}
              placeholder={space.key === "admin" ? "Toute la France" : "Tous mes départements"}
              options={view.departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
            />
          </div>
        ) : null}
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="En attente depuis plus de"
            name="jours"
            id="filtre-jours"
            defaultValue={String(query.jours)}
            options={(stuckChoices.includes(query.jours as (typeof stuckChoices)[number]) ? stuckChoices : [...stuckChoices, query.jours]).map(
              (days) => ({ value: String(days), label: plural(days, "jour") }),
            )}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Mois de la charge des fabricants"
            name="mois"
            id="filtre-mois"
            defaultValue={view.month.slice(0, 7)}
            options={recentMonths(view.month).map((month) => ({ value: month, label: monthLabel(month) }))}
          />
        </div>
      </FilterForm>
      <ConsumptionSection months={figures.consumption} links={links} />
      <OrdersSection statuses={figures.statuses} stuck={figures.stuck} days={query.jours} links={links} />
      <LeadTimesSection byDepartement={figures.leadByDepartement} byMaker={figures.leadByMaker} links={links} />
      <MakersLoadSection load={figures.load} month={view.month} links={links} />
      <StructuresSection byKind={figures.structures.byKind} byDepartement={figures.structures.byDepartement} links={links} />
      <OutreachSection outreach={figures.outreach} links={links} />
      <FeedbackSection feedback={figures.feedback} links={links} />
    </>
  );
}

/** The month shown and the eleven before and after it, "YYYY-MM". */
function recentMonths(month: string): string[] {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  return Array.from({ length: 23 }, (_, i) => {
    const at = new Date(Date.UTC(year, index - 11 + i, 1));
    return at.toISOString().slice(0, 7);
  });
}
