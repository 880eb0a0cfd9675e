import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { formatEuros } from "~/money/euros";
import { departementPopulations } from "~/territories/communes.server";
import { ListFileRefused } from "~/territories/lists.server";
import { TERRITORY_DATA } from "~/territories/reference-data.server";
import { allocate } from "./allocate";
import { appendMovement, departementLedger } from "./ledger.server";
import { DEPARTEMENT_CODE } from "./schemas";
import { parseWeightTable, type WeightTable } from "./weight-table";

export type NewCampaign = {
  name: string;
  nationalCapCents: number;
  reserve: { cents: number } | { percent: number };
  opensAt: Date;
  closesAt: Date;
  floorCents?: number;
  /** An imported weight table (the CSV file's text, app/envelope/weight-table.ts) with where it
   *  comes from; by default each département's municipal population. */
  weights?: { fileText: string; source?: string; year?: number };
  actorId: number | null;
  now: Date;
};

export type Allocation = {
  departementCode: string;
  departementName: string;
  /** As stored: the weight × 10^weightDecimals of its campaign. */
  weight: number;
  /** The floor lifted this département's share. */
  atFloor: boolean;
  /** What the split gave it, before any move. */
  initialCapCents: number;
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
  weightDecimals: number;
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

  if (input.weights && (input.weights.source ?? "").trim().length < 3) {
    throw new Refused("Indiquez la source de la table de poids : producteur, jeu de données, date.", "weightSource");
  }
  if (input.weights && input.weights.year === undefined) {
    throw new Refused("Indiquez l'année des poids, par exemple 2023.", "weightYear");
  }
  const table = input.weights ? await readWeightTable(input.weights.fileText, sql) : null;

  return transaction(sql, async (tx) => {
    const weights = table?.weights ?? (await departementPopulations(tx));
    const splitCents = input.nationalCapCents - reserve;
    const floorCents = input.floorCents ?? 0;
    if (floorCents * weights.size > splitCents) {
      throw new Refused(
        `Le plancher ne peut pas être tenu : ${formatEuros(floorCents)} pour chacun des ${weights.size} départements font ${formatEuros(floorCents * weights.size)}, plus que les ${formatEuros(splitCents)} à répartir (plafond national moins la réserve).`,
        "floor",
      );
    }
    const shares = allocate(BigInt(splitCents), weights, { floorCents: BigInt(floorCents) });

    const [campaign]: [{ id: number }] = await tx`
      insert into distribution_campaigns (name, national_cap_cents, reserve_cents, initial_reserve_cents, opens_at, closes_at,
                                          weight_source, weight_year, weight_decimals, floor_cents, created_by, created_at)
      values (${input.name}, ${input.nationalCapCents}, ${reserve}, ${reserve}, ${input.opensAt}, ${input.closesAt},
              ${input.weights?.source ?? `Population municipale (INSEE), ${TERRITORY_DATA.source} ${TERRITORY_DATA.version}`},
              ${input.weights?.year ?? TERRITORY_DATA.populationYear}, ${table?.decimals ?? 0}, ${floorCents}, ${input.actorId}, ${input.now})
      returning id`;
    await tx`
      insert into allocations ${tx(
        shares.map((share) => ({
          campaignId: campaign.id,
          departementCode: share.code,
          weight: Number(weights.get(share.code)!),
          capCents: Number(share.cents),
          atFloor: share.atFloor,
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
      data: {
        name: input.name,
        nationalCapCents: input.nationalCapCents,
        reserveCents: reserve,
        floorCents,
        weights: input.weights ? { source: input.weights.source, year: input.weights.year, decimals: table!.decimals } : "population",
      },
    });
    return (await findCampaign(campaign.id, tx))!;
  });
}

/**
 * An imported weight table checked whole against the 101 départements before anything is
 * written: every problem is reported with its line.
 */
async function readWeightTable(fileText: string, sql: Sql): Promise<WeightTable> {
  const rows = await sql<{ code: string; name: string }[]>`select code, name from departements`;
  const parsed = parseWeightTable(fileText, new Map(rows.map((row) => [row.code, row.name])));
  if (!parsed.ok) throw new ListFileRefused(parsed.problems);
  return parsed;
}

const campaignColumns = (sql: Sql) => sql`
  id, name, national_cap_cents, reserve_cents, initial_reserve_cents, floor_cents, opens_at, closes_at,
  weight_source, weight_year, weight_decimals`;

export async function findCampaign(id: number, sql: Sql = db): Promise<Campaign | undefined> {
  const [campaign]: [Campaign?] = await sql`select ${campaignColumns(sql)} from distribution_campaigns where id = ${id}`;
  return campaign;
}

/** A campaign's allocations in INSEE order, with the counters each département's orders move. */
export async function listAllocations(campaignId: number, sql: Sql = db): Promise<Allocation[]> {
  const campaign = await findCampaign(campaignId, sql);
  if (!campaign) throw new NotFound("Campagne introuvable.");
  return allocationRows(campaignId, null, sql);
}

/** One département's allocation in a campaign. */
export async function findAllocation(campaignId: number, departementCode: string, sql: Sql = db): Promise<Allocation> {
  const [allocation] = await allocationRows(campaignId, departementCode, sql);
  if (!allocation) throw new NotFound("Ce département n'a pas d'allocation dans cette campagne.");
  return allocation;
}

/**
 * The split as published for anyone to recompute: the latest campaign's inputs, and each
 * département's weight, whether the floor lifted it, what the split gave it and its cap today.
 */
export async function publishedSplit(sql: Sql = db): Promise<{ campaign: Campaign; allocations: Allocation[] }> {
  const campaign = await latestCampaign(sql);
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte.");
  return { campaign, allocations: await allocationRows(campaign.id, null, sql) };
}

function allocationRows(campaignId: number, departementCode: string | null, sql: Sql) {
  // What the split gave is the département's allocation entry on the ledger: moves come after.
  return sql<Allocation[]>`
    select a.departement_code, d.name as departement_name, a.weight, a.at_floor, a.cap_cents, a.reserved_cents, a.committed_cents, a.spent_cents,
           coalesce(s.cap, 0)::bigint as initial_cap_cents
    from allocations a join departements d on d.code = a.departement_code
    left join (select departement_code, sum(cap_delta) as cap from ledger_entries
               where campaign_id = ${campaignId} and kind = 'allocation' group by departement_code) s
      on s.departement_code = a.departement_code
    where a.campaign_id = ${campaignId} ${departementCode === null ? sql`` : sql`and a.departement_code = ${departementCode}`}
    order by replace(replace(a.departement_code, '2A', '20A'), '2B', '20B')`;
}

/** The campaign the admin works on: the latest opened. */
export async function latestCampaign(sql: Sql = db): Promise<Campaign | undefined> {
  const [campaign]: [Campaign?] = await sql`select ${campaignColumns(sql)} from distribution_campaigns order by id desc limit 1`;
  return campaign;
}

/**
 * A département's account in the latest campaign: its allocation and a page of its ledger. Any
 * address that is not one of the 101 codes as INSEE writes them ("2a", "1", "99") is not found.
 */
export async function departementAccount(departementCode: string, page: number, sql: Sql = db) {
  if (!DEPARTEMENT_CODE.test(departementCode)) throw new NotFound("Département inconnu.");
  const campaign = await latestCampaign(sql);
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte.");
  const allocation = await findAllocation(campaign.id, departementCode, sql);
  return { campaign, allocation, ledger: await departementLedger(campaign.id, departementCode, page, sql) };
}
