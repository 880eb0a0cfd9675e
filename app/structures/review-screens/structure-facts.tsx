import { formatDate } from "~/infra/paris-time";
import { structureKindLabels } from "../kinds";
import { formatSiret } from "~/organisations/siret";
import { siretVerdict, siretVerdictLabels } from "../verification";
import type { StructureUnderReview } from "../verification-types";
import { Facts } from "~/ui/facts";

/** What the structure declared, with what the portal checked: the SIRET's key, the commune and its population. */
export function StructureFacts({ structure, populationYear }: { structure: StructureUnderReview; populationYear: number | null }) {
  const verdict = siretVerdict(structure.siret);
  const population = `${structure.communePopulation.toLocaleString("fr-FR")} habitants${
    populationYear ? ` (population municipale légale ${populationYear}, INSEE)` : ""
  }`;
  return (
    <>
      <Facts
        title="Identification"
        facts={[
          [
            "SIRET",
            <>
              {formatSiret(structure.siret)}{" "}
              <span className={`fr-badge fr-badge--sm ${verdict === "invalid" ? "fr-badge--error" : "fr-badge--success"}`}>
                {siretVerdictLabels[verdict]}
              </span>
            </>,
          ],
          ["SIREN", formatSiret(structure.siret).slice(0, 11)],
          ["Raison sociale", structure.legalName],
          ["Type de structure", structureKindLabels[structure.kind]],
        ]}
      />
      <Facts
        title="Territoire"
        facts={[
          ["Commune", `${structure.communeName} (code INSEE ${structure.communeCode})`],
          ["Département", `${structure.departementCode} — ${structure.departementName}`],
          ["Population de la commune", population],
        ]}
      />
      <Facts
        title="Adresse et contact"
        facts={[
          ["Adresse de livraison", `${structure.address}, ${structure.postalCode} ${structure.communeName}`],
          ["Personne à contacter", `${structure.contactName}, ${structure.contactPhone}`],
          ["Inscrite par", `${structure.registeredByName} (${structure.registeredByEmail}) le ${formatDate(structure.createdAt)}`],
        ]}
      />
    </>
  );
}
