import type { FranceMap, MapClass } from "./france-map";

// Hover and keyboard focus show the same outline; the DSFR's focus colour.
const css = (className: string) => `
.${className} a:hover path, .${className} a:focus path { stroke: #0a76f6; stroke-width: 3px; }
.${className} a:focus { outline: none; }`;

/**
 * A built map as server-rendered SVG: each département a link to its page, titled for the mouse.
 * As a "group" its links are reachable with the keyboard; as an "img" it is one image with a text
 * alternative, its links only for the mouse, the table beside it carrying the same links for
 * keyboard and screen-reader users (docs/decisions/039).
 */
export function FranceMapSvg({
  map,
  className,
  role,
  labelledBy,
  link,
}: {
  map: FranceMap;
  className: string;
  role: "group" | "img";
  labelledBy: string;
  link: (code: string) => { href: string; title: string };
}) {
  return (
    <svg
      className={className}
      viewBox={map.viewBox}
      role={role}
      aria-labelledby={labelledBy}
      style={{ width: "100%", maxWidth: "40rem", display: "block" }}
    >
      <style>{css(className)}</style>
      {map.insets.map((inset) => (
        <g key={inset.code} aria-hidden="true">
          <rect x={inset.x - 6} y={inset.y - 6} width={inset.width + 12} height={inset.height + 12} fill="none" stroke="#929292" />
          <text x={inset.x + inset.width / 2} y={inset.y + inset.height + 28} textAnchor="middle" fontSize="22" fill="#3a3a3a">
            {inset.name}
          </text>
        </g>
      ))}
      {map.departements.map((d) => {
        const { href, title } = link(d.code);
        return (
          <a key={d.code} href={href} tabIndex={role === "img" ? -1 : undefined}>
            <title>{title}</title>
            <path d={d.d} transform={d.transform ?? undefined} fill={d.fill} stroke="#161616" strokeWidth="0.6" vectorEffect="non-scaling-stroke" />
          </a>
        );
      })}
    </svg>
  );
}

/** The map's colours and what each means, as a list a screen reader can read. */
export function MapLegend({ id, title, classes }: { id: string; title: string; classes: MapClass[] }) {
  return (
    <>
      <p className="fr-text--sm fr-mb-1w" id={id}>
        {title}
      </p>
      <ul className="fr-text--sm" aria-labelledby={id}>
        {classes.map((mapClass) => (
          <li key={mapClass.label}>
            <svg width="16" height="16" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: "0.5rem" }}>
              <rect width="16" height="16" fill={mapClass.fill} stroke="#161616" strokeWidth="1" />
            </svg>
            {mapClass.label}
          </li>
        ))}
      </ul>
    </>
  );
}
