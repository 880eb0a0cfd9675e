import { beforeAll, describe, expect, test } from "vitest";
import { createCampaign, listAllocations, type Campaign } from "~/envelope/campaigns.server";
import { moveFunds, verifyLedger } from "~/envelope/ledger.server";
import { db } from "~/infra/db.server";
import { Conflict, Refused } from "~/infra/domain-errors";
import { reserveOnLedger } from "../../support/ledger-reservation";
import { rejectionOf } from "../../support/rejection";

const now = new Date("2026-03-02T09:00:00Z");
const FORTY_MILLION = 4_000_000_000;
let adminId: number;

beforeAll(async () => {
  const [admin] = await db<
    { id: number }[]
  >`insert into users (email, name, password_hash) values ('envelope-admin@exemple.fr', 'Admin enveloppe', 'x') returning id`;
  adminId = admin.id;
});

function newCampaign(overrides: Partial<Parameters<typeof createCampaign>[0]> = {}) {
  return createCampaign({
    name: "Campagne de test",
    nationalCapCents: FORTY_MILLION,
    reserve: { percent: 5 },
    opensAt: new Date("2026-04-01T08:00:00Z"),
    closesAt: new Date("2026-10-01T20:00:00Z"),
    actorId: adminId,
    now,
    ...overrides,
  });
}

async function envelopeState(campaign: Campaign) {
  const [row] = await db<{ reserve: number; caps: number; negatives: number; over: number }[]>`
    select c.reserve_cents as reserve, sum(a.cap_cents)::bigint as caps,
           count(*) filter (where a.cap_cents < 0 or a.reserved_cents < 0)::int as negatives,
           count(*) filter (where a.reserved_cents + a.committed_cents + a.spent_cents > a.cap_cents)::int as over
    from distribution_campaigns c join allocations a on a.campaign_id = c.id
    where c.id = ${campaign.id} group by c.reserve_cents`;
  return row;
}

