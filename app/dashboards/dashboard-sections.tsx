import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Paged } from "~/infra/paging";
import { formatDate, formatDateTime } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { orderStatusLabels } from "~/orders/orders-lifecycle";
import { structureKindLabels } from "~/structures/kinds";
import { BarChart, TimeSeriesChart } from "~/ui/charts/charts";
import { DataTable } from "~/ui/data-table";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import type {
  KitFeedbackFigures,
  LeadTime,
  MakerLoad,
  MonthPosition,
  StatusFigures,
  StructureCounts,
  StructuresByDepartement,
  StructuresByKind,
  StuckFigures,
} from "./figures.server";
import { loadPercent, type MakersShortlist } from "./makers-shortlist";
import type { SilentStructure } from "./outreach.server";
import { dashboardTableLabels, type DashboardTable } from "./schemas";
import type { DashboardSpace } from "./spaces";

// The sections of the dashboard: each a heading, its chart when it has one (with a sentence saying
// what it shows), its data table, and the link to download that table as CSV.

const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "numeric", timeZone: "UTC" });
/** "2026-11" → "nov. 2026". */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month.slice(0, 7)}-15T12:00:00Z`));
}

const compactEuros = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const eurosTick = (cents: number) => compactEuros.format(cents / 100);
// One formatter for the page: building one per number cost more than the rest of the render.
const tenths = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const whole = (value: number) => tenths.format(value);
const daysText = (value: number) => `${whole(value)} j`;
const percent = (value: number) => `${whole(value)} %`;

/** Where the tables' downloads are, with the view's query string. */
export type ExportLinks = { space: DashboardSpace; search: string };

function Download({ links, table }: { links: ExportLinks; table: DashboardTable }) {
  return (
    <p>
      <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${links.space.path}/export/${table}${links.search}`} download>
        Télécharger « {dashboardTableLabels[table]} » (CSV)
      </a>
    </p>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fr-mt-6w">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ConsumptionSection({ months, links }: { months: MonthPosition[]; links: ExportLinks }) {
  const last = months.at(-1);
  return (
    <Section title="Consommation de l'enveloppe">
      {last ? (
        <>
          <TimeSeriesChart
            title="Montants réservés, engagés et dépensés en fin de mois"
            summary={`Fin ${monthLabel(last.month)} : ${formatEuros(last.reservedCents)} réservés, ${formatEuros(last.committedCents)} engagés, ${formatEuros(last.spentCents)} dépensés. Le détail par mois est dans le tableau qui suit.`}
            labels={months.map((m) => monthLabel(m.month))}
            series={[
              { name: "Réservé", values: months.map((m) => m.reservedCents) },
              { name: "Engagé", values: months.map((m) => m.committedCents) },
              { name: "Dépensé", values: months.map((m) => m.spentCents) },
            ]}
            format={eurosTick}
          />
          <DataTable
            caption="Montants réservés, engagés et dépensés en fin de mois"
            headers={["Mois", "Réservé", "Engagé", "Dépensé"]}
            rows={months.map((m) => ({
              key: m.month,
              cells: [monthLabel(m.month), formatEuros(m.reservedCents), formatEuros(m.committedCents), formatEuros(m.spentCents)],
            }))}
            rowHeaders
          />
          <Download links={links} table="consommation" />
        </>
      ) : (
        <p>Aucune commande n'a encore engagé l'enveloppe.</p>
      )}
    </Section>
  );
}

