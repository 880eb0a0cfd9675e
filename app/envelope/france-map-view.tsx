import type { FranceMap, MapClass, MapDepartement } from "./france-map";

type Link = (code: string) => { href: string; title: string };

// Hover and keyboard focus show the same outline; the DSFR's focus colour.
const css = (className: string, shape: string) => `
.${className} a:hover ${shape}, .${className} a:focus ${shape} { stroke: #0a76f6; stroke-width: 3px; }
.${className} a:focus { outline: none; }`;

const svgStyle = { width: "100%", maxWidth: "40rem", display: "block" } as const;

function Insets({ map }: { map: FranceMap }) {
  return map.insets.map((inset) => (
    <g key={inset.code} aria-hidden="true">
      <rect x={inset.x - 6} y={inset.y - 6} width={inset.width + 12} height={inset.height + 12} fill="none" stroke="#929292" />
      <text x={inset.x + inset.width / 2} y={inset.y + inset.height + 28} textAnchor="middle" fontSize="22" fill="#3a3a3a">
        {inset.name}
      </text>
    </g>
  ));
}

function Outline({ departement: d, id, stroked }: { departement: MapDepartement; id?: string; stroked: boolean }) {
  return (
    <path
      id={id}
      d={d.d}
      transform={d.transform ?? undefined}
      fill={d.fill}
      stroke={stroked ? "#161616" : undefined}
      strokeWidth={stroked ? "0.6" : undefined}
      vectorEffect="non-scaling-stroke"
    />
  );
}

/**
 * A built map as server-rendered SVG, each département a link to its page named by its title:
 * a group of 101 links, reachable with the keyboard.
 */
export function LinkedFranceMap({ map, className, labelledBy, link }: { map: FranceMap; className: string; labelledBy: string; link: Link }) {
  return (
    <svg className={className} viewBox={map.viewBox} role="group" aria-labelledby={labelledBy} style={svgStyle}>
      <style>{css(className, "path")}</style>
      <Insets map={map} />
      {map.departements.map((d) => {
        const { href, title } = link(d.code);
        return (
          <a key={d.code} href={href}>
            <title>{title}</title>
            <Outline departement={d} stroked />
          </a>
        );
      })}
    </svg>
  );
}

/**
 * A built map as one image with its text alternative (role="img"), for a page whose table beside
 * it carries the same figures and links. An image holds no link (its content is presentational),
 * so the départements' links for the mouse lie in a copy laid over it that reuses its outlines,
 * hidden from assistive technologies and out of the tab order (docs/decisions/039).
 */
export function PictureFranceMap({ map, className, labelledBy, link }: { map: FranceMap; className: string; labelledBy: string; link: Link }) {
  const idOf = (code: string) => `${className}-${code}`;
  return (
    <div className={className} style={{ ...svgStyle, position: "relative" }}>
      <style>{`${css(className, "use")}
.${className} use { fill-opacity: 0; stroke: transparent; }`}</style>
      <svg viewBox={map.viewBox} role="img" aria-labelledby={labelledBy} style={{ display: "block", width: "100%" }}>
        <Insets map={map} />
        <g stroke="#161616" strokeWidth="0.6">
          {map.departements.map((d) => (
            <Outline key={d.code} departement={d} id={idOf(d.code)} stroked={false} />
          ))}
        </g>
      </svg>
      <svg viewBox={map.viewBox} aria-hidden="true" style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}>
        {map.departements.map((d) => {
          const { href, title } = link(d.code);
          return (
            <a key={d.code} href={href} tabIndex={-1}>
              <title>{title}</title>
              <use href={`#${idOf(d.code)}`} />
            </a>
          );
        })}
      </svg>
    </div>
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
