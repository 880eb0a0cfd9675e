// Eligibility rules on PostgreSQL: each change is a new version and the earlier ones stay as they
// were; while ordering is open a change needs its reason; a refused change saves nothing; a
// structure's verdict reads the latest version and the lists containing its commune.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { currentRules, rulesHistory, setRules, structureEligibility, type RulesChange } from "~/eligibility/rules.server";
import { createCampaign, type Campaign } from "~/envelope/campaigns.server";
import { db } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import type { StructureKind } from "~/structures/kinds";
import { importTerritorialList, type TerritorialList } from "~/territories/lists.server";
import { createPerson } from "../../support/fixtures";
import { rejectionOf } from "../../support/rejection";

const day = 24 * 3600 * 1000;
const opensAt = new Date("2026-04-01T07:00:00Z");
const closesAt = new Date("2026-10-01T16:00:00Z");
const beforeOpening = new Date(opensAt.getTime() - day);
const whileOpen = new Date(opensAt.getTime() + day);
let adminId: number;
let frr: TerritorialList;
let qpv: TerritorialList;

beforeAll(async () => {
  adminId = (await createPerson(db, { name: "Gestionnaire éligibilité", roles: ["admin"], totp: true })).id;
  const sample = (name: string, file: string) =>
    importTerritorialList({
      name,
      source: "Échantillon du dépôt",
      validFrom: "2025-07-01",
      isSample: true,
      fileText: readFileSync(`db/samples/${file}`, "utf8"),
      actorId: adminId,
      now: beforeOpening,
    });
  frr = await sample("France Ruralités Revitalisation", "frr-echantillon.csv");
  qpv = await sample("Communes avec un quartier prioritaire", "qpv-echantillon.csv");
});

function newCampaign(): Promise<Campaign> {
  return createCampaign({
    name: "Campagne éligibilité",
    nationalCapCents: 1_000_000_00,
    reserve: { percent: 5 },
    opensAt,
    closesAt,
    actorId: adminId,
    now: beforeOpening,
  });
}

function change(campaign: Campaign, overrides: Partial<RulesChange> = {}): RulesChange {
  return {
    campaignId: campaign.id,
    allowedKinds: ["library", "town_hall", "france_services"],
    territory: "lists",
    listIds: [frr.id, qpv.id],
    franceServicesEverywhere: true,
    capCents: 2_000_00,
    capUnits: 10,
    reason: null,
    actorId: adminId,
    now: beforeOpening,
    ...overrides,
  };
}

const counts = async () =>
  (
    await db<{ rules: number; lists: number; audit: number }[]>`
      select (select count(*) from eligibility_rules)::int as rules, (select count(*) from eligibility_rule_lists)::int as lists,
             (select count(*) from audit_log where action = 'eligibility.rules_set')::int as audit`
  )[0];

// Written as rows: registering and verifying structures belong to their own domain and tests.
let nextSiret = 10_000_000_000_000;
async function structure(kind: StructureKind, communeCode: string, status = "verified") {
  const registeredBy = (await createPerson(db, { roles: ["structure"] })).id;
  const [row] = await db<{ id: number }[]>`
    insert into structures (siret, legal_name, kind, commune_code, address, postal_code, contact_name, contact_phone, status, status_reason, registered_by)
    values (${String(nextSiret++)}, 'Structure de test', ${kind}, ${communeCode},
            '1 place de la Mairie', '00000', 'Camille Contact', '0102030405', ${status},
            ${status === "rejected" || status === "information_requested" ? "Pièce justificative illisible" : null}, ${registeredBy})
    returning id`;
  return row.id;
}

