import type { Allocation } from "~/envelope/campaigns.server";
import { buildFranceMap, shareUsed, USE_SCALE } from "~/envelope/france-map";
import { LinkedFranceMap, MapLegend } from "~/envelope/france-map-view";
import { formatEuros } from "~/money/euros";

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

export const usedCents = (a: Allocation) => a.reservedCents + a.committedCents + a.spentCents;

/**
 * The split as a map: a link per département to its page, named by its title; the table below
 * carries the same figures and links for keyboard and screen-reader users (RGAA 1.8).
 */
export function FranceMap({ allocations }: { allocations: Allocation[] }) {
  const byCode = new Map(allocations.map((a) => [a.departementCode, a]));
  const map = buildFranceMap(
    allocations.map((a) => ({ code: a.departementCode, name: a.departementName, value: shareUsed(a.capCents, usedCents(a)) })),
    USE_SCALE,
  );
  const link = (code: string) => {
    const a = byCode.get(code)!;
    const share = shareUsed(a.capCents, usedCents(a));
    const used = share === null ? "sans plafond" : `${percent.format(share)} du plafond utilisé`;
    return {
      href: `/admin/enveloppe/departements/${code}`,
      title: `${code} — ${a.departementName} : ${used} (${formatEuros(usedCents(a))} sur ${formatEuros(a.capCents)})`,
    };
  };
  return (
    <section aria-labelledby="carte-titre">
      <h2 className="fr-mt-6w" id="carte-titre">
        Part du plafond utilisée, par département
      </h2>
      <p>
        Chaque département est coloré selon la part de son plafond déjà réservée, engagée ou dépensée ; il mène à sa page. Le tableau{" "}
        <a href="#repartition">« Répartition par département »</a> donne les mêmes chiffres et les mêmes liens, au clavier et au lecteur d'écran.
      </p>
      <LinkedFranceMap map={map} className="carte-enveloppe" labelledBy="carte-titre" link={link} />
      <MapLegend id="carte-legende" title="Légende : part du plafond réservée, engagée ou dépensée" classes={map.legend} />
    </section>
  );
}
