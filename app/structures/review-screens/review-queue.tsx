import { Link } from "@remix-run/react";
import type { Paged } from "~/infra/paging";
import { formatDate } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { Field } from "~/ui/form";
import { FilterForm } from "~/ui/filter-form";
import { SuccessNotice } from "~/ui/notices";
import { Pagination, pagedSummary } from "~/ui/pagination";
import { structureKindLabels } from "../kinds";
import { formatSiret } from "~/organisations/siret";
import { structureStatuses, type StructureStatus } from "../statuses";
import { queueStatusLabels } from "../verification";
import type { QueueItem, QueueStatus, StatusCount } from "../verification-types";
import type { ReviewSpace } from "./spaces";
import { StatusBadge } from "./status-badge";

export type QueueData = {
  filters: { departement: string | null; statut: QueueStatus; recherche: string | null; page: number };
  structures: Paged<QueueItem>;
  counts: Record<StructureStatus, StatusCount>;
  departements: { code: string; name: string }[];
};

/** The queue of structures to verify, filtered by département, status, name or SIRET, shared by the admin and instruction spaces. */
export function ReviewQueue({ space, data }: { space: ReviewSpace; data: QueueData }) {
  const { filters, structures, counts, departements } = data;
  const statusOptions = [
    ...structureStatuses.map((status) => ({
      value: status,
      label: `${queueStatusLabels[status]} (${counts[status].more ? "plus de " : ""}${counts[status].count})`,
    })),
    { value: "all", label: "Tous les états" },
  ];
  const { items, total, page, pageCount, more } = structures;
  const departementLabel = (code: string) => departements.find((d) => d.code === code)?.name ?? code;
  return (
    <>
      <h1>{space.title}</h1>
      <SuccessNotice
        notices={{
          verified: (figures) => `La structure « ${figures.get("structure")} » est vérifiée ; ses membres en sont informés par courriel.`,
          rejected: (figures) => `La structure « ${figures.get("structure")} » est refusée ; ses membres reçoivent la raison par courriel.`,
          information_requested: (figures) =>
            `La question est envoyée à la structure « ${figures.get("structure")} » ; elle reviendra dans la file dès sa réponse.`,
        }}
      />
      {space.key === "instruction" ? (
        <p className="fr-text--lead">
          {departements.length > 1 ? "Les structures de vos départements : " : "Les structures de votre département : "}
          {departements.map((d) => `${d.code} — ${d.name}`).join(", ")}.
        </p>
      ) : null}
      <FilterForm label="Filtrer les structures" className="fr-mb-3w" buttonColumn="fr-col-12 fr-col-md-4">
        {departements.length > 1 ? (
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Département"
              name="departement"
              id="filtre-departement"
              defaultValue={filters.departement ?? ""}
              placeholder="Tous les départements"
              options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
            />
          </div>
        ) : null}
        <div className="fr-col-12 fr-col-md-4">
          <Select label="État" name="statut" id="filtre-statut" defaultValue={filters.statut} options={statusOptions} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Field
            label="Rechercher"
            hint="Raison sociale ou SIRET"
            name="recherche"
            id="filtre-recherche"
            type="search"
            maxLength={100}
            defaultValue={filters.recherche ?? ""}
          />
        </div>
      </FilterForm>
      <p role="status">{total === 0 ? "Aucune structure ne correspond à ces critères." : pagedSummary(structures, "structure")}</p>
      {items.length > 0 ? (
        <DataTable
          caption={`Structures${filters.departement ? ` du département ${filters.departement} — ${departementLabel(filters.departement)}` : ""}${
            filters.statut === "all" ? "" : ` : ${queueStatusLabels[filters.statut].toLowerCase()}`
          }`}
          headers={["Structure", "Type", "Commune", "État", "Depuis le"]}
          rows={items.map((structure) => ({
            key: structure.id,
            cells: [
              <>
                <Link to={`${space.structurePath}/${structure.id}`}>{structure.legalName}</Link>
                <br />
                <span className="fr-text--sm">SIRET {formatSiret(structure.siret)}</span>
              </>,
              structureKindLabels[structure.kind],
              `${structure.communeName} (${structure.departementCode})`,
              <StatusBadge key="status" status={structure.status} />,
              formatDate(structure.statusAt),
            ],
          }))}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} more={more} label="Pages de la file" />
    </>
  );
}
