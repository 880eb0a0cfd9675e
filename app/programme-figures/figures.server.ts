// The programme's public figures: what the envelope holds, what is committed and spent, the kits
// delivered (units received with a service fait) and the structures they equipped, nationally, by
// département and by commune. Everything is summed in SQL so that the pages cost the same with
// 100,000 order lines as with ten; nothing personal is read (a structure by its public legal name,
// a maker by its name, never a contact, signatory or member).
import { z } from "zod";
import { DEPARTEMENT_CODE } from "~/envelope/schemas";
import { now } from "~/infra/clock.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { singleton } from "~/infra/singleton.server";
import type { MakerKind } from "~/makers/kinds";
import { nationalShape, type EquippedCell, type Money, type NationalShape } from "./figures";

export type CampaignFigures = { id: number; name: string; nationalCapCents: number; reserveCents: number };

export type NationalFigures = NationalShape & { campaign: CampaignFigures };

/** The campaign the figures are about: the latest opened, as everywhere else. */
async function currentCampaign(sql: Sql): Promise<CampaignFigures | undefined> {
  const [campaign]: [CampaignFigures?] = await sql`
    select id, name, national_cap_cents, reserve_cents from distribution_campaigns order by id desc limit 1`;
  return campaign;
}

// Units received per structure, with the département whose allocation paid for them: the one
// aggregate both pages start from, read from the rows the receipts keep (delivered_units, migration
// 0040) rather than from every order's shares, shipments and receipt lines. Receipts of any order
// count — a kit received is delivered — and a cancelled or rejected order never reaches a shipment.
function receivedByStructure(sql: Sql, campaignId: number, departementCode: string | null) {
  return sql`
    select structure_id, departement_code, sum(units)::int as units
    from delivered_units
    where campaign_id = ${campaignId} ${departementCode === null ? sql`` : sql`and departement_code = ${departementCode}`}
    group by structure_id, departement_code
    having sum(units) > 0`;
}

/** The national figures, or null before any campaign is opened. */
export async function nationalFigures(sql: Sql = db): Promise<NationalFigures | null> {
  const campaign = await currentCampaign(sql);
  if (!campaign) return null;
  const [allocations, equipped] = await Promise.all([
    sql<(Money & { code: string; name: string })[]>`
      select a.departement_code as code, d.name, a.cap_cents, a.reserved_cents, a.committed_cents, a.spent_cents
      from allocations a join departements d on d.code = a.departement_code
      where a.campaign_id = ${campaign.id}
      order by replace(replace(a.departement_code, '2A', '20A'), '2B', '20B')`,
    // One pass over the receipts, by département and kind: both tables of the page come from it.
    sql<EquippedCell[]>`
      with received as (${receivedByStructure(sql, campaign.id, null)})
      select r.departement_code, st.kind, count(*)::int as structures, sum(r.units)::int as units
      from received r join structures st on st.id = r.structure_id
      group by r.departement_code, st.kind`,
  ]);
  return { campaign, ...nationalShape(allocations, equipped) };
}

// Every query string misses the public page cache, and the national figures read every receipt:
// each process reads them at most once every few seconds, one read at a time whoever asks, and
// the page says when they were read (docs/decisions/039).
const SHARED_FOR_MS = 5_000;
type SharedRead = { at: number; figures: Promise<{ figures: NationalFigures | null; readAt: Date }> };
const sharedRead = singleton("national-figures", () => ({ current: null as SharedRead | null }));

/** The national figures as the public page shows them: shared by the process's requests for a few seconds. */
export function sharedNationalFigures(): Promise<{ figures: NationalFigures | null; readAt: Date }> {
  const current = sharedRead.current;
  if (current && Date.now() - current.at < SHARED_FOR_MS) return current.figures;
  const read: SharedRead = { at: Date.now(), figures: nationalFigures().then((figures) => ({ figures, readAt: now() })) };
  // A failed read is not kept: the next request tries again.
  read.figures.catch(() => {
    if (sharedRead.current === read) sharedRead.current = null;
  });
  sharedRead.current = read;
  return read.figures;
}

