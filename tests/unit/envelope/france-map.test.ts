import { describe, expect, test } from "vitest";
import { buildFranceMap, NO_CAP, NOTHING_USED, quantileScale, shareUsed, useClassOf, USE_CLASSES, USE_SCALE } from "~/envelope/france-map";
import { readTerritories } from "~/territories/reference-data.server";

const departements = readTerritories().departements.map((d, i) => ({ code: d.code, name: d.name, value: shareUsed(1_000_00, i * 1_000) }));

describe("the envelope's map of France", () => {
  const map = buildFranceMap(departements, USE_SCALE);

  test("all 101 départements have an outline, Corsica as 2A and 2B", () => {
    expect(map.departements).toHaveLength(101);
    expect(new Set(map.departements.map((d) => d.code))).toEqual(new Set(departements.map((d) => d.code)));
    expect(map.departements.filter((d) => d.code === "2A" || d.code === "2B").map((d) => d.name)).toEqual(["Corse-du-Sud", "Haute-Corse"]);
    expect(map.departements.every((d) => /^[mM]/.test(d.d))).toBe(true);
  });

  test("the five overseas départements are insets in a row beneath the metropolitan map, inside the frame", () => {
    const [, , width, height] = map.viewBox.split(" ").map(Number);
    expect(map.insets.map((inset) => inset.code)).toEqual(["971", "972", "973", "974", "976"]);
    expect(map.insets.map((inset) => inset.name)).toEqual(["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]);
    for (const inset of map.insets) {
      expect(inset.y).toBeGreaterThan(1010);
      expect(inset.x).toBeGreaterThanOrEqual(0);
      expect(inset.x + inset.width).toBeLessThanOrEqual(width);
      expect(inset.y + inset.height).toBeLessThanOrEqual(height);
    }
    const placed = map.departements.filter((d) => d.transform !== null).map((d) => d.code);
    expect(placed).toEqual(["971", "972", "973", "974", "976"]);
    for (let i = 1; i < map.insets.length; i++) expect(map.insets[i].x).toBeGreaterThan(map.insets[i - 1].x + map.insets[i - 1].width);
  });

  test("colours follow the share used: nothing, each quarter, and no cap told apart; darker as more is used", () => {
    expect(useClassOf(null)).toBe(NO_CAP);
    expect(useClassOf(0)).toBe(NOTHING_USED);
    expect(useClassOf(0.0001).label).toBe("Moins de 25 %");
    expect(useClassOf(0.25).label).toBe("De 25 à 50 %");
    expect(useClassOf(0.5).label).toBe("De 50 à 75 %");
    expect(useClassOf(0.75).label).toBe("75 % et plus");
    expect(useClassOf(1).label).toBe("75 % et plus");
    const luminance = (hex: string) => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    const fills = [NOTHING_USED, ...USE_CLASSES].map((c) => c.fill);
    fills.slice(1).forEach((fill, i) => expect(luminance(fill)).toBeLessThan(luminance(fills[i])));
    const ain = map.departements.find((d) => d.code === "01")!;
    expect(ain).toMatchObject({ value: 0, fill: NOTHING_USED.fill });
    expect(buildFranceMap([{ code: "48", name: "Lozère", value: shareUsed(0, 0) }], USE_SCALE).departements[0].fill).toBe(NO_CAP.fill);
  });

  test("the legend lists every colour the map may use", () => {
    expect(map.legend.map((c) => c.fill)).toEqual([NOTHING_USED, ...USE_CLASSES, NO_CAP].map((c) => c.fill));
    expect(map.departements.every((d) => map.legend.some((c) => c.fill === d.fill))).toBe(true);
  });
});

describe("a scale for uneven counts", () => {
  const format = (value: number) => `${value} kits`;

  test("zero apart, then up to four classes of about as many départements each, labelled by their bounds", () => {
    const values = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 100];
    const scale = quantileScale(values, format, "Aucun kit");
    expect(scale.legend.map((c) => c.label)).toEqual([
      "Aucun kit",
      "Jusqu'à 3 kits",
      "Plus de 3 kits, jusqu'à 5 kits",
      "Plus de 5 kits, jusqu'à 7 kits",
      "Plus de 7 kits, jusqu'à 100 kits",
    ]);
    expect(values.map((v) => scale.legend.indexOf(scale.classOf(v)))).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(scale.classOf(null)).toBe(scale.legend[0]);
  });

  test("few distinct values make fewer classes, the darkest kept for the largest; nothing at all, one class", () => {
    const scale = quantileScale([0, 1, 8, 8, 8], format, "Aucun kit");
    expect(scale.legend.map((c) => c.label)).toEqual(["Aucun kit", "Jusqu'à 1 kits", "Plus de 1 kits, jusqu'à 8 kits"]);
    expect(scale.classOf(8).fill).toBe(USE_CLASSES[3].fill);
    expect(scale.classOf(1).fill).toBe(USE_CLASSES[2].fill);
    const empty = quantileScale([0, 0], format, "Aucun kit");
    expect(empty.legend.map((c) => c.label)).toEqual(["Aucun kit"]);
    expect(empty.classOf(3)).toBe(empty.legend[0]);
  });

  test("every département of a built map takes a colour of its legend", () => {
    const values = departements.map((_, i) => (i * 37) % 11);
    const scale = quantileScale(values, format, "Aucun kit");
    const built = buildFranceMap(
      departements.map((d, i) => ({ ...d, value: values[i] })),
      scale,
    );
    expect(built.departements.every((d) => built.legend.some((c) => c.fill === d.fill))).toBe(true);
    expect(new Set(built.departements.map((d) => d.fill)).size).toBe(5);
  });
});
