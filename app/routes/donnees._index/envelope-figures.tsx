import type { NationalFigures } from "~/programme-figures/figures.server";
import { formatCount, formatKits } from "~/programme-figures/figures";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";

/** The envelope from the national cap to what is spent, and what it bought. */
export function EnvelopeFigures({ figures }: { figures: NationalFigures }) {
  const { campaign, money } = figures;
  const available = money.capCents - money.reservedCents - money.committedCents - money.spentCents;
  const rows: [string, number, string][] = [
    ["Plafond national", campaign.nationalCapCents, "Ce que l'État consacre aux kits."],
    ["Réserve nationale", campaign.reserveCents, "Gardée au niveau national, pour renforcer un département."],
    ["Dotation des départements", money.capCents, "Répartie entre les 101 départements."],
    ["Réservé", money.reservedCents, "Commandes en attente de l'instructeur du département."],
    ["Engagé", money.committedCents, "Commandes approuvées, en fabrication ou en livraison."],
    ["Dépensé", money.spentCents, "Kits reçus, le service fait confirmé par la structure."],
    ["Disponible", available, "Ce que les départements peuvent encore commander."],
  ];
  return (
    <section aria-labelledby="enveloppe-titre">
      <h2 id="enveloppe-titre">L'enveloppe</h2>
      <p>
        Campagne « {campaign.name} ». {formatKits(figures.kitsDelivered)} livrés à {formatCount(figures.structuresEquipped)}{" "}
        {figures.structuresEquipped >= 2 ? "structures" : "structure"} ; {formatEuros(money.spentCents)} dépensés sur un plafond national de{" "}
        {formatEuros(campaign.nationalCapCents)}.
      </p>
      <DataTable
        caption="L'enveloppe nationale, de son plafond aux sommes dépensées"
        headers={["Montant", "En euros", "Ce que c'est"]}
        rowHeaders
        rows={rows.map(([label, cents, meaning]) => ({ key: label, cells: [label, formatEuros(cents), meaning] }))}
      />
    </section>
  );
}
