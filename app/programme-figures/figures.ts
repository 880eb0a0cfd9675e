// Pure shaping of the figures the queries return, for the pages and their tests.
import { buildFranceMap, quantileScale } from "~/envelope/france-map";
import { formatEuros } from "~/money/euros";
import { structureKindLabels, structureKinds, type StructureKind } from "~/structures/kinds";
import { labelledValues } from "~/ui/labelled-values";

export type Money = { capCents: number; reservedCents: number; committedCents: number; spentCents: number };

/** Structures equipped (at least one kit received) of one kind in one département, and their kits. */
export type EquippedCell = { departementCode: string; kind: StructureKind; structures: number; units: number };

export type KindFigures = { kind: StructureKind; label: string; structures: number; units: number };

export type DepartementRow = Money & { code: string; name: string; kitsDelivered: number; structuresEquipped: number };

export type NationalShape = {
  /** The départements' allocations added up. */
  money: Money;
  kitsDelivered: number;
  structuresEquipped: number;
  /** Every kind, in the registration form's order, those with nothing equipped at zero. */
  byKind: KindFigures[];
  departements: DepartementRow[];
};

/** The national page's figures from the allocations (in INSEE order) and the equipped structures by département and kind. */
export function nationalShape(allocations: readonly (Money & { code: string; name: string })[], equipped: readonly EquippedCell[]): NationalShape {
  const sumOf = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const departements = allocations.map((a) => {
    const cells = equipped.filter((cell) => cell.departementCode === a.code);
    return { ...a, kitsDelivered: sumOf(cells, (c) => c.units), structuresEquipped: sumOf(cells, (c) => c.structures) };
  });
  return {
    money: {
      capCents: sumOf(allocations, (a) => a.capCents),
      reservedCents: sumOf(allocations, (a) => a.reservedCents),
      committedCents: sumOf(allocations, (a) => a.committedCents),
      spentCents: sumOf(allocations, (a) => a.spentCents),
    },
    kitsDelivered: sumOf(equipped, (c) => c.units),
    structuresEquipped: sumOf(equipped, (c) => c.structures),
    byKind: structureKinds.map((kind) => {
      const cells = equipped.filter((cell) => cell.kind === kind);
      return { kind, label: structureKindLabels[kind], structures: sumOf(cells, (c) => c.structures), units: sumOf(cells, (c) => c.units) };
    }),
    departements,
  };
}

/** What the public map shows, chosen by a link (?mesure=…): no script needed. */
export const { values: mapMeasures, labels: mapMeasureLabels } = labelledValues({
  kits: "Kits livrés",
  euros: "Euros dépensés",
});
export type MapMeasure = (typeof mapMeasures)[number];

const count = new Intl.NumberFormat("fr-FR");

/** "1 kit", "12 345 kits": French grouping, French plural (0 and 1 singular). */
export const formatKits = (units: number) => `${count.format(units)} ${Math.abs(units) >= 2 ? "kits" : "kit"}`;

/** A count as French writes it: "12 345". */
export const formatCount = (value: number) => count.format(value);

/** The map of one measure, each département's value as the map and its table show it. */
export function figuresMap(departements: readonly { code: string; name: string; kitsDelivered: number; spentCents: number }[], measure: MapMeasure) {
  const valueOf = (d: (typeof departements)[number]) => (measure === "kits" ? d.kitsDelivered : d.spentCents);
  const format = measure === "kits" ? formatKits : formatEuros;
  const scale = quantileScale(departements.map(valueOf), format, measure === "kits" ? "Aucun kit livré" : "Rien de dépensé");
  return {
    map: buildFranceMap(
      departements.map((d) => ({ code: d.code, name: d.name, value: valueOf(d) })),
      scale,
    ),
    describe: (d: (typeof departements)[number]) => {
      const value = valueOf(d);
      const participle = measure === "kits" ? (value >= 2 ? "livrés" : "livré") : "dépensés";
      return `${d.code} — ${d.name} : ${format(value)} ${participle}`;
    },
  };
}
