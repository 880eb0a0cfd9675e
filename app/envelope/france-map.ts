import outlines from "./departement-outlines.json";

// France as a map: each of the 101 départements coloured by one measure — the share of its cap
// used (the envelope), kits delivered or euros spent (the public figures). The outlines are the
// DSFR chart package's (app/envelope/departement-outlines.json, docs/decisions/024); this module
// lays them out — the metropolitan map, the five overseas départements as insets in a row beneath
// it — and picks the colours from a scale. Pure: pages render it as SVG on the server.

export type MapInput = { code: string; name: string; value: number | null };

export type MapClass = { label: string; fill: string };

/** How values become colours, and the legend that says so. */
export type MapScale = { classOf: (value: number | null) => MapClass; legend: MapClass[] };

export type MapDepartement = {
  code: string;
  name: string;
  d: string;
  /** Overseas: how the inset's own frame is placed on the map. */
  transform: string | null;
  value: number | null;
  fill: string;
};

export type MapInset = { code: string; name: string; x: number; y: number; width: number; height: number };

export type FranceMap = { viewBox: string; departements: MapDepartement[]; insets: MapInset[]; legend: MapClass[] };

/** A sequential blue in the DSFR's « bleu France » tints: light for nothing, darker as the value grows. */
const NOTHING_FILL = "#f5f5fe";
const BLUES = ["#cacafb", "#8585f6", "#3c3ccf", "#000091"] as const;

export const NOTHING_USED: MapClass = { label: "Rien d'utilisé", fill: NOTHING_FILL };
export const USE_CLASSES: readonly (MapClass & { below: number })[] = [
  { below: 0.25, label: "Moins de 25 %", fill: BLUES[0] },
  { below: 0.5, label: "De 25 à 50 %", fill: BLUES[1] },
  { below: 0.75, label: "De 50 à 75 %", fill: BLUES[2] },
  { below: Infinity, label: "75 % et plus", fill: BLUES[3] },
];
export const NO_CAP: MapClass = { label: "Sans plafond", fill: "#dddddd" };

/** Used ÷ cap, or null when the département has no cap. */
export function shareUsed(capCents: number, usedCents: number): number | null {
  return capCents > 0 ? usedCents / capCents : null;
}

export function useClassOf(share: number | null): MapClass {
  if (share === null) return NO_CAP;
  if (share === 0) return NOTHING_USED;
  return USE_CLASSES.find((useClass) => share < useClass.below)!;
}

/** The envelope's scale: the share of each cap used, by quarters. */
export const USE_SCALE: MapScale = {
  classOf: useClassOf,
  legend: [NOTHING_USED, ...USE_CLASSES.map(({ label, fill }) => ({ label, fill })), NO_CAP],
};

/**
 * A scale for a count or an amount spread very unevenly (Paris against the Lozère): zero apart,
 * then up to four classes holding about as many départements each (quartiles of the values above
 * zero), so that the map tells départements apart instead of painting all but one pale.
 * `format` writes a bound in the legend ("1 234 kits", "12 000,00 €").
 */
export function quantileScale(values: readonly number[], format: (value: number) => string, nothing: string): MapScale {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  const none: MapClass = { label: nothing, fill: NOTHING_FILL };
  const uppers = [
    ...new Set(BLUES.map((_, index) => positive[Math.ceil(((index + 1) * positive.length) / BLUES.length) - 1]).filter((v) => v !== undefined)),
  ];
  const classes: MapClass[] = uppers.map((upper, index) => ({
    label: index === 0 ? `Jusqu'à ${format(upper)}` : `Plus de ${format(uppers[index - 1])}, jusqu'à ${format(upper)}`,
    // Fewer classes than blues: keep the darkest for the largest values.
    fill: BLUES[BLUES.length - uppers.length + index],
  }));
  return {
    classOf: (value) => {
      if (value === null || value <= 0) return none;
      const index = uppers.findIndex((upper) => value <= upper);
      return classes[index === -1 ? classes.length - 1 : index] ?? none;
    },
    legend: [none, ...classes],
  };
}

const METROPOLE_SIZE = 1010;
const INSET = { top: 1040, height: 110, slot: 202, labelGap: 34 };

/**
 * The map of the given départements (those without an outline are left out, which the tests
 * forbid for the 101): metropolitan outlines as they are, the overseas scaled into a row of
 * equal-height insets, in the order given (INSEE order for the overseas: 971 to 976).
 */
export function buildFranceMap(departements: readonly MapInput[], scale: MapScale): FranceMap {
  const overseas = departements.filter((d) => d.code in outlines.overseas);
  const insets: MapInset[] = [];
  const placed = new Map<string, string>();
  overseas.forEach((d, index) => {
    const [, , width, height] = outlines.overseas[d.code as keyof typeof outlines.overseas].viewBox.split(" ").map(Number);
    const scaleFactor = INSET.height / height;
    const x = index * INSET.slot + (INSET.slot - width * scaleFactor) / 2;
    insets.push({ code: d.code, name: d.name, x, y: INSET.top, width: width * scaleFactor, height: INSET.height });
    placed.set(d.code, `translate(${round(x)} ${INSET.top}) scale(${round(scaleFactor)})`);
  });
  const metropole: Record<string, string> = outlines.metropole.departements;
  return {
    viewBox: `0 0 ${METROPOLE_SIZE} ${INSET.top + INSET.height + INSET.labelGap}`,
    departements: departements.flatMap((d) => {
      const path = metropole[d.code] ?? outlines.overseas[d.code as keyof typeof outlines.overseas]?.d;
      if (path === undefined) return [];
      return [{ code: d.code, name: d.name, d: path, transform: placed.get(d.code) ?? null, value: d.value, fill: scale.classOf(d.value).fill }];
    }),
    insets,
    legend: scale.legend,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
