import outlines from "./departement-outlines.json";

// The envelope as a map: each of the 101 départements coloured by the share of its cap already
// used. The outlines are the DSFR chart package's (app/envelope/departement-outlines.json,
// docs/decisions/024); this module lays them out — the metropolitan map, the five overseas
// départements as insets in a row beneath it — and picks the colours. Pure: the page renders it
// as SVG on the server.

export type MapInput = { code: string; name: string; capCents: number; usedCents: number };

export type UseClass = { label: string; fill: string };

export type MapDepartement = {
  code: string;
  name: string;
  d: string;
  /** Overseas: how the inset's own frame is placed on the map. */
  transform: string | null;
  /** Used ÷ cap, or null when the département has no cap. */
  shareUsed: number | null;
  fill: string;
};

export type MapInset = { code: string; name: string; x: number; y: number; width: number; height: number };

export type FranceMap = { viewBox: string; departements: MapDepartement[]; insets: MapInset[]; legend: UseClass[] };

/** A sequential blue in the DSFR's « bleu France » tints, light for little used, dark for much. */
export const NOTHING_USED: UseClass = { label: "Rien d'utilisé", fill: "#f5f5fe" };
export const USE_CLASSES: readonly (UseClass & { below: number })[] = [
  { below: 0.25, label: "Moins de 25 %", fill: "#cacafb" },
  { below: 0.5, label: "De 25 à 50 %", fill: "#8585f6" },
  { below: 0.75, label: "De 50 à 75 %", fill: "#3c3ccf" },
  { below: Infinity, label: "75 % et plus", fill: "#000091" },
];
export const NO_CAP: UseClass = { label: "Sans plafond", fill: "#dddddd" };

function shareUsed(capCents: number, usedCents: number): number | null {
  return capCents > 0 ? usedCents / capCents : null;
}

export function useClassOf(share: number | null): UseClass {
  if (share === null) return NO_CAP;
  if (share === 0) return NOTHING_USED;
  return USE_CLASSES.find((useClass) => share < useClass.below)!;
}

const METROPOLE_SIZE = 1010;
const INSET = { top: 1040, height: 110, slot: 202, labelGap: 34 };

/**
 * The map of the given départements (those without an outline are left out, which the tests
 * forbid for the 101): metropolitan outlines as they are, the overseas scaled into a row of
 * equal-height insets, in the order given (INSEE order for the overseas: 971 to 976).
 */
export function buildFranceMap(departements: readonly MapInput[]): FranceMap {
  const overseas = departements.filter((d) => d.code in outlines.overseas);
  const insets: MapInset[] = [];
  const placed = new Map<string, string>();
  overseas.forEach((d, index) => {
    const [, , width, height] = outlines.overseas[d.code as keyof typeof outlines.overseas].viewBox.split(" ").map(Number);
    const scale = INSET.height / height;
    const x = index * INSET.slot + (INSET.slot - width * scale) / 2;
    insets.push({ code: d.code, name: d.name, x, y: INSET.top, width: width * scale, height: INSET.height });
    placed.set(d.code, `translate(${round(x)} ${INSET.top}) scale(${round(scale)})`);
  });
  const metropole: Record<string, string> = outlines.metropole.departements;
  return {
    viewBox: `0 0 ${METROPOLE_SIZE} ${INSET.top + INSET.height + INSET.labelGap}`,
    departements: departements.flatMap((d) => {
      const path = metropole[d.code] ?? outlines.overseas[d.code as keyof typeof outlines.overseas]?.d;
      if (path === undefined) return [];
      const share = shareUsed(d.capCents, d.usedCents);
      return [{ code: d.code, name: d.name, d: path, transform: placed.get(d.code) ?? null, shareUsed: share, fill: useClassOf(share).fill }];
    }),
    insets,
    legend: [NOTHING_USED, ...USE_CLASSES.map(({ label, fill }) => ({ label, fill })), NO_CAP],
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
