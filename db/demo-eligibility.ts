// The demo campaign's rules: every kind but « autre structure », in the communes of the sample
// lists (FRR and QPV), France Services sites wherever they are, and a cap per structure.
import type postgres from "postgres";
import { setRules } from "../app/eligibility/rules.server";
import { structureKinds } from "../app/structures/kinds";
import { listTerritorialLists } from "../app/territories/lists.server";

export async function seedDemoEligibility(sql: postgres.Sql, input: { campaignId: number; adminId: number; now: Date }) {
  const samples = (await listTerritorialLists(sql)).filter((list) => list.isSample);
  await setRules(
    {
      campaignId: input.campaignId,
      allowedKinds: structureKinds.filter((kind) => kind !== "other"),
      territory: "lists",
      listIds: samples.map((list) => list.id),
      franceServicesEverywhere: true,
      capCents: 2_000_00,
      capUnits: 10,
      reason: "Démonstration : les règles du programme, sur les listes d'exemple",
      actorId: input.adminId,
      now: input.now,
    },
    sql,
  );
}
