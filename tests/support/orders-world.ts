// A campaign open for orders: two laureate kits offered (coffret 199,00 €, jeu 64,50 €), rules
// that let libraries order anywhere within a cap per structure, and helpers for the structures
// and instructors of the orders' tests.
import { randomUUID } from "node:crypto";
import { addKit, setOffer } from "~/catalogue/kits.server";
import { setRules } from "~/eligibility/rules.server";
import type { Campaign } from "~/envelope/campaigns.server";
import type { Sql } from "~/infra/db.server";
import { openCampaign, laureatesWorld } from "./catalogue-world";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { createPerson, createStructure, processedFile } from "./fixtures";
import { noisyJpeg } from "./media-fixtures";

export type OrdersWorld = {
  campaign: Campaign;
  adminId: number;
  coffret: { kitId: number; unitPriceCents: number };
  jeu: { kitId: number; unitPriceCents: number };
  now: Date;
};

export async function ordersWorld(
  sql: Sql,
  options: { capCents?: number | null; capUnits?: number | null; addFiles?: (proposalId: number, ownerId: number) => Promise<unknown> } = {},
): Promise<OrdersWorld> {
  const laureates = await laureatesWorld(sql, { addFiles: options.addFiles });
  const now = new Date();
  const campaign = await openCampaign(sql, "Campagne des commandes", { now });
  const offer = async (proposalId: number, unitPriceCents: number) => {
    const kit = await addKit({ proposalId, actorId: laureates.adminId, now }, sql);
    await setOffer(
      { campaignId: campaign.id, kitId: kit.id, unitPriceCents, leadTimeDays: 15, orderable: true, actorId: laureates.adminId, now },
      sql,
    );
    return { kitId: kit.id, unitPriceCents };
  };
  const coffret = await offer(laureates.coffret.id, 19_900);
  const jeu = await offer(laureates.jeu.id, 6_450);
  await setRules(
    {
      campaignId: campaign.id,
      allowedKinds: ["library", "france_services"],
      territory: "everywhere",
      listIds: [],
      franceServicesEverywhere: false,
      capCents: options.capCents === undefined ? 2_000_00 : options.capCents,
      capUnits: options.capUnits === undefined ? 20 : options.capUnits,
      reason: "Règles de la campagne de test.",
      actorId: laureates.adminId,
      now,
    },
    sql,
  );
  return { campaign, adminId: laureates.adminId, coffret, jeu, now };
}

/** A verified library of the commune (Rennes unless told), with its member. */
export function verifiedStructure(sql: Sql, communeCode = "35238") {
  return createStructure(sql, { communeCode, status: "verified" });
}

export async function instructorOf(sql: Sql, departementCode: string) {
  return (await createPerson(sql, { name: `Instructeur ${departementCode}`, roles: ["instructor"], scope: `departement:${departementCode}` })).id;
}

export const newKey = () => randomUUID();

/** For ordersWorld's `addFiles`: each kit gets a photo processed for real into the server's blob store, as the order form shows it. */
export function realKitPhotos(sql: Sql, blobDir: string) {
  const store = fsBlobStore(blobDir);
  return async (proposalId: number, ownerId: number) =>
    processedFile(sql, store, { proposalId, ownerId, kind: "photo", filename: "kit.jpg", bytes: await noisyJpeg(400, 300) });
}