export function OrdersSection({
  statuses,
  stuck,
  days,
  links,
}: {
  statuses: StatusFigures[];
  stuck: StuckFigures[];
  days: number;
  links: ExportLinks;
}) {
  const total = statuses.reduce((sum, s) => sum + s.orders, 0);
  return (
    <Section title="Commandes par statut">
      {statuses.length > 0 ? (
        <>
          <BarChart
            title="Nombre de commandes par statut"
            summary={`${plural(total, "commande")} en tout ; ${statuses.map((s) => `${orderStatusLabels[s.status]} : ${s.orders}`).join(", ")}.`}
            bars={statuses.map((s) => ({ label: orderStatusLabels[s.status], value: s.orders }))}
            format={whole}
            scale={{ integers: true }}
          />
          <DataTable
            caption="Commandes par statut et depuis combien de temps elles y sont"
            headers={["Statut", "Commandes", "Montant", "Ancienneté médiane dans le statut", "Ancienneté maximale"]}
            rows={statuses.map((s) => ({
              key: s.status,
              cells: [orderStatusLabels[s.status], s.orders, formatEuros(s.totalCents), daysText(s.medianAgeDays), daysText(s.oldestAgeDays)],
            }))}
            rowHeaders
          />
          <Download links={links} table="commandes-par-statut" />
        </>
      ) : (
        <p>Aucune commande n'a encore été envoyée.</p>
      )}
      <h3>Commandes en attente depuis plus de {plural(days, "jour")}</h3>
      {stuck.length > 0 ? (
        <>
          <DataTable
            caption={`Commandes envoyées et non instruites, ou approuvées et non attribuées, depuis plus de ${plural(days, "jour")}, par département`}
            headers={["Département", "Envoyées, non instruites", "Approuvées, non attribuées", "En attente depuis le"]}
            rows={stuck.map((s) => ({
              key: s.departementCode,
              cells: [
                `${s.departementCode} — ${s.departementName}`,
                s.submitted > 0 ? (
                  <Link to={`${links.space.ordersPath}?statut=submitted&departement=${s.departementCode}&anciennete=${days}`}>
                    {s.submitted}
                    <span className="fr-sr-only"> commandes envoyées en attente dans ce département</span>
                  </Link>
                ) : (
                  0
                ),
                s.approved,
                formatDateTime(s.oldestSince),
              ],
            }))}
            rowHeaders
          />
          <Download links={links} table="commandes-en-attente" />
        </>
      ) : (
        <p>Aucune commande n'attend depuis plus de {plural(days, "jour")}.</p>
      )}
    </Section>
  );
}

function LeadTable({ caption, first, rows }: { caption: string; first: string; rows: LeadTime[] }) {
  return (
    <DataTable
      caption={caption}
      headers={[first, "Commandes livrées", "Délai médian", "90ᵉ centile"]}
      rows={rows.map((l) => ({
        key: l.key,
        cells: [l.key === "*" || first !== "Département" ? l.name : `${l.key} — ${l.name}`, l.orders, daysText(l.medianDays), daysText(l.p90Days)],
      }))}
      rowHeaders
    />
  );
}

/** "Les 20 plus chargés sur 500 fabricants ; tous figurent dans le fichier CSV." when some are left out. */
function MakersShown({ list, which }: { list: MakersShortlist<unknown>; which: string }) {
  return list.total > list.shown.length ? (
    <p className="fr-text--sm">
      Les {list.shown.length} {which} sur {plural(list.total, "fabricant")} ; tous figurent dans le fichier CSV.
    </p>
  ) : null;
}

