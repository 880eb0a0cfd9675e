import type { Allocation } from "~/envelope/campaigns.server";
import { buildFranceMap } from "~/envelope/france-map";
import { formatEuros } from "~/money/euros";

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

// Hover and keyboard focus show the same outline; the DSFR's focus colour.
const css = `
.carte-enveloppe a:hover path, .carte-enveloppe a:focus path { stroke: #0a76f6; stroke-width: 3px; }
.carte-enveloppe a:focus { outline: none; }`;

export const usedCents = (a: Allocation) => a.reservedCents + a.committedCents + a.spentCents;

/**
 * The split as a map: a link per département to its page, named by its title; the table below
 * carries the same figures and links for keyboard and screen-reader users (RGAA 1.8).
 */
export function FranceMap({ allocations }: { allocations: Allocation[] }) {
  const byCode = new Map(allocations.map((a) => [a.departementCode, a]));
  const map = buildFranceMap(
    allocations.map((a) => ({ code: a.departementCode, name: a.departementName, capCents: a.capCents, usedCents: usedCents(a) })),
  );
  return (
    <section aria-labelledby="carte-titre">
      <h2 className="fr-mt-6w" id="carte-titre">
        Part du plafond utilisée, par département
      </h2>
      <p>
        Chaque département est coloré selon la part de son plafond déjà réservée, engagée ou dépensée ; il mène à sa page. Le tableau{" "}
        <a href="#repartition">« Répartition par département »</a> donne les mêmes chiffres et les mêmes liens, au clavier et au lecteur d'écran.
      </p>
      <svg
        className="carte-enveloppe"
        viewBox={map.viewBox}
        role="group"
        aria-labelledby="carte-titre"
        style={{ width: "100%", maxWidth: "40rem", display: "block" }}
      >
        <style>{css}</style>
        {map.insets.map((inset) => (
          <g key={inset.code} aria-hidden="true">
            <rect x={inset.x - 6} y={inset.y - 6} width={inset.width + 12} height={inset.height + 12} fill="none" stroke="#929292" />
            <text x={inset.x + inset.width / 2} y={inset.y + inset.height + 28} textAnchor="middle" fontSize="22" fill="#3a3a3a">
              {inset.name}
            </text>
          </g>
        ))}
        {map.departements.map((d) => {
          const a = byCode.get(d.code)!;
          const used = d.shareUsed === null ? "sans plafond" : `${percent.format(d.shareUsed)} du plafond utilisé`;
          return (
            <a key={d.code} href={`/admin/enveloppe/departements/${d.code}`}>
              <title>{`${d.code} — ${d.name} : ${used} (${formatEuros(usedCents(a))} sur ${formatEuros(a.capCents)})`}</title>
              <path d={d.d} transform={d.transform ?? undefined} fill={d.fill} stroke="#161616" strokeWidth="0.6" vectorEffect="non-scaling-stroke" />
            </a>
          );
        })}
      </svg>
      <p className="fr-text--sm fr-mb-1w" id="carte-legende">
        Légende : part du plafond réservée, engagée ou dépensée
      </p>
      <ul className="fr-text--sm" aria-labelledby="carte-legende">
        {map.legend.map((useClass) => (
          <li key={useClass.label}>
            <svg width="16" height="16" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: "0.5rem" }}>
              <rect width="16" height="16" fill={useClass.fill} stroke="#161616" strokeWidth="1" />
            </svg>
            {useClass.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
