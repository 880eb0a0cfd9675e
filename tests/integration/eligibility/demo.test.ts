// The demo's distribution ends with its campaign's rules: every kind but « autre », the sample
// lists, France Services everywhere, a cap per structure — set while ordering is open, with a reason.
import { expect, test } from "vitest";
import { currentRules } from "~/eligibility/rules.server";
import { latestCampaign } from "~/envelope/campaigns.server";
import { db } from "~/infra/db.server";
import { structureKinds } from "~/structures/kinds";
import { seedDemoDistribution } from "../../../db/demo-distribution";
import { createPerson } from "../../support/fixtures";

test("the demo campaign has its rules: every kind but « autre », the two sample lists, France Services everywhere, a cap", async () => {
  const admin = await createPerson(db, { roles: ["admin"], totp: true });
  await seedDemoDistribution(db, admin.id, new Date());
  const campaign = (await latestCampaign())!;
  const rules = (await currentRules(campaign.id))!;
  expect(rules).toMatchObject({ version: 1, territory: "lists", franceServicesEverywhere: true, capCents: 2_000_00, capUnits: 10 });
  expect(rules.allowedKinds).toEqual(structureKinds.filter((kind) => kind !== "other"));
  expect(rules.lists.map((list) => [list.name, list.isSample]).sort()).toEqual([
    ["Communes avec un quartier prioritaire (QPV)", true],
    ["France Ruralités Revitalisation", true],
  ]);
  expect(rules.reason).toContain("Démonstration");
});
