import { Link } from "@remix-run/react";
import { MapLegend, PictureFranceMap } from "~/envelope/france-map-view";
import { formatEuros } from "~/money/euros";
import type { DepartementRow } from "~/programme-figures/figures";
import { figuresMap, formatCount, mapMeasureLabels, mapMeasures, type MapMeasure } from "~/programme-figures/figures";
import { DataTable } from "~/ui/data-table";

const explained: Record<MapMeasure, string> = {
  kits: "le nombre de kits reçus par les structures du département, le service fait confirmé",
  euros: "les euros dépensés sur la dotation du département (kits reçus, au prix de la commande)",
};

/**
 * The départements on a map of France, one measure at a time (chosen by a link, no script), with
 * the table of every figure beside it: the map is an image with its text alternative, the table
 * carries the same figures and the links for the keyboard and screen readers (RGAA 1.8).
 */
export function DepartementsMap({ departements, measure }: { departements: DepartementRow[]; measure: MapMeasure }) {
  const { map, describe } = figuresMap(departements, measure);
  const byCode = new Map(departements.map((d) => [d.code, d]));
  const label = mapMeasureLabels[measure].toLowerCase();
  return (
    <section aria-labelledby="carte-titre">
      <h2 id="carte-titre" className="fr-mt-6w">
        Par département
      </h2>
      <p>Chaque département mène à sa page : sa dotation, ses structures équipées, ses fabricants et les kits livrés par commune.</p>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm" aria-label="Mesure représentée sur la carte">
        {mapMeasures.map((m) => (
          <li key={m}>
            <Link
              className={`fr-btn fr-btn--sm${m === measure ? "" : " fr-btn--secondary"}`}
              to={`/donnees${m === "kits" ? "" : `?mesure=${m}`}#carte-titre`}
              aria-current={m === measure ? "true" : undefined}
              preventScrollReset
            >
              {mapMeasureLabels[m]}
            </Link>
          </li>
        ))}
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <p className="fr-sr-only" id="carte-alternative">
            Carte de France des {label} par département, chaque département coloré selon {explained[measure]}. Les valeurs de chaque département sont
            dans le tableau « Les départements ».
          </p>
          <p id="carte-image-titre" className="fr-text--bold">
            Carte : {label} par département
          </p>
          <PictureFranceMap
            map={map}
            className="carte-donnees"
            labelledBy="carte-image-titre carte-alternative"
            link={(code) => ({ href: `/donnees/departements/${code}`, title: describe(byCode.get(code)!) })}
          />
          <MapLegend id="carte-legende" title={`Légende : ${explained[measure]}`} classes={map.legend} />
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <DataTable
            caption="Les départements : kits livrés, structures équipées, dotation et dépenses"
            headers={["Département", "Kits livrés", "Structures équipées", "Dotation", "Dépensé"]}
            rowHeaders
            multiline={false}
            rows={departements.map((d) => ({
              key: d.code,
              cells: [
                <Link key="link" to={`/donnees/departements/${d.code}`}>
                  {d.code} — {d.name}
                </Link>,
                formatCount(d.kitsDelivered),
                formatCount(d.structuresEquipped),
                formatEuros(d.capCents),
                formatEuros(d.spentCents),
              ],
            }))}
          />
        </div>
      </div>
    </section>
  );
}
