import { Link } from "@remix-run/react";
import { DataTable } from "~/ui/data-table";
import { plural } from "~/ui/plural";
import { formatSiret } from "~/organisations/siret";
import type { RelatedStructure } from "../verification-types";
import { StatusBadge } from "./status-badge";

/** Other structures at the same address (same commune, same normalised address) or of the same SIREN: possible duplicates. */
export function RelatedStructures({ related, structurePath }: { related: { items: RelatedStructure[]; total: number }; structurePath: string }) {
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Autres structures à la même adresse ou du même SIREN</h2>
      {related.total === 0 ? (
        <p>Aucune autre structure à cette adresse ni avec ce SIREN.</p>
      ) : (
        <>
          <p>
            {plural(related.total, "autre structure")}
            {related.total > related.items.length ? `, dont les ${related.items.length} premières :` : " :"}
          </p>
          <DataTable
            caption="Autres structures à la même adresse ou du même SIREN"
            hideCaption
            headers={["Structure", "Adresse", "En commun", "État"]}
            rows={related.items.map((other) => ({
              key: other.id,
              cells: [
                <>
                  <Link to={`${structurePath}/${other.id}`}>{other.legalName}</Link>
                  <br />
                  <span className="fr-text--sm">SIRET {formatSiret(other.siret)}</span>
                </>,
                `${other.address}, ${other.communeName}`,
                [other.samePlace ? "même adresse" : null, other.sameSiren ? "même SIREN" : null].filter(Boolean).join(", "),
                <StatusBadge key="status" status={other.status} />,
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}