export function LeadTimesSection({
  byDepartement,
  byMaker,
  links,
}: {
  byDepartement: LeadTime[];
  byMaker: MakersShortlist<LeadTime>;
  links: ExportLinks;
}) {
  return (
    <Section title="Délais de l'envoi de la commande au service fait">
      {byDepartement.length > 0 ? (
        <>
          <p>
            Du jour où la structure envoie sa commande à la confirmation de sa dernière réception : la médiane (la moitié des commandes livrées l'ont
            été plus vite) et le 90ᵉ centile (neuf sur dix l'ont été plus vite).
          </p>
          <LeadTable caption="Délais par département" first="Département" rows={byDepartement} />
          <Download links={links} table="delais-departements" />
          <LeadTable
            caption={byMaker.total > byMaker.shown.length ? "Délais par fabricant, les plus longs" : "Délais par fabricant"}
            first="Fabricant"
            rows={byMaker.shown}
          />
          <MakersShown list={byMaker} which="aux délais médians les plus longs" />
          <Download links={links} table="delais-fabricants" />
        </>
      ) : (
        <p>Aucune commande n'a encore été livrée et confirmée.</p>
      )}
    </Section>
  );
}

export function MakersLoadSection({
  load,
  month,
  links,
}: {
  load: MakersShortlist<MakerLoad> & { atFullCapacity: number };
  month: string;
  links: ExportLinks;
}) {
  const [first] = load.shown;
  return (
    <Section title={`Charge des fabricants en ${monthLabel(month)}`}>
      {first ? (
        <>
          <BarChart
            title={`Part de la capacité des fabricants attribuée en ${monthLabel(month)}`}
            summary={`${plural(load.total, "fabricant")}, dont ${load.atFullCapacity} à pleine capacité ; le plus chargé : ${first.name}, ${percent(loadPercent(first))}.`}
            bars={load.shown.map((m) => ({ label: m.name, value: loadPercent(m) }))}
            format={percent}
            scale={{ max: 100 }}
          />
          <DataTable
            caption={`Unités attribuées et capacité des fabricants en ${monthLabel(month)}`}
            headers={["Fabricant", "Unités attribuées", "Capacité du mois", "Charge"]}
            rows={load.shown.map((m) => ({ key: m.makerId, cells: [m.name, m.routedUnits, m.capacity, percent(loadPercent(m))] }))}
            rowHeaders
          />
          <MakersShown list={load} which="plus chargés" />
          <Download links={links} table="charge-fabricants" />
        </>
      ) : (
        <p>Aucun fabricant ne déclare de capacité{links.space.key === "instruction" ? " pour vos départements" : ""}.</p>
      )}
    </Section>
  );
}

const countHeaders = ["Inscrites", "Vérifiées", "Éligibles", "Ayant commandé"];
const countCells = (c: StructureCounts) => [c.total, c.verified, c.eligible, c.ordered];

export function StructuresSection({
  byKind,
  byDepartement,
  links,
}: {
  byKind: StructuresByKind[];
  byDepartement: StructuresByDepartement[];
  links: ExportLinks;
}) {
  if (byKind.length === 0)
    return (
      <Section title="Structures">
        <p>Aucune structure n'est inscrite.</p>
      </Section>
    );
  return (
    <Section title="Structures">
      <BarChart
        title="Structures inscrites par type"
        summary={byKind.map((k) => `${structureKindLabels[k.kind]} : ${k.total}`).join(", ") + "."}
        bars={byKind.map((k) => ({ label: structureKindLabels[k.kind], value: k.total }))}
        format={whole}
        scale={{ integers: true }}
      />
      <DataTable
        caption="Structures par type"
        headers={["Type", ...countHeaders]}
        rows={byKind.map((k) => ({ key: k.kind, cells: [structureKindLabels[k.kind], ...countCells(k)] }))}
        rowHeaders
      />
      <Download links={links} table="structures-par-type" />
      <DataTable
        caption="Structures par département"
        headers={["Département", ...countHeaders]}
        rows={byDepartement.map((d) => ({ key: d.departementCode, cells: [`${d.departementCode} — ${d.departementName}`, ...countCells(d)] }))}
        rowHeaders
      />
      <Download links={links} table="structures-par-departement" />
    </Section>
  );
}

export function OutreachSection({ outreach, links }: { outreach: Paged<SilentStructure>; links: ExportLinks }) {
  const { items, total, page, pageCount } = outreach;
  return (
    <Section title="Structures éligibles qui n'ont jamais commandé">
      <p>Les structures vérifiées qui peuvent commander dans la campagne et ne l'ont pas encore fait : celles à contacter.</p>
      <p role="status">
        {total === 0
          ? "Toutes les structures éligibles ont commandé."
          : `${plural(total, "structure")}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {items.length > 0 ? (
        <>
          <DataTable
            caption="Structures éligibles sans commande"
            headers={["Structure", "Type", "Commune", "Vérifiée le"]}
            rows={items.map((s) => ({
              key: s.structureId,
              cells: [
                <Link key="link" to={`${links.space.structurePath}/${s.structureId}`}>
                  {s.legalName}
                </Link>,
                structureKindLabels[s.kind],
                `${s.communeName} (${s.communeCode})`,
                formatDate(s.verifiedAt),
              ],
            }))}
          />
          <Pagination page={page} pageCount={pageCount} label="Pages des structures éligibles sans commande" />
          <Download links={links} table="structures-sans-commande" />
        </>
      ) : null}
    </Section>
  );
}

export function FeedbackSection({ feedback, links }: { feedback: KitFeedbackFigures[]; links: ExportLinks }) {
  return (
    <Section title="Retours d'usage par kit">
      {feedback.length > 0 ? (
        <>
          <DataTable
            caption="Retours d'usage des structures par kit"
            headers={["Kit", "Retours demandés", "Retours reçus", "Note moyenne (sur 5)", "Personnes accompagnées", "Retours publiés"]}
            rows={feedback.map((f) => ({
              key: f.kitId,
              cells: [f.title, f.asked, f.answered, f.averageRating === null ? "—" : whole(f.averageRating), f.peopleReached, f.published],
            }))}
            rowHeaders
          />
          <Download links={links} table="retours-par-kit" />
        </>
      ) : (
        <p>Aucun retour d'usage n'a encore été demandé.</p>
      )}
    </Section>
  );
}
