// The admin's side of the catalogue: which laureates become catalogue kits, and for each campaign
// which kits may be ordered, at what unit price and lead time. Every change is audited.
import { appendAudit } from "~/audit/audit.server";
import { db, violatesConstraint, type Sql } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { MAX_LEAD_TIME_DAYS } from "./schemas";
import { distinctSlug, kitSlug } from "./slug";

export type CatalogueKit = { id: number; proposalId: number; version: number; slug: string };

/** The title of catalogue kit `k` (a query's alias): the one of the version the catalogue shows. */
export function kitTitle(sql: Sql) {
  return sql`(select coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title)
              from proposals p join proposal_versions v on v.proposal_id = p.id and v.version = k.version
              where p.id = k.proposal_id)`;
}

/** The catalogue kits the user's laureate proposals became, oldest first. */
export async function listKitsOfOwner(userId: number, sql: Sql = db): Promise<{ kitId: number; title: string; slug: string }[]> {
  return sql<{ kitId: number; title: string; slug: string }[]>`
    select k.id as kit_id, ${kitTitle(sql)} as title, k.slug
    from catalogue_kits k join proposals p on p.id = k.proposal_id
    where p.owner_id = ${userId}
    order by k.id`;
}

/**
 * Makes a laureate of published results a catalogue kit, showing the version the jury judged.
 * Anything else — a proposal not retained, one whose contest is not published, an unknown id — is
 * refused. Adding a kit twice (a double click) answers with the kit already there.
 */
export async function addKit(input: { proposalId: number; actorId: number; now: Date }, sql: Sql = db): Promise<CatalogueKit> {
  try {
    return await transaction(sql, async (tx) => {
      // Published decisions never change (trigger decisions_published): once true, this stays true.
      const [laureate]: [{ version: number; title: string }?] = await tx`
        select p.current_version as version, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title
        from decisions d
        join publications pub on pub.contest_id = d.contest_id
        join proposals p on p.id = d.proposal_id
        join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
        where d.proposal_id = ${input.proposalId} and d.outcome = 'laureate'`;
      if (!laureate) throw new Refused("Seul un kit lauréat de résultats publiés entre au catalogue.", "proposalId");

      const existing = await findKitByProposal(input.proposalId, tx);
      if (existing) return existing;
      const slug = kitSlug(laureate.title, input.proposalId);
      const [taken]: [{ id: number }?] = await tx`select id from catalogue_kits where slug = ${slug}`;
      const [kit]: [CatalogueKit] = await tx`
        insert into catalogue_kits (proposal_id, version, slug, created_by, created_at)
        values (${input.proposalId}, ${laureate.version}, ${taken ? distinctSlug(slug, input.proposalId) : slug}, ${input.actorId}, ${input.now})
        returning id, proposal_id, version, slug`;
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "catalogue.kit_added",
        subject: `catalogue_kit:${kit.id}`,
        data: { proposalId: kit.proposalId, version: kit.version, slug: kit.slug },
      });
      return kit;
    });
  } catch (error) {
    // Two admins adding the same kit, or two kits whose titles give the same slug, at the same instant.
    if (violatesConstraint(error, "catalogue_kits_proposal_id_key") || violatesConstraint(error, "catalogue_kits_slug_key"))
      throw new Conflict("Le catalogue vient de changer : rechargez la page et recommencez.");
    throw error;
  }
}

async function findKitByProposal(proposalId: number, sql: Sql): Promise<CatalogueKit | undefined> {
  const [kit]: [CatalogueKit?] = await sql`select id, proposal_id, version, slug from catalogue_kits where proposal_id = ${proposalId}`;
  return kit;
}

export type NewOffer = {
  campaignId: number;
  kitId: number;
  unitPriceCents: number;
  leadTimeDays: number;
  orderable: boolean;
  actorId: number;
  now: Date;
};

export type Offer = { campaignId: number; kitId: number; unitPriceCents: number; leadTimeDays: number; withdrawnAt: Date | null };

/**
 * Sets a kit's offer in a campaign: orderable or withdrawn, at a unit price and lead time. Refused
 * once the campaign's ordering period is over; a withdrawn offer keeps the instant it was withdrawn.
 */
