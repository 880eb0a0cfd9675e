// The public figures on PostgreSQL, against a small programme worked out by hand
// (tests/support/programme-figures-world.ts): only units received with a service fait count as
// delivered, waiting, rejected and cancelled orders weigh only where they must.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { departementFigures, nationalFigures, sharedNationalFigures, STRUCTURES_PAGE_SIZE } from "~/programme-figures/figures.server";
import { createStructure } from "../../support/fixtures";
import { programmeWorld, type ProgrammeWorld } from "../../support/programme-figures-world";
import { rejectionOf } from "../../support/rejection";

let programme: ProgrammeWorld;

beforeAll(async () => {
  expect(await nationalFigures()).toBeNull();
  programme = await programmeWorld(db);
});

describe("the national figures", () => {
  test("the envelope: the split adds up to the cap less the reserve; reserved, committed and spent as the orders left them", async () => {
    const figures = (await nationalFigures())!;
    const { campaign } = programme.world;
    expect(figures.campaign).toMatchObject({ id: campaign.id, nationalCapCents: 40_000_000_00, reserveCents: campaign.reserveCents });
    expect(figures.money).toEqual({
      capCents: 40_000_000_00 - campaign.reserveCents,
      reservedCents: 6_450,
      committedCents: 19_900,
      spentCents: 59_150 + 19_350 + 19_900,
    });
  });

  test("kits delivered are the units received, by département and by kind of structure", async () => {
    const figures = (await nationalFigures())!;
    expect(figures.kitsDelivered).toBe(9);
    expect(figures.structuresEquipped).toBe(3);
    expect(figures.departements).toHaveLength(101);
    expect(figures.departements.find((d) => d.code === "35")).toMatchObject({
      name: "Ille-et-Vilaine",
      kitsDelivered: 8,
      structuresEquipped: 2,
      reservedCents: 6_450,
      committedCents: 19_900,
      spentCents: 78_500,
    });
    expect(figures.departements.find((d) => d.code === "15")).toMatchObject({
      name: "Cantal",
      kitsDelivered: 1,
      structuresEquipped: 1,
      spentCents: 19_900,
    });
    expect(figures.departements.filter((d) => d.kitsDelivered > 0).map((d) => d.code)).toEqual(["15", "35"]);
    expect(figures.departements.map((d) => d.code).slice(18, 22)).toEqual(["19", "2A", "2B", "21"]);
    expect(figures.byKind.filter((k) => k.structures > 0)).toEqual([
      { kind: "library", label: "Bibliothèque ou médiathèque", structures: 2, units: 8 },
      { kind: "france_services", label: "France Services", structures: 1, units: 1 },
    ]);
    expect(figures.byKind).toHaveLength(9);
  });

  test("requests arriving together share one read of the national figures, and the time it was made", async () => {
    const first = sharedNationalFigures();
    const second = sharedNationalFigures();
    expect(second).toBe(first);
    const { figures, readAt } = await first;
    expect(figures).toEqual(await nationalFigures());
    expect(readAt).toBeInstanceOf(Date);
  });
});

describe("a département's figures", () => {
  test("its allocation, kits by commune, structures equipped and makers", async () => {
    const figures = await departementFigures("35", 1);
    expect(figures.departement).toEqual({ code: "35", name: "Ille-et-Vilaine" });
    expect(figures.money).toMatchObject({ reservedCents: 6_450, committedCents: 19_900, spentCents: 78_500 });
    const [allocation]: [{ capCents: number }] = await db`
      select cap_cents from allocations where campaign_id = ${programme.world.campaign.id} and departement_code = '35'`;
    expect(figures.money.capCents).toBe(allocation.capCents);
    expect(figures.kitsDelivered).toBe(8);
    expect(figures.communes).toEqual([
      { inseeCode: "35238", name: "Rennes", structures: 1, units: 5 },
      { inseeCode: "35288", name: "Saint-Malo", structures: 1, units: 3 },
    ]);
    expect(figures.structures).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(figures.structures.items.map(({ legalName, communeName, units }) => ({ legalName, communeName, units }))).toEqual([
      { legalName: "Médiathèque des Champs Libres", communeName: "Rennes", units: 5 },
      { legalName: "Médiathèque La Grande Passerelle", communeName: "Saint-Malo", units: 3 },
    ]);
    expect(figures.makers).toEqual([
      expect.objectContaining({ id: programme.rennesFablab.makerId, kind: "fablab", communeName: "Rennes", covers: true, units: 8 }),
    ]);

    const cantal = await departementFigures("15", 1);
    expect(cantal.makers).toEqual([
      expect.objectContaining({ id: programme.aurillacMaker.makerId, communeName: "Aurillac", covers: true, units: 1 }),
    ]);
    expect(cantal.structures.items.map((s) => s.legalName)).toEqual(["France Services d'Aurillac"]);
  });

  test("a département with nothing delivered has its allocation and empty lists", async () => {
    const lozere = await departementFigures("48", 1);
    expect(lozere.money).toMatchObject({ reservedCents: 0, committedCents: 0, spentCents: 0 });
    expect(lozere.money.capCents).toBeGreaterThan(0);
    expect(lozere).toMatchObject({ kitsDelivered: 0, communes: [], makers: [], structures: { items: [], total: 0, pageCount: 1 } });
  });

  test("structures equipped come by pages, the count kept beyond the last one", async () => {
    expect(STRUCTURES_PAGE_SIZE).toBe(50);
    const beyond = await departementFigures("35", 7);
    expect(beyond.structures).toMatchObject({ items: [], total: 2, page: 7, pageCount: 1 });
  });

  test("an unknown or hostile code is not found", async () => {
    for (const code of [
      "",
      "20",
      "99",
      "2a",
      "975",
      "977",
      "1",
      "035",
      "35 ",
      "__proto__",
      "constructor",
      "35\u0000",
      "' or 1=1 --",
      "9".repeat(400),
    ]) {
      expect(await rejectionOf(departementFigures(code, 1)), JSON.stringify(code)).toBeInstanceOf(NotFound);
    }
  });

  test("a structure registered but never delivered is not listed", async () => {
    await createStructure(db, { communeCode: "35238", status: "verified", legalName: "Bibliothèque sans commande" });
    const figures = await departementFigures("35", 1);
    expect(figures.structures.items.map((s) => s.legalName)).not.toContain("Bibliothèque sans commande");
  });
});