export type EquippedStructure = { id: number; legalName: string; communeName: string; units: number };
export type CommuneDeliveries = { inseeCode: string; name: string; structures: number; units: number };
export type DepartementMaker = { id: number; name: string; kind: MakerKind; communeName: string; covers: boolean; units: number };

export type DepartementFigures = {
  campaign: CampaignFigures;
  departement: { code: string; name: string };
  money: Money;
  kitsDelivered: number;
  structures: Paged<EquippedStructure>;
  communes: CommuneDeliveries[];
  makers: DepartementMaker[];
};

export const STRUCTURES_PAGE_SIZE = 50;

/** A département code from an address: anything but one of the 101 as INSEE writes them is unknown. */
const departementCode = z.string().regex(DEPARTEMENT_CODE);

/** One département's figures in the current campaign; an unknown code, or no campaign yet, is not found. */
export async function departementFigures(code: string, page: number, sql: Sql = db): Promise<DepartementFigures> {
  const parsed = departementCode.safeParse(code);
  if (!parsed.success) throw new NotFound("Département inconnu.");
  const campaign = await currentCampaign(sql);
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte.");
  const [allocation]: [(Money & { name: string })?] = await sql`
    select d.name, a.cap_cents, a.reserved_cents, a.committed_cents, a.spent_cents
    from allocations a join departements d on d.code = a.departement_code
    where a.campaign_id = ${campaign.id} and a.departement_code = ${parsed.data}`;
  if (!allocation) throw new NotFound("Département inconnu.");
  const { name, ...money } = allocation;
  const received = receivedByStructure(sql, campaign.id, parsed.data);
  const [structures, communes, makers] = await Promise.all([
    sql<(EquippedStructure & { total: number })[]>`
      with received as (${received})
      select st.id, st.legal_name, c.name as commune_name, r.units, count(*) over ()::int as total
      from received r join structures st on st.id = r.structure_id join communes c on c.insee_code = st.commune_code
      order by c.name, st.legal_name, st.id
      limit ${STRUCTURES_PAGE_SIZE} offset ${offsetOf(page, STRUCTURES_PAGE_SIZE)}`,
    sql<CommuneDeliveries[]>`
      with received as (${received})
      select c.insee_code, c.name, count(*)::int as structures, sum(r.units)::int as units
      from received r join structures st on st.id = r.structure_id join communes c on c.insee_code = st.commune_code
      group by c.insee_code, c.name
      order by c.name, c.insee_code`,
    // The makers that cover the département, and any other that delivered there (a route overridden).
    sql<DepartementMaker[]>`
      with delivered as (
        select maker_id, sum(units)::int as units from delivered_units
        where campaign_id = ${campaign.id} and departement_code = ${parsed.data}
        group by maker_id
      ), covering as (select distinct maker_id from maker_coverage where departement_code = ${parsed.data})
      select m.id, m.name, m.kind, c.name as commune_name, cv.maker_id is not null as covers, coalesce(dl.units, 0)::int as units
      from makers m
      join communes c on c.insee_code = m.commune_code
      left join delivered dl on dl.maker_id = m.id
      left join covering cv on cv.maker_id = m.id
      where dl.maker_id is not null or cv.maker_id is not null
      order by m.name, m.id`,
  ]);
  // Beyond the last page, the count comes from a page that has rows: ask it separately.
  const total = structures[0]?.total ?? (page > 1 ? await countEquipped(sql, campaign.id, parsed.data) : 0);
  return {
    campaign,
    departement: { code: parsed.data, name },
    money,
    kitsDelivered: communes.reduce((sum, commune) => sum + commune.units, 0),
    structures: paged(
      structures.map(({ total: _total, ...row }) => row),
      total,
      page,
      STRUCTURES_PAGE_SIZE,
    ),
    communes,
    makers,
  };
}

async function countEquipped(sql: Sql, campaignId: number, code: string): Promise<number> {
  const [row]: [{ count: number }] = await sql`with received as (${receivedByStructure(sql, campaignId, code)}) select count(*)::int from received`;
  return row.count;
}
