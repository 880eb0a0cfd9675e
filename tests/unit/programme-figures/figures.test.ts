import { describe, expect, test } from "vitest";
import { figuresMap, formatKits, nationalShape } from "~/programme-figures/figures";

const money = (capCents: number, spentCents = 0) => ({ capCents, reservedCents: 100, committedCents: 200, spentCents });

describe("the national figures' shape", () => {
  const shape = nationalShape(
    [
      { code: "15", name: "Cantal", ...money(1_000_00, 199_00) },
      { code: "35", name: "Ille-et-Vilaine", ...money(5_000_00, 785_00) },
      { code: "48", name: "Lozère", ...money(500_00) },
    ],
    [
      { departementCode: "35", kind: "library", structures: 2, units: 8 },
      { departementCode: "35", kind: "france_services", structures: 1, units: 2 },
      { departementCode: "15", kind: "france_services", structures: 1, units: 1 },
    ],
  );

  test("the allocations add up, each département with its kits and structures equipped, none left out", () => {
    expect(shape.money).toEqual({ capCents: 6_500_00, reservedCents: 300, committedCents: 600, spentCents: 984_00 });
    expect(shape.kitsDelivered).toBe(11);
    expect(shape.structuresEquipped).toBe(4);
    expect(shape.departements.map((d) => [d.code, d.kitsDelivered, d.structuresEquipped])).toEqual([
      ["15", 1, 1],
      ["35", 10, 3],
      ["48", 0, 0],
    ]);
  });

  test("every kind of structure in the form's order, those with nothing at zero", () => {
    expect(shape.byKind.map((k) => k.kind)).toEqual([
      "library",
      "town_hall",
      "social_action_centre",
      "care_home",
      "association",
      "social_centre",
      "third_place",
      "france_services",
      "other",
    ]);
    expect(shape.byKind.find((k) => k.kind === "france_services")).toEqual({
      kind: "france_services",
      label: "France Services",
      structures: 2,
      units: 3,
    });
    expect(shape.byKind.find((k) => k.kind === "town_hall")).toMatchObject({ structures: 0, units: 0 });
  });

  test("the map of either measure names each département's value in French", () => {
    const kits = figuresMap(shape.departements, "kits");
    expect(shape.departements.map(kits.describe)).toEqual([
      "15 — Cantal : 1 kit livré",
      "35 — Ille-et-Vilaine : 10 kits livrés",
      "48 — Lozère : 0 kit livré",
    ]);
    expect(kits.map.legend[0].label).toBe("Aucun kit livré");
    const euros = figuresMap(shape.departements, "euros");
    expect(euros.describe(shape.departements[1])).toMatch(/^35 — Ille-et-Vilaine : 785,00[\s\u202f]€ dépensés$/);
    expect(euros.map.legend[0].label).toBe("Rien de dépensé");
    expect(formatKits(12_345)).toMatch(/^12[\s\u202f]345 kits$/);
  });
});
