import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { departementDistanceKm, isOverseas, pathCentroid } from "~/routing/distances";
import { planRoutes, type LineToRoute, type MakerOffer } from "~/routing/route-plan";

const DEPARTEMENTS = ["35", "29", "75", "13", "2A", "971"];

const departementArb = fc.constantFrom(...DEPARTEMENTS);

/** Up to `maxLines` lines, one per (order, kit), and up to `maxOffers` offers, one per (maker, kit). */
function instanceArb(maxLines: number, maxOffers: number, maxUnits: number) {
  const lines = fc.uniqueArray(
    fc.record({
      orderId: fc.integer({ min: 1, max: 6 }),
      kitId: fc.integer({ min: 1, max: 2 }),
      units: fc.integer({ min: 1, max: maxUnits }),
      departement: departementArb,
    }),
    { maxLength: maxLines, selector: (line) => `${line.orderId}|${line.kitId}` },
  );
  const offers = fc.uniqueArray(
    fc.record({
      makerId: fc.integer({ min: 1, max: 5 }),
      kitId: fc.integer({ min: 1, max: 2 }),
      makerDepartement: departementArb,
      departements: fc.uniqueArray(departementArb, { minLength: 1, maxLength: 4 }),
      remainingUnits: fc.integer({ min: 0, max: maxUnits + 1 }),
      paused: fc.boolean(),
    }),
    { maxLength: maxOffers, selector: (offer) => `${offer.makerId}|${offer.kitId}` },
  );
  return fc.tuple(lines, offers, fc.integer());
}

/** The distance at which the offer may serve the département, by the rules as written in the brief. */
function allowedDistance(offer: MakerOffer, departement: string): number | null {
  if (offer.paused || !offer.departements.includes(departement)) return null;
  if ((isOverseas(departement) || isOverseas(offer.makerDepartement)) && departement !== offer.makerDepartement) return null;
  return departementDistanceKm(offer.makerDepartement, departement);
}

/** Every way to give each line's units to the offers allowed to serve it: the most units, then the least cost. */
function bruteForce(lines: readonly LineToRoute[], offers: readonly MakerOffer[]): { units: number; cost: number } {
  const left = offers.map((offer) => offer.remainingUnits);
  let best = { units: 0, cost: 0 };
  const visit = (l: number, units: number, cost: number) => {
    if (l === lines.length) {
      if (units > best.units || (units === best.units && cost < best.cost)) best = { units, cost };
      return;
    }
    const line = lines[l];
    const choices = offers.flatMap((offer, o) => {
      const distance = offer.kitId === line.kitId ? allowedDistance(offer, line.departement) : null;
      return distance === null ? [] : [{ o, distance }];
    });
    // Give the line's units among its choices, leaving some unrouted.
    const give = (c: number, wanted: number, units: number, cost: number) => {
      if (c === choices.length) return visit(l + 1, units, cost);
      const { o, distance } = choices[c];
      for (let n = 0; n <= Math.min(wanted, left[o]); n++) {
        left[o] -= n;
        give(c + 1, wanted - n, units + n, cost + n * distance);
        left[o] += n;
      }
    };
    give(0, line.units, units, cost);
  };
  visit(0, 0, 0);
  return best;
}

