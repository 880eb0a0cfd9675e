import { formatParis } from "~/infra/paris-time";

/** When the figures were read: they are live, so this is the page's own time. */
export function AsOf({ instant }: { instant: Date | string }) {
  return <p className="fr-text--sm">Données au {formatParis(new Date(instant))} (heure de Paris).</p>;
}
