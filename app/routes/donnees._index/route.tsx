import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readQuery } from "~/http/query";
import { mapMeasures } from "~/programme-figures/figures";
import { sharedNationalFigures } from "~/programme-figures/figures.server";
import { pageTitle } from "~/ui/page-title";
import { AsOf } from "~/programme-figures/as-of";
import { DepartementsMap } from "./departements-map";
import { EnvelopeFigures } from "./envelope-figures";
import { KindsTable } from "./kinds-table";

export const meta: MetaFunction = () => [
  { title: pageTitle("Les données du programme") },
  {
    name: "description",
    content: "L'enveloppe des kits d'inclusion numérique, ce qui est engagé et dépensé, les kits livrés et les structures équipées, par département.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { mesure } = readQuery(request, z.object({ mesure: z.enum(mapMeasures).catch("kits") }));
  const { figures, readAt } = await sharedNationalFigures();
  return { figures, measure: mesure, asOf: readAt };
}

export default function ProgrammeData() {
  const { figures, measure, asOf } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Les données du programme</h1>
      <p className="fr-text--lead">
        Où en est l'enveloppe de l'État, combien de kits sont arrivés dans les structures de proximité, et où : les chiffres du programme, mis à jour
        en continu.
      </p>
      <AsOf instant={asOf} />
      <p>
        <Link className="fr-link fr-icon-download-line fr-link--icon-left" to="/donnees/telechargements">
          Télécharger les données
        </Link>{" "}
        (fichiers CSV ouverts, avec leur description).
      </p>
      {figures ? (
        <>
          <EnvelopeFigures figures={figures} />
          <KindsTable kinds={figures.byKind} />
          <DepartementsMap departements={figures.departements} measure={measure} />
        </>
      ) : (
        <p>Aucune campagne de distribution n'est encore ouverte : les chiffres seront publiés ici dès son ouverture.</p>
      )}
    </div>
  );
}