describe("planRoutes", () => {
  test.prop([instanceArb(8, 6, 20)])(
    "every routed unit goes to a maker building the kit, covering the département, not paused",
    ([lines, offers, seed]) => {
      const plan = planRoutes(lines, offers, seed);
      for (const route of plan.routes) {
        const line = lines.find((l) => l.orderId === route.orderId && l.kitId === route.kitId)!;
        const offer = offers.find((o) => o.makerId === route.makerId && o.kitId === route.kitId);
        expect(offer).toBeDefined();
        expect(allowedDistance(offer!, line.departement)).toBe(route.distanceKm);
        expect(route.units).toBeGreaterThan(0);
      }
    },
  );

  test.prop([instanceArb(8, 6, 20)])("no maker's month is given more than it has left", ([lines, offers, seed]) => {
    const plan = planRoutes(lines, offers, seed);
    for (const offer of offers) {
      const given = plan.routes.filter((r) => r.makerId === offer.makerId && r.kitId === offer.kitId).reduce((sum, r) => sum + r.units, 0);
      expect(given).toBeLessThanOrEqual(offer.remainingUnits);
    }
  });

  test.prop([instanceArb(8, 6, 20)])("each line's units are routed or explained, never both nor lost", ([lines, offers, seed]) => {
    const plan = planRoutes(lines, offers, seed);
    for (const line of lines) {
      const routed = plan.routes.filter((r) => r.orderId === line.orderId && r.kitId === line.kitId).reduce((sum, r) => sum + r.units, 0);
      const missing = plan.unrouted.filter((u) => u.orderId === line.orderId && u.kitId === line.kitId);
      expect(missing.length).toBeLessThanOrEqual(1);
      expect(routed + (missing[0]?.units ?? 0)).toBe(line.units);
    }
    expect(plan.routedUnits).toBe(plan.routes.reduce((sum, r) => sum + r.units, 0));
    expect(plan.totalCost).toBe(plan.routes.reduce((sum, r) => sum + r.units * r.distanceKm, 0));
  });

  test.prop([instanceArb(4, 3, 3)], { numRuns: 200 })("routes as many units as brute force can, at the same least cost", ([lines, offers, seed]) => {
    const plan = planRoutes(lines, offers, seed);
    expect({ units: plan.routedUnits, cost: plan.totalCost }).toEqual(bruteForce(lines, offers));
  });

  test.prop([instanceArb(8, 6, 20)])(
    "an unrouted line says why: no maker, all paused, or the month's capacity, with the units missing",
    ([lines, offers, seed]) => {
      const plan = planRoutes(lines, offers, seed);
      for (const unrouted of plan.unrouted) {
        const covering = offers.filter((o) => o.kitId === unrouted.kitId && allowedDistance({ ...o, paused: false }, unrouted.departement) !== null);
        const expected = covering.length === 0 ? "no_maker" : covering.every((o) => o.paused) ? "paused" : "capacity";
        expect(unrouted.cause).toBe(expected);
        expect(unrouted.reason).toContain(`département ${unrouted.departement}`);
        if (expected === "capacity") {
          expect(unrouted.reason).toContain(`il manque ${unrouted.units} unité`);
          // Every maker that could serve it has nothing left once the plan is applied.
          for (const offer of covering.filter((o) => !o.paused)) {
            const given = plan.routes.filter((r) => r.makerId === offer.makerId && r.kitId === offer.kitId).reduce((sum, r) => sum + r.units, 0);
            expect(given).toBe(offer.remainingUnits);
          }
        }
      }
    },
  );

  test.prop([instanceArb(8, 6, 20)])("the same seed gives the same plan", ([lines, offers, seed]) => {
    expect(planRoutes(lines, offers, seed)).toEqual(planRoutes(lines, offers, seed));
  });

  const offer = (makerId: number, makerDepartement: string, departements: string[], remainingUnits = 10, paused = false): MakerOffer => ({
    makerId,
    kitId: 1,
    makerDepartement,
    departements,
    remainingUnits,
    paused,
  });

  test("the nearer maker builds the units, the farther one only what the nearer cannot take", () => {
    const plan = planRoutes([{ orderId: 1, kitId: 1, units: 15, departement: "35" }], [offer(1, "13", ["35"]), offer(2, "29", ["35"])], 7);
    expect(plan.routes.map(({ makerId, units }) => ({ makerId, units }))).toEqual([
      { makerId: 2, units: 10 },
      { makerId: 1, units: 5 },
    ]);
  });

  test("equally near makers are chosen by the seed, and the choice is recorded by it", () => {
    const lines = [{ orderId: 1, kitId: 1, units: 1, departement: "35" }];
    const twins = [offer(1, "35", ["35"]), offer(2, "35", ["35"])];
    const chosen = new Set(Array.from({ length: 32 }, (_, seed) => planRoutes(lines, twins, seed).routes[0].makerId));
    expect(chosen).toEqual(new Set([1, 2]));
  });

  test("an overseas structure is served only by a maker of its own département, and an overseas maker only there", () => {
    const lines = [
      { orderId: 1, kitId: 1, units: 2, departement: "971" },
      { orderId: 2, kitId: 1, units: 2, departement: "35" },
    ];
    const plan = planRoutes(lines, [offer(1, "75", ["971"]), offer(2, "971", ["35"])], 1);
    expect(plan.routes).toEqual([]);
    expect(plan.unrouted.map((u) => u.reason)).toEqual([
      "Aucun fabricant installé dans le département 971 ne livre ce kit : un département d'outre-mer n'est servi que par les fabricants qui y sont installés.",
      "Aucun fabricant ne livre ce kit dans le département 35.",
    ]);
    const local = planRoutes(lines, [offer(3, "971", ["971"])], 1);
    expect(local.routes).toEqual([{ orderId: 1, kitId: 1, makerId: 3, units: 2, distanceKm: 0 }]);
  });

  test("paused makers and exhausted months are told apart", () => {
    const line = { orderId: 1, kitId: 1, units: 5, departement: "35" };
    expect(planRoutes([line], [offer(1, "35", ["35"], 10, true)], 1).unrouted[0].reason).toBe(
      "Le seul fabricant qui livre ce kit dans le département 35 est en pause.",
    );
    expect(planRoutes([line], [offer(1, "35", ["35"], 3), offer(2, "29", ["35"], 0), offer(3, "56", ["35"], 9, true)], 1).unrouted[0]).toMatchObject({
      units: 2,
      cause: "capacity",
      reason:
        "Les 2 fabricants qui livrent ce kit dans le département 35 (hors 1 fabricant en pause) ont épuisé leur capacité de ce mois : il manque 2 unités pour cette ligne.",
    });
  });

  test("a maker whose share of the order can no longer grow is passed over, and the line says so when no other is left", () => {
    const line = { orderId: 1, kitId: 1, units: 2, departement: "35", excludedMakers: [1] };
    expect(planRoutes([line], [offer(1, "35", ["35"]), offer(2, "13", ["35"])], 1).routes.map((r) => r.makerId)).toEqual([2]);
    expect(planRoutes([line], [offer(1, "35", ["35"])], 1).unrouted[0]).toMatchObject({ units: 2, cause: "busy" });
  });

  test("older orders, given first, are served first when a month runs short", () => {
    const lines = [1, 2, 3].map((orderId) => ({ orderId, kitId: 1, units: 4, departement: "35" }));
    const plan = planRoutes(lines, [offer(1, "35", ["35"], 6)], 1);
    expect(plan.routes.map(({ orderId, units }) => ({ orderId, units }))).toEqual([
      { orderId: 1, units: 4 },
      { orderId: 2, units: 2 },
    ]);
    expect(plan.unrouted.map(({ orderId, units }) => ({ orderId, units }))).toEqual([
      { orderId: 2, units: 2 },
      { orderId: 3, units: 4 },
    ]);
  });
});

