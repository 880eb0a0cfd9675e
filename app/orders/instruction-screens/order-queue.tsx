import { Form, Link } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import type { Paged } from "~/infra/paging";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { formatSiret } from "~/organisations/siret";
import { structureKindLabels, structureKinds } from "~/structures/kinds";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { ErrorSummary, Field } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { Pagination, pagedSummary } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { useRevalidateWhileVisible } from "~/ui/use-revalidate-while-visible";
import { ageChoices, instructionLabels } from "../instruction-schemas";
import type { BulkOutcome } from "../instruction.server";
import type { AllocationFigures as Figures, QueuedOrder } from "../order-queues.server";
import { orderStatuses, orderStatusLabels, type OrderStatus } from "../orders-lifecycle";
import { AllocationFigures } from "./allocation-figures";
import { BulkOutcomes } from "./bulk-outcomes";
import type { InstructionSpace } from "./spaces";
import { OrderStatusBadge } from "./status-badge";

export type OrderQueueData = {
  query: { statut: OrderStatus | "all"; departement: string | null; type: string | null; anciennete: number | null; recherche: string | null };
  at: Date;
  campaign: { id: number; name: string } | null;
  orders: Paged<QueuedOrder>;
  departements: { code: string; name: string }[];
  allocation: Figures | null;
};

/** How often the figures and the list are read again while the page is shown. */
const REFRESH_MS = 10_000;

export const decisionNotices = {
  approved: (figures: URLSearchParams) => `La commande n° ${figures.get("commande")} est approuvée ; la structure en est informée par courriel.`,
  rejected: (figures: URLSearchParams) =>
    `La commande n° ${figures.get("commande")} est refusée ; la structure reçoit la raison par courriel et son montant est rendu à l'enveloppe.`,
  closed: (figures: URLSearchParams) => `La commande n° ${figures.get("commande")} est close.`,
};

/** The queue of orders to instruct, filtered, with the allocation's figures and the approval of a selection. */
export function OrderQueue({
  space,
  data,
  answer,
}: {
  space: InstructionSpace;
  data: OrderQueueData;
  answer: { outcomes: BulkOutcome[] } | FormAnswer | undefined;
}) {
  useRevalidateWhileVisible(REFRESH_MS);
  const { query, orders, departements, allocation, campaign } = data;
  const { items, total, page, pageCount, more } = orders;
  const selectable = items.some((order) => order.status === "submitted");
  return (
    <>
      <h1>{space.title}</h1>
      <SuccessNotice notices={decisionNotices} />
      {answer && "outcomes" in answer ? <BulkOutcomes outcomes={answer.outcomes} /> : null}
      {campaign === null ? (
        <p>Aucune campagne de distribution n'est ouverte : il n'y a pas de commande à instruire.</p>
      ) : (
        <>
          <p className="fr-text--lead">
            {campaign.name}
            {space.key === "instruction" ? ` — les commandes ${departements.length > 1 ? "de vos départements" : "de votre département"}.` : "."}
          </p>
          {allocation ? <AllocationFigures figures={allocation} at={data.at} /> : null}
          <QueueFilters query={query} departements={departements} />
          <p role="status">{total === 0 ? "Aucune commande ne correspond à ces critères." : pagedSummary(orders, "commande")}</p>
          {items.length > 0 ? (
            <Form method="post" noValidate>
              <ErrorSummary errors={answer && "errors" in answer ? answer.errors : undefined} labels={instructionLabels} />
              <DataTable
                caption={`Commandes${query.statut === "all" ? "" : ` à l'état « ${orderStatusLabels[query.statut]} »`}`}
                headers={[...(selectable ? ["Sélection"] : []), "Commande", "Structure", "Montant", "Envoyée le", "État"]}
                rows={items.map((order) => ({
                  key: order.id,
                  cells: [
                    ...(selectable ? [order.status === "submitted" ? <SelectOrder key="select" order={order} /> : null] : []),
                    <Link key="link" to={`${space.queuePath}/${order.id}`}>
                      Commande n° {order.id}
                    </Link>,
                    <>
                      {order.legalName}
                      <br />
                      <span className="fr-text--sm">
                        {structureKindLabels[order.kind]}, {order.communeName} ({order.departementCode}) — SIRET {formatSiret(order.siret)}
                      </span>
                    </>,
                    <>
                      {formatEuros(order.totalCents)}
                      <br />
                      <span className="fr-text--sm">{plural(order.totalUnits, "kit")}</span>
                    </>,
                    formatDate(order.submittedAt),
                    <OrderStatusBadge key="status" status={order.status} />,
                  ],
                }))}
              />
              {selectable ? (
                <button className="fr-btn" type="submit" id="champ-orderIds">
                  Approuver la sélection
                </button>
              ) : null}
            </Form>
          ) : null}
          <Pagination page={page} pageCount={pageCount} more={more} label="Pages de la file des commandes" />
        </>
      )}
    </>
  );
}

function SelectOrder({ order }: { order: QueuedOrder }) {
  const id = `selection-${order.id}`;
  return (
    <div className="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={id} name="orderIds" value={order.id} />
      <label className="fr-label" htmlFor={id}>
        <span className="fr-sr-only">
          Sélectionner la commande n° {order.id} de {order.legalName}
        </span>
      </label>
    </div>
  );
}

function QueueFilters({ query, departements }: { query: OrderQueueData["query"]; departements: OrderQueueData["departements"] }) {
  const column = "fr-col-12 fr-col-md-4 fr-col-lg-2";
  return (
    <FilterForm label="Filtrer les commandes" className="fr-mb-3w" buttonColumn={column}>
      <div className={column}>
        <Select
          label="État"
          name="statut"
          id="filtre-statut"
          defaultValue={query.statut}
          options={[
            ...orderStatuses.filter((status) => status !== "cart").map((status) => ({ value: status, label: orderStatusLabels[status] })),
            { value: "all", label: "Tous les états" },
          ]}
        />
      </div>
      {departements.length > 1 ? (
        <div className={column}>
          <Select
            label="Département"
            name="departement"
            id="filtre-departement"
            defaultValue={query.departement ?? ""}
            placeholder="Tous"
            options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
          />
        </div>
      ) : null}
      <div className={column}>
        <Select
          label="Type de structure"
          name="type"
          id="filtre-type"
          defaultValue={query.type ?? ""}
          placeholder="Tous"
          options={structureKinds.map((kind) => ({ value: kind, label: structureKindLabels[kind] }))}
        />
      </div>
      <div className={column}>
        <Select
          label="Envoyée depuis plus de"
          name="anciennete"
          id="filtre-anciennete"
          defaultValue={query.anciennete === null ? "" : String(query.anciennete)}
          placeholder="Peu importe"
          options={ageChoices.map((days) => ({ value: String(days), label: plural(days, "jour") }))}
        />
      </div>
      <div className={column}>
        <Field
          label="Rechercher"
          hint="Raison sociale, SIRET ou numéro de commande"
          name="recherche"
          id="filtre-recherche"
          type="search"
          maxLength={100}
          defaultValue={query.recherche ?? ""}
        />
      </div>
    </FilterForm>
  );
}
