// The distribution half of the demo: the sample territorial lists (labelled as samples), a
// campaign open for ordering, its €40M split over the 101 départements by population, with a
// move from the reserve on the ledger so the admin sees one, a dozen structures, the campaign's
// eligibility rules, the catalogue's orderable kits, the makers who build them, and orders in
// every state of their life cycle.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type postgres from "postgres";
import { createCampaign } from "../app/envelope/campaigns.server";
import { moveFunds } from "../app/envelope/ledger.server";
import { importTerritorialList } from "../app/territories/lists.server";
import { seedDemoCatalogue } from "./demo-catalogue";
import { seedDemoStructures } from "./demo-structures";
import { seedDemoEligibility } from "./demo-eligibility";
import { seedDemoMakers } from "./demo-makers";
import { seedDemoOrders } from "./demo-orders";

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), "samples");

export async function seedDemoDistribution(sql: postgres.Sql, adminId: number, now: Date) {
  const sampleSource = "Échantillon de démonstration (db/samples), pas une donnée officielle";
  await importTerritorialList(
    {
      name: "France Ruralités Revitalisation",
      source: sampleSource,
      validFrom: "2025-07-01",
      isSample: true,
      fileText: readFileSync(path.join(samples, "frr-echantillon.csv"), "utf8"),
      actorId: adminId,
      now,
    },
    sql,
  );
  await importTerritorialList(
    {
      name: "Communes avec un quartier prioritaire (QPV)",
      source: sampleSource,
      validFrom: "2024-01-01",
      isSample: true,
      fileText: readFileSync(path.join(samples, "qpv-echantillon.csv"), "utf8"),
      actorId: adminId,
      now,
    },
    sql,
  );
  const day = 24 * 3600 * 1000;
  const campaign = await createCampaign(
    {
      name: "Distribution des kits lauréats",
      nationalCapCents: 40_000_000_00,
      reserve: { percent: 5 },
      opensAt: new Date(now.getTime() - 7 * day),
      closesAt: new Date(now.getTime() + 180 * day),
      actorId: adminId,
      now,
    },
    sql,
  );
  await moveFunds(
    {
      campaignId: campaign.id,
      from: "reserve",
      to: { departementCode: "15" },
      cents: 50_000_00,
      reason: "Démonstration : renfort du Cantal, territoire pilote",
      actorId: adminId,
      now,
    },
    sql,
  );
  await seedDemoStructures(sql, adminId, now);
  await seedDemoEligibility(sql, { campaignId: campaign.id, adminId, now });
  await seedDemoCatalogue(sql, { campaignId: campaign.id, adminId, now });
  await seedDemoMakers(sql, adminId, now);
  await seedDemoOrders(sql, { campaignId: campaign.id, adminId, now });
}