describe("departementDistanceKm", () => {
  test("centroid to centroid, symmetric, zero to itself, about right on known pairs", () => {
    expect(departementDistanceKm("35", "35")).toBe(0);
    expect(departementDistanceKm("75", "13")).toBe(departementDistanceKm("13", "75"));
    // Paris to Marseille is about 660 km as the crow flies; Rennes to Brest about 210 km.
    expect(departementDistanceKm("75", "13")).toBeGreaterThan(600);
    expect(departementDistanceKm("75", "13")).toBeLessThan(720);
    expect(departementDistanceKm("35", "29")).toBeGreaterThan(150);
    expect(departementDistanceKm("35", "29")).toBeLessThan(250);
  });

  test("no distance across the sea: an inset's position on the map is not a place", () => {
    expect(departementDistanceKm("971", "75")).toBeNull();
    expect(departementDistanceKm("974", "976")).toBeNull();
    expect(departementDistanceKm("974", "974")).toBe(0);
  });

  test("the centroid of a square is its centre, whatever the path's commands", () => {
    expect(pathCentroid("m0 0h10v10h-10z")).toEqual({ x: 5, y: 5 });
    expect(pathCentroid("M0 0L10 0L10 10L0 10Z")).toEqual({ x: 5, y: 5 });
  });
});