describe("versions of a campaign's rules", () => {
  test("before ordering opens, a first version needs no reason; it is current, with its lists, and audited", async () => {
    const campaign = await newCampaign();
    expect(await currentRules(campaign.id)).toBeUndefined();
    const saved = await setRules(change(campaign));
    expect(saved).toMatchObject({ version: 1, territory: "lists", franceServicesEverywhere: true, capCents: 2_000_00, capUnits: 10, reason: null });
    expect(saved.lists.map((list) => list.name).sort()).toEqual([qpv.name, frr.name].sort());
    expect(saved.createdByName).toBe("Gestionnaire éligibilité");
    expect(await currentRules(campaign.id)).toEqual(saved);
    const [audit] = await db`select subject, data from audit_log where action = 'eligibility.rules_set' order by id desc limit 1`;
    expect(audit).toMatchObject({ subject: `campaign:${campaign.id}`, data: { version: 1, lists: [frr.id, qpv.id].sort((a, b) => a - b) } });
  });

  test("while ordering is open, a change without a reason is refused by the reason field and saves nothing", async () => {
    const campaign = await newCampaign();
    await setRules(change(campaign));
    const before = await counts();
    const refused = await rejectionOf(setRules(change(campaign, { territory: "everywhere", now: whileOpen })));
    expect(refused).toBeInstanceOf(Refused);
    expect((refused as Refused).field).toBe("reason");
    expect((refused as Refused).message).toContain("Les commandes sont ouvertes : indiquez la raison du changement");
    expect(await counts()).toEqual(before);
    // After the closing, the reason is optional again.
    expect((await setRules(change(campaign, { now: closesAt }))).version).toBe(2);
  });

  test("a change is a new version: the earlier ones are kept unchanged, the highest is current", async () => {
    const campaign = await newCampaign();
    await setRules(change(campaign));
    const [first] = await rulesHistory(campaign.id);
    const second = await setRules(
      change(campaign, {
        allowedKinds: ["library"],
        territory: "everywhere",
        capCents: null,
        reason: "Ouverture à tout le territoire",
        now: whileOpen,
      }),
    );
    expect(second).toMatchObject({ version: 2, territory: "everywhere", lists: [], franceServicesEverywhere: false, capCents: null });
    const history = await rulesHistory(campaign.id);
    expect(history.map((version) => version.version)).toEqual([2, 1]);
    expect(history[1]).toEqual(first);
    expect(await currentRules(campaign.id)).toEqual(second);
    // The database itself refuses to rewrite a version.
    expect(await rejectionOf(db`update eligibility_rules set cap_units = 99 where campaign_id = ${campaign.id} and version = 1`)).toBeInstanceOf(
      Error,
    );
    expect(
      await rejectionOf(
        db`delete from eligibility_rule_lists where rule_id in (select id from eligibility_rules where campaign_id = ${campaign.id})`,
      ),
    ).toBeInstanceOf(Error);
    expect((await rulesHistory(campaign.id))[1]).toEqual(first);
  });

  test("bad input is refused by its field and saves nothing: unknown lists, no list, no kind, a cap of zero, a short reason", async () => {
    const campaign = await newCampaign();
    await setRules(change(campaign));
    const before = await counts();
    const fieldOf = async (overrides: Partial<RulesChange>) => ((await rejectionOf(setRules(change(campaign, overrides)))) as Refused).field;
    expect(await fieldOf({ listIds: [frr.id, 99_999_999] })).toBe("lists");
    expect(await fieldOf({ listIds: [] })).toBe("lists");
    expect(await fieldOf({ allowedKinds: [] })).toBe("kinds");
    expect(await fieldOf({ allowedKinds: ["library", "castle" as StructureKind] })).toBe("kinds");
    expect(await fieldOf({ capCents: 0 })).toBe("capEuros");
    expect(await fieldOf({ capUnits: 1.5 })).toBe("capUnits");
    expect(await fieldOf({ reason: "ok" })).toBe("reason");
    expect(await rejectionOf(setRules(change(campaign, { campaignId: 99_999_999 })))).toBeInstanceOf(NotFound);
    expect(await counts()).toEqual(before);
  });

  test("a change started from an older version is refused (409) instead of overwriting the one saved meanwhile", async () => {
    const campaign = await newCampaign();
    await setRules(change(campaign, { basedOn: 0 }));
    await setRules(change(campaign, { basedOn: 1, capUnits: 5 }));
    const stale = await rejectionOf(setRules(change(campaign, { basedOn: 1, capUnits: 20 })));
    expect(stale).toBeInstanceOf(Conflict);
    expect((await currentRules(campaign.id))?.capUnits).toBe(5);
  });

  test("changes made at the same time are numbered one after the other", async () => {
    const campaign = await newCampaign();
    await Promise.all([1, 2, 3, 4, 5].map((units) => setRules(change(campaign, { capUnits: units }))));
    expect((await rulesHistory(campaign.id)).map((version) => version.version)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe("a structure's eligibility", () => {
  test("follows the latest campaign's current rules and the lists containing its commune", async () => {
    const library = await structure("library", "03002"); // Agonges, in the sample FRR list
    const campaign = await newCampaign();
    const unpublished = await structureEligibility(library);
    expect(unpublished.campaign?.id).toBe(campaign.id);
    expect(unpublished.verdict.exclusions.map((e) => e.rule)).toEqual(["rules"]);

    await setRules(change(campaign));
    expect((await structureEligibility(library)).verdict).toEqual({ eligible: true, exclusions: [] });

    const tulle = await structure("library", "19272");
    expect((await structureEligibility(tulle)).verdict.exclusions).toEqual([
      {
        rule: "territory",
        message: expect.stringMatching(/^La commune de Tulle \(19272\) ne figure dans aucune des listes retenues : « .+ » et « .+ »\./),
      },
    ]);
    expect((await structureEligibility(await structure("france_services", "19272"))).verdict.eligible).toBe(true);
    expect((await structureEligibility(await structure("care_home", "75056"))).verdict.exclusions.map((e) => e.message)).toEqual([
      "Les EHPAD et résidences autonomie ne sont pas retenus pour cette campagne.",
    ]);
    expect((await structureEligibility(await structure("library", "75056", "pending"))).verdict).toMatchObject({
      eligible: false,
      exclusions: [{ rule: "verification" }],
    });
  });

  test("an earlier campaign is judged by its own rules when named; unknown ids are not found", async () => {
    const older = await newCampaign();
    await setRules(change(older, { territory: "everywhere" }));
    await newCampaign();
    const tulle = await structure("library", "19272");
    expect((await structureEligibility(tulle, older.id)).verdict.eligible).toBe(true);
    expect((await structureEligibility(tulle)).verdict.exclusions.map((e) => e.rule)).toEqual(["rules"]);
    expect(await rejectionOf(structureEligibility(tulle, 99_999_999))).toBeInstanceOf(NotFound);
    expect(await rejectionOf(structureEligibility(99_999_999))).toBeInstanceOf(NotFound);
  });
});