describe("opening a campaign", () => {
  test("the cap less a 5 % reserve is split over the 101 départements by population, to the cent, on the ledger", async () => {
    const campaign = await newCampaign();
    expect(campaign).toMatchObject({ nationalCapCents: FORTY_MILLION, reserveCents: 200_000_000, weightYear: 2023 });
    const allocations = await listAllocations(campaign.id);
    expect(allocations).toHaveLength(101);
    expect(allocations.reduce((total, a) => total + a.capCents, 0)).toBe(FORTY_MILLION - 200_000_000);
    const paris = allocations.find((a) => a.departementCode === "75")!;
    const lozere = allocations.find((a) => a.departementCode === "48")!;
    expect(paris.capCents).toBeGreaterThan(lozere.capCents * 20);
    expect(allocations.map((a) => a.departementCode).slice(18, 22)).toEqual(["19", "2A", "2B", "21"]);
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("a weight table missing départements, or a floor the cap cannot meet, is refused and saves nothing", async () => {
    const [before] = await db`select count(*)::int as campaigns from distribution_campaigns`;
    const partial = await rejectionOf(
      newCampaign({ weights: { fileText: "code_departement;poids\n01;10\n", source: "Table incomplète", year: 2026 } }),
    );
    expect(partial).toBeInstanceOf(Refused);
    expect((partial as Refused).field).toBe("file");
    const floor = await rejectionOf(newCampaign({ floorCents: 50_000_000 }));
    expect((floor as Refused).field).toBe("floor");
    const [after] = await db`select count(*)::int as campaigns from distribution_campaigns`;
    expect(after).toEqual(before);
  });
});

describe("moving money", () => {
  test("from a département to the reserve and back, each move on the ledger with its reason", async () => {
    const campaign = await newCampaign();
    const lozereBefore = (await listAllocations(campaign.id)).find((a) => a.departementCode === "48")!.capCents;
    await moveFunds({
      campaignId: campaign.id,
      from: { departementCode: "48" },
      to: "reserve",
      cents: 10_000,
      reason: "Ajustement",
      actorId: adminId,
      now,
    });
    await moveFunds({
      campaignId: campaign.id,
      from: "reserve",
      to: { departementCode: "2A" },
      cents: 25_000,
      reason: "Renfort Corse-du-Sud",
      actorId: adminId,
      now,
    });
    expect((await listAllocations(campaign.id)).find((a) => a.departementCode === "48")!.capCents).toBe(lozereBefore - 10_000);
    expect(await envelopeState(campaign)).toMatchObject({ reserve: 200_000_000 - 15_000, caps: FORTY_MILLION - 200_000_000 + 15_000 });
    const reasons = await db`select reason from ledger_entries where campaign_id = ${campaign.id} and kind = 'move' order by id`;
    expect(reasons.map((r) => r.reason)).toEqual(["Ajustement", "Ajustement", "Renfort Corse-du-Sud", "Renfort Corse-du-Sud"]);
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("a move never takes a département below what its orders hold, nor the reserve below zero", async () => {
    const campaign = await newCampaign({ reserve: { cents: 1_000 } });
    const cap = (await listAllocations(campaign.id)).find((a) => a.departementCode === "23")!.capCents;
    await db.begin((tx) => reserveOnLedger(tx, { campaignId: campaign.id, departementCode: "23", cents: cap - 500, at: now }));
    const tooMuch = await rejectionOf(
      moveFunds({ campaignId: campaign.id, from: { departementCode: "23" }, to: "reserve", cents: 501, reason: "Trop", actorId: adminId, now }),
    );
    expect(tooMuch).toBeInstanceOf(Conflict);
    expect((tooMuch as Conflict).message).toContain("ne peut céder que 5,00");
    await moveFunds({
      campaignId: campaign.id,
      from: { departementCode: "23" },
      to: "reserve",
      cents: 500,
      reason: "Tout ce qui reste",
      actorId: adminId,
      now,
    });
    const emptyReserve = await rejectionOf(
      moveFunds({ campaignId: campaign.id, from: "reserve", to: { departementCode: "01" }, cents: 1_501, reason: "Trop", actorId: adminId, now }),
    );
    expect(emptyReserve).toBeInstanceOf(Conflict);
    for (const bad of [0, -5, 1.5]) {
      expect(
        await rejectionOf(
          moveFunds({
            campaignId: campaign.id,
            from: "reserve",
            to: { departementCode: "01" },
            cents: bad,
            reason: "Mauvais",
            actorId: adminId,
            now,
          }),
        ),
      ).toBeInstanceOf(Refused);
    }
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("many admins moving money at once never break an invariant", async () => {
    const campaign = await newCampaign({ reserve: { cents: 100_000 } });
    const accounts = ["reserve", { departementCode: "01" }, { departementCode: "2B" }, { departementCode: "974" }] as const;
    const moves = Array.from({ length: 40 }, (_, i) =>
      moveFunds({
        campaignId: campaign.id,
        from: accounts[i % 4],
        to: accounts[(i + 1 + (i % 3)) % 4],
        cents: 30_000 + i,
        reason: `Mouvement concurrent ${i}`,
        actorId: adminId,
        now,
      }).then(
        () => "done",
        (error: unknown) => (error instanceof Conflict ? "refused" : Promise.reject(error)),
      ),
    );
    const outcomes = await Promise.all(moves);
    expect(outcomes.filter((o) => o === "done").length).toBeGreaterThan(0);
    expect(await envelopeState(campaign)).toMatchObject({ negatives: 0, over: 0 });
    const state = await envelopeState(campaign);
    expect(Number(state.reserve) + Number(state.caps)).toBe(FORTY_MILLION);
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });
});

describe("what the database itself refuses", () => {
  test("a euro created or lost by hand fails at commit; the ledger cannot be rewritten; a counter over its cap is refused", async () => {
    const campaign = await newCampaign();
    const unbalanced = await rejectionOf(
      db`update allocations set cap_cents = cap_cents + 1 where campaign_id = ${campaign.id} and departement_code = '01'`,
    );
    expect(unbalanced).toMatchObject({ code: "23514" });
    expect(await rejectionOf(db`update ledger_entries set cap_delta = cap_delta + 1 where campaign_id = ${campaign.id}`)).toMatchObject({
      code: "P0001",
    });
    expect(await rejectionOf(db`delete from ledger_entries where campaign_id = ${campaign.id}`)).toMatchObject({ code: "P0001" });
    const over = await rejectionOf(
      db`update allocations set reserved_cents = cap_cents + 1 where campaign_id = ${campaign.id} and departement_code = '01'`,
    );
    expect(over).toMatchObject({ code: "23514", constraint_name: "allocation_within_cap" });
    expect(await verifyLedger(campaign.id)).toEqual([]);
  });

  test("the ledger verification names a counter altered by hand", async () => {
    const campaign = await newCampaign();
    await db`update allocations set committed_cents = committed_cents + 700 where campaign_id = ${campaign.id} and departement_code = '971'`;
    await db.begin(async (tx) => {
      await tx`update allocations set cap_cents = cap_cents + 300 where campaign_id = ${campaign.id} and departement_code = '02'`;
      await tx`update distribution_campaigns set reserve_cents = reserve_cents - 300 where id = ${campaign.id}`;
    });
    const differences = await verifyLedger(campaign.id);
    expect(differences).toEqual([
      { account: "réserve nationale", counter: "réserve", counted: 200_000_000 - 300, ledger: 200_000_000 },
      expect.objectContaining({ account: "02", counter: "plafond" }),
      { account: "971", counter: "engagé", counted: 700, ledger: 0 },
    ]);
  });
});