export async function setOffer(input: NewOffer, sql: Sql = db): Promise<Offer> {
  if (!Number.isSafeInteger(input.unitPriceCents) || input.unitPriceCents <= 0)
    throw new Refused("Le prix unitaire est supérieur à 0 €.", "unitPrice");
  if (!Number.isInteger(input.leadTimeDays) || input.leadTimeDays < 1 || input.leadTimeDays > MAX_LEAD_TIME_DAYS)
    throw new Refused(`Le délai de fabrication est un nombre entier de jours entre 1 et ${MAX_LEAD_TIME_DAYS}.`, "leadTimeDays");
  return transaction(sql, async (tx) => {
    const [campaign]: [{ closesAt: Date }?] = await tx`select closes_at from distribution_campaigns where id = ${input.campaignId}`;
    if (!campaign) throw new NotFound("Campagne de distribution introuvable.");
    if (input.now >= campaign.closesAt) throw new Conflict("Cette campagne est close : ses offres ne changent plus.");
    const [kit]: [{ id: number }?] = await tx`select id from catalogue_kits where id = ${input.kitId}`;
    if (!kit) throw new NotFound("Ce kit n'est pas au catalogue.");
    const withdrawnAt = input.orderable ? null : input.now;
    const [offer]: [Offer] = await tx`
      insert into campaign_offers (campaign_id, kit_id, unit_price_cents, lead_time_days, withdrawn_at, updated_by, updated_at)
      values (${input.campaignId}, ${input.kitId}, ${input.unitPriceCents}, ${input.leadTimeDays}, ${withdrawnAt}, ${input.actorId}, ${input.now})
      on conflict (campaign_id, kit_id) do update
        set unit_price_cents = excluded.unit_price_cents,
            lead_time_days = excluded.lead_time_days,
            withdrawn_at = case when excluded.withdrawn_at is null then null else coalesce(campaign_offers.withdrawn_at, excluded.withdrawn_at) end,
            updated_by = excluded.updated_by,
            updated_at = excluded.updated_at
      returning campaign_id, kit_id, unit_price_cents, lead_time_days, withdrawn_at`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "catalogue.offer_set",
      subject: `catalogue_kit:${input.kitId}`,
      data: {
        campaignId: input.campaignId,
        unitPriceCents: input.unitPriceCents,
        leadTimeDays: input.leadTimeDays,
        orderable: input.orderable,
      },
    });
    return offer;
  });
}

export type AdminLaureate = {
  proposalId: number;
  title: string;
  contestTitle: string;
  juryUnitPriceCents: number;
  proposedLeadTimeDays: number | null;
  kit: { id: number; slug: string } | null;
  offer: { unitPriceCents: number; leadTimeDays: number; orderable: boolean } | null;
};

/** Every laureate of published results, the latest publication first, with its kit and its offer in the campaign (if any). */
export async function listLaureatesForAdmin(campaignId: number | null, sql: Sql = db): Promise<AdminLaureate[]> {
  const rows = await sql<
    {
      proposalId: number;
      title: string;
      contestTitle: string;
      juryUnitPriceCents: number;
      proposedLeadTimeDays: number | null;
      kitId: number | null;
      slug: string | null;
      unitPriceCents: number | null;
      leadTimeDays: number | null;
      withdrawnAt: Date | null;
    }[]
  >`
    select d.proposal_id, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title, c.title as contest_title,
           d.final_unit_price_cents as jury_unit_price_cents,
           case when jsonb_typeof(v.content -> 'fields' -> 'leadTimeDays') = 'number'
                then (v.content -> 'fields' ->> 'leadTimeDays')::int end as proposed_lead_time_days,
           k.id as kit_id, k.slug, o.unit_price_cents, o.lead_time_days, o.withdrawn_at
    from decisions d
    join publications pub on pub.contest_id = d.contest_id
    join contests c on c.id = d.contest_id
    join proposals p on p.id = d.proposal_id
    join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    left join catalogue_kits k on k.proposal_id = d.proposal_id
    left join campaign_offers o on o.kit_id = k.id and o.campaign_id = ${campaignId}
    where d.outcome = 'laureate'
    order by pub.published_at desc, d.proposal_id`;
  return rows.map((row) => ({
    proposalId: row.proposalId,
    title: row.title || "(sans titre)",
    contestTitle: row.contestTitle,
    juryUnitPriceCents: row.juryUnitPriceCents,
    proposedLeadTimeDays: row.proposedLeadTimeDays,
    kit: row.kitId === null ? null : { id: row.kitId, slug: row.slug! },
    offer:
      row.unitPriceCents === null
        ? null
        : { unitPriceCents: row.unitPriceCents, leadTimeDays: row.leadTimeDays!, orderable: row.withdrawnAt === null },
  }));
}

/** One catalogue kit as the admin's offer form shows it. */
export async function findKitForAdmin(
  kitId: number,
  campaignId: number | null,
  sql: Sql = db,
): Promise<AdminLaureate & { kit: { id: number; slug: string } }> {
  const laureate = (await listLaureatesForAdmin(campaignId, sql)).find((row) => row.kit?.id === kitId);
  if (!laureate?.kit) throw new NotFound("Ce kit n'est pas au catalogue.");
  return { ...laureate, kit: laureate.kit };
}
