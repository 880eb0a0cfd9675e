import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { departementPopulations } from "~/territories/communes.server";
import { TERRITORY_DATA } from "~/territories/reference-data.server";
import { allocate } from "./allocate";
import { appendMovement } from "./ledger.server";

export type NewCampaign = {
  name: string;
  nationalCapCents: number;
  reserve: { cents: number } | { percent: number };
  opensAt: Date;
  closesAt: Date;
  floorCents?: number;
  /** Whole-number weights by département code (an imported table's decimals scaled by its
   *  importer); by default each département's municipal population. */
  weights?: { values: ReadonlyMap<string, number>; source: string; year: number };
  actorId: number | null;
  now: Date;
};

export type Allocation = {
  departementCode: string;
  departementName: string;
  weight: number;
  capCents: number;
  reservedCents: number;
  committedCents: number;
  spentCents: number;
};

export type Campaign = {
  id: number;
  name: string;
  nationalCapCents: number;
  reserveCents: number;
  initialReserveCents: number;
  floorCents: number;
  opensAt: Date;
  closesAt: Date;
  weightSource: string;
  weightYear: number;
};

function reserveCents(input: NewCampaign): number {
  if ("cents" in input.reserve) return input.reserve.cents;
  // A percentage of the cap, rounded down to the cent: what is left goes to the split.
  return Math.floor((input.nationalCapCents * input.reserve.percent) / 100);
}

/**
 * Opens a campaign: the national cap less its reserve is split across the 101 départements by
 * the largest remainder (docs/decisions/018), each share written to the ledger as an allocation,
 * the reserve too; the split's inputs are stored so anyone can recompute it.
 */
export async function createCampaign(input: NewCampaign, sql: Sql = db): Promise<Campaign> {
  if (!Number.isSafeInteger(input.nationalCapCents) || input.nationalCapCents <= 0)
    throw new Refused("Le plafond national doit être un montant positif.", "nationalCap");
  const reserve = reserveCents(input);
  if (!Number.isSafeInteger(reserve) || reserve < 0 || reserve > input.nationalCapCents) {
    throw new Refused("La réserve nationale est comprise entre 0 et le plafond national.", "reserve");
  }
  if (input.closesAt <= input.opensAt) throw new Refused("La fin de la période de commande vient après son ouverture.", "closesAt");

  return transaction(sql, async (tx) => {
    const departements = await departementPopulations(tx);
    if (input.weights && [...input.weights.values.values()].some((weight) => !Number.isSafeInteger(weight))) {
      throw new Refused("Chaque poids est un nombre entier.", "weights");
    }
    const weights = input.weights ? new Map([...input.weights.values].map(([code, weight]) => [code, BigInt(weight)])) : departements;
    const missing = [...departements.keys()].filter((code) => !weights.has(code));
    if (missing.length > 0)
      throw new Refused(`Il manque le poids de ${missing.length} département(s) : ${missing.slice(0, 10).join(", ")}.`, "weights");
    const unknown = [...weights.keys()].filter((code) => !departements.has(code));
    if (unknown.length > 0) throw new Refused(`Département(s) inconnu(s) dans les poids : ${unknown.slice(0, 10).join(", ")}.`, "weights");
    const shares = allocate(BigInt(input.nationalCapCents - reserve), weights, { floorCents: BigInt(input.floorCents ?? 0) });

    const [campaign]: [{ id: number }] = await tx`
      insert into distribution_campaigns (name, national_cap_cents, reserve_cents, initial_reserve_cents, opens_at, closes_at,
                                          weight_source, weight_year, floor_cents, created_by, created_at)
      values (${input.name}, ${input.nationalCapCents}, ${reserve}, ${reserve}, ${input.opensAt}, ${input.closesAt},
              ${input.weights?.source ?? `Population municipale (INSEE), ${TERRITORY_DATA.source} ${TERRITORY_DATA.version}`},
              ${input.weights?.year ?? TERRITORY_DATA.populationYear}, ${input.floorCents ?? 0}, ${input.actorId}, ${input.now})
      returning id`;
    await tx`
      insert into allocations ${tx(
        shares.map((share) => ({
          campaignId: campaign.id,
          departementCode: share.code,
          weight: Number(weights.get(share.code)!),
          capCents: Number(share.cents),
        })),
      )}`;
    await appendMovement(tx, {
      campaignId: campaign.id,
      kind: "allocation",
      actorId: input.actorId,
      at: input.now,
      entries: [
        ...(reserve > 0 ? [{ departementCode: null, capDelta: reserve }] : []),
        ...shares.filter((share) => share.cents > 0n).map((share) => ({ departementCode: share.code, capDelta: Number(share.cents) })),
      ],
    });
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "envelope.campaign_created",
      subject: `campaign:${campaign.id}`,
      data: { name: input.name, nationalCapCents: input.nationalCapCents, reserveCents: reserve, floorCents: input.floorCents ?? 0 },
    });
    return (await findCampaign(campaign.id, tx))!;
  });
}

export async function findCampaign(id: number, sql: Sql = db): Promise<Campaign | undefined> {
  const [campaign]: [Campaign?] = await sql`
    select id, name, national_cap_cents, reserve_cents, initial_reserve_cents, floor_cents, opens_at, closes_at, weight_source, weight_year
    from distribution_campaigns where id = ${id}`;
  return campaign;
}

/** A campaign's allocations in INSEE order, with the counters each département's orders move. */
export async function listAllocations(campaignId: number, sql: Sql = db): Promise<Allocation[]> {
  const campaign = await findCampaign(campaignId, sql);
  if (!campaign) throw new NotFound("Campagne introuvable.");
  return sql<Allocation[]>`
    select a.departement_code, d.name as departement_name, a.weight, a.cap_cents, a.reserved_cents, a.committed_cents, a.spent_cents
    from allocations a join departements d on d.code = a.departement_code
    where a.campaign_id = ${campaignId}
    order by replace(replace(a.departement_code, '2A', '20A'), '2B', '20B')`;
}

/** The campaign the admin works on: the latest opened. */
export async function latestCampaign(sql: Sql = db): Promise<Campaign | undefined> {
  const [campaign]: [{ id: number }?] = await sql`select id from distribution_campaigns order by id desc limit 1`;
  return campaign ? findCampaign(campaign.id, sql) : undefined;
}
