// Where a catalogue kit can be built: the départements covered by at least one maker approved for
// it and not paused, with how many makers; the public list filtered by such a département.
import { beforeAll, expect, test } from "vitest";
import { findKit, listCatalogue } from "~/catalogue/catalogue.server";
import { db } from "~/infra/db.server";
import { registerMaker, requestKits, setPaused } from "~/makers/makers.server";
import { makerFor } from "../../support/fulfilment-world";
import { createPerson, validSiret } from "../../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";

let world: OrdersWorld;
let slugs: { coffret: string; jeu: string };

beforeAll(async () => {
  world = await ordersWorld(db);
  await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35", "15"] });
  await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35", "2A"] });
  const paused = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["75"] });
  await setPaused({ makerId: paused.makerId, kitId: world.coffret.kitId, userId: paused.memberId, paused: true, now: world.now });
  // Asked, never approved: it covers nothing.
  const asking = await createPerson(db, { roles: [] });
  const makerId = await registerMaker(
    {
      siret: validSiret(),
      name: "Atelier en attente",
      kind: "company",
      commune: "13055",
      contactName: "Zoé",
      contactPhone: "0491000000",
      actorId: asking.id,
      now: world.now,
    },
    db,
  );
  await requestKits({ makerId, userId: asking.id, kitIds: [world.jeu.kitId], now: world.now }, db);
  const [coffret, jeu] = await db<{ slug: string }[]>`
    select slug from catalogue_kits where id in (${world.coffret.kitId}, ${world.jeu.kitId}) order by id = ${world.jeu.kitId}`;
  slugs = { coffret: coffret.slug, jeu: jeu.slug };
});

test("a kit's page lists the départements covered by makers approved and not paused, with how many makers", async () => {
  const { kit: coffret } = await findKit(slugs.coffret);
  expect(coffret.coverage).toEqual([
    { code: "15", name: "Cantal", makers: 1 },
    { code: "2A", name: "Corse-du-Sud", makers: 1 },
    { code: "35", name: "Ille-et-Vilaine", makers: 2 },
  ]);
  expect(coffret.makers).toBe(2);
  const { kit: jeu } = await findKit(slugs.jeu);
  expect(jeu.coverage.map((departement) => departement.code)).toEqual(["15", "35"]);
  expect(jeu.makers).toBe(1);
});

test("the list filters by a covered département; the choices are the covered ones; another value is ignored", async () => {
  const all = await listCatalogue({});
  expect(all.departements).toEqual([
    { code: "15", name: "Cantal" },
    { code: "2A", name: "Corse-du-Sud" },
    { code: "35", name: "Ille-et-Vilaine" },
  ]);
  const corsica = await listCatalogue({ departement: "2A" });
  expect(corsica.filters.departement).toBe("2A");
  expect(corsica.kits.map((kit) => kit.slug)).toEqual([slugs.coffret]);
  expect((await listCatalogue({ departement: "15" })).kits.map((kit) => kit.slug).sort()).toEqual([slugs.coffret, slugs.jeu].sort());
  for (const ignored of ["75", "13", "99", "__proto__"]) {
    const catalogue = await listCatalogue({ departement: ignored });
    expect(catalogue.filters.departement).toBeNull();
    expect(catalogue.kits).toHaveLength(2);
  }
});
