// The catalogue of the demo: the laureates of the pilot contest's published results become
// catalogue kits, orderable in the demo campaign at the unit price the jury retained, with
// plausible lead times (a coffret to assemble takes longer than a board game to print).
import type postgres from "postgres";
import { addKit, listLaureatesForAdmin, setOffer } from "../app/catalogue/kits.server";

const leadTimes: { title: RegExp; leadTimeDays: number }[] = [
  { title: /Mes papiers en ligne/, leadTimeDays: 21 },
  { title: /Vrai ou faux/, leadTimeDays: 14 },
];

export async function seedDemoCatalogue(sql: postgres.Sql, input: { campaignId: number; adminId: number; now: Date }) {
  for (const laureate of await listLaureatesForAdmin(input.campaignId, sql)) {
    const kit = await addKit({ proposalId: laureate.proposalId, actorId: input.adminId, now: input.now }, sql);
    const plan = leadTimes.find((entry) => entry.title.test(laureate.title));
    await setOffer(
      {
        campaignId: input.campaignId,
        kitId: kit.id,
        unitPriceCents: laureate.juryUnitPriceCents,
        leadTimeDays: plan?.leadTimeDays ?? laureate.proposedLeadTimeDays ?? 30,
        orderable: true,
        actorId: input.adminId,
        now: input.now,
      },
      sql,
    );
  }
}
