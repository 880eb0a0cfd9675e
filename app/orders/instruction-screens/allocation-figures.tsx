import { formatDateTime } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";
import type { AllocationFigures as Figures } from "../order-queues.server";

function captionOf(figures: Figures) {
  if (figures.national) return `Enveloppe nationale (${figures.departements.length} départements)`;
  const names = figures.departements.map((d) => `${d.code} — ${d.name}`).join(", ");
  return figures.departements.length === 1 ? `Enveloppe du département ${names}` : `Enveloppe de vos départements : ${names}`;
}

/** The allocation the orders draw on: what is left to order, and where the rest stands. */
export function AllocationFigures({ figures, at }: { figures: Figures; at: Date | string }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="enveloppe-titre">
      <h2 className="fr-h4" id="enveloppe-titre">
        {captionOf(figures)}
      </h2>
      <DataTable
        caption={captionOf(figures)}
        hideCaption
        multiline={false}
        headers={["Plafond", "Réservé (commandes envoyées)", "Engagé (commandes approuvées)", "Dépensé (service fait)", "Disponible"]}
        rows={[
          {
            key: "figures",
            cells: [figures.capCents, figures.reservedCents, figures.committedCents, figures.spentCents, figures.availableCents].map(formatEuros),
          },
        ]}
      />
      <p className="fr-text--sm">Chiffres du {formatDateTime(at)}, mis à jour tant que la page est affichée et après chaque décision.</p>
    </section>
  );
}
