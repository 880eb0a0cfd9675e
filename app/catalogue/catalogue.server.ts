// What the public sees of the catalogue: the kits orderable in the current campaign (or, before
// any campaign, every kit with its state), each as the version the jury judged, and the cleaned
// PDFs of that version.
import { latestCampaign, type Campaign } from "~/envelope/campaigns.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import type { MediaDeps, OpenedFile } from "~/media/files.server";
import { openProcessedFile } from "~/submissions/proposal-files.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import { isSlug } from "./slug";

/** A kit in the current campaign: orderable, withdrawn from it, or not offered in it (or no campaign yet). */
export type KitState = "orderable" | "withdrawn" | "not_offered";

export type KitPhoto = { id: number; width: number | null; height: number | null; description: string | null };
export type KitDocument = { id: number; name: string; pages: number | null };

/** A département where at least one maker builds the kit (approved, covering it, not paused). */
export type CoveredDepartement = { code: string; name: string; makers: number };

export type PublicKit = {
  id: number;
  slug: string;
  proposalId: number;
  title: string;
  pitch: string;
  description: string;
  items: ProposalDraft["items"];
  themes: string[];
  audiences: string[];
  licence: string;
  organisationName: string;
  state: KitState;
  /** The campaign's price when the kit is offered in it; the jury's final price otherwise. */
  unitPriceCents: number;
  /** The campaign's lead time when the kit is offered in it; the one proposed otherwise (may be missing). */
  leadTimeDays: number | null;
  photos: KitPhoto[];
  documents: KitDocument[];
  /** Where it can be built, by département code. */
  coverage: CoveredDepartement[];
  /** How many makers build it (not paused), whichever départements they cover. */
  makers: number;
};

export type CampaignSummary = Pick<Campaign, "id" | "name" | "opensAt" | "closesAt">;

type FrozenFile = KitPhoto & KitDocument & { kind: "photo" | "document" };

async function readKits(campaignId: number | null, slug: string | null, sql: Sql): Promise<PublicKit[]> {
  const rows = await sql<
    {
      id: number;
      slug: string;
      proposalId: number;
      coverage: CoveredDepartement[];
      makers: number;
      fields: Partial<ProposalDraft>;
      juryUnitPriceCents: number;
      unitPriceCents: number | null;
      leadTimeDays: number | null;
      withdrawnAt: Date | null;
      files: FrozenFile[];
    }[]
  >`
    select k.id, k.slug, k.proposal_id, v.content -> 'fields' as fields, d.final_unit_price_cents as jury_unit_price_cents,
           o.unit_price_cents, o.lead_time_days, o.withdrawn_at,
           (select coalesce(json_agg(json_build_object('id', f.id, 'kind', f.kind, 'name', x ->> 'name', 'description', x ->> 'description',
                                                       'width', f.width, 'height', f.height, 'pages', f.pages) order by f.id), '[]'::json)
              from jsonb_array_elements(v.content -> 'files') x
              join proposal_files f on f.id = (x ->> 'id')::bigint and f.proposal_id = k.proposal_id and f.kind = x ->> 'kind'
              where f.status = 'ready') as files,
           -- The makers' declarations (makers/): coverage exists only for an approved kit; a pause stops it.
           (select coalesce(json_agg(json_build_object('code', d.code, 'name', d.name, 'makers', c.makers) order by d.code), '[]'::json)
              from (select mc.departement_code, count(*)::int as makers
                    from maker_coverage mc join maker_capacity cap on cap.maker_id = mc.maker_id and cap.kit_id = mc.kit_id and not cap.paused
                    where mc.kit_id = k.id group by mc.departement_code) c
              join departements d on d.code = c.departement_code) as coverage,
           (select count(*)::int from maker_capacity cap
              where cap.kit_id = k.id and not cap.paused
                and exists (select 1 from maker_coverage mc where mc.maker_id = cap.maker_id and mc.kit_id = cap.kit_id)) as makers
    from catalogue_kits k
    join proposal_versions v on v.proposal_id = k.proposal_id and v.version = k.version
    join decisions d on d.proposal_id = k.proposal_id and d.outcome = 'laureate'
    join publications pub on pub.contest_id = d.contest_id
    left join campaign_offers o on o.kit_id = k.id and o.campaign_id = ${campaignId}
    ${slug === null ? sql`` : sql`where k.slug = ${slug}`}
    order by pub.published_at desc, k.id`;
  return rows.map((row) => {
    const fields = { ...emptyDraft, ...row.fields };
    const offered = row.unitPriceCents !== null;
    return {
      id: row.id,
      slug: row.slug,
      proposalId: row.proposalId,
      title: fields.title || "(sans titre)",
      pitch: fields.pitch,
      description: fields.description,
      items: fields.items,
      themes: fields.themes,
      audiences: fields.audiences,
      licence: fields.licence,
      organisationName: fields.organisationName,
      state: !offered ? "not_offered" : row.withdrawnAt === null ? "orderable" : "withdrawn",
      unitPriceCents: row.unitPriceCents ?? row.juryUnitPriceCents,
      leadTimeDays: row.leadTimeDays ?? fields.leadTimeDays,
      photos: row.files.filter((f) => f.kind === "photo").map(({ id, width, height, description }) => ({ id, width, height, description })),
      documents: row.files.filter((f) => f.kind === "document").map(({ id, name, pages }) => ({ id, name, pages })),
      coverage: row.coverage,
      makers: row.makers,
    };
  });
}

function summary(campaign: Campaign | undefined): CampaignSummary | null {
  return campaign ? { id: campaign.id, name: campaign.name, opensAt: campaign.opensAt, closesAt: campaign.closesAt } : null;
}

export type Catalogue = {
  campaign: CampaignSummary | null;
  kits: PublicKit[];
  /** The choices of the filters: every theme, audience and covered département of the kits listed before filtering. */
  themes: string[];
  audiences: string[];
  departements: { code: string; name: string }[];
  /** The filters applied (a value no kit holds is ignored). */
  filters: { theme: string | null; audience: string | null; departement: string | null };
};

/**
 * The public catalogue: the kits orderable in the current campaign, or every kit with its state
 * when there is no campaign yet; filtered by a theme, an audience and a département where it can
 * be built, each one the listed kits hold.
 */
export async function listCatalogue(filters: { theme?: string; audience?: string; departement?: string }, sql: Sql = db): Promise<Catalogue> {
  const campaign = await latestCampaign(sql);
  const all = await readKits(campaign?.id ?? null, null, sql);
  const listed = campaign ? all.filter((kit) => kit.state === "orderable") : all;
  const themes = [...new Set(listed.flatMap((kit) => kit.themes))].sort((a, b) => a.localeCompare(b, "fr"));
  const audiences = [...new Set(listed.flatMap((kit) => kit.audiences))].sort((a, b) => a.localeCompare(b, "fr"));
  const theme = filters.theme !== undefined && themes.includes(filters.theme) ? filters.theme : null;
  const audience = filters.audience !== undefined && audiences.includes(filters.audience) ? filters.audience : null;
  const covered = new Map(listed.flatMap((kit) => kit.coverage.map(({ code, name }) => [code, { code, name }] as const)));
  const departements = [...covered.values()].sort((a, b) => a.code.localeCompare(b.code));
  const departement = filters.departement !== undefined && covered.has(filters.departement) ? filters.departement : null;
  return {
    campaign: summary(campaign),
    kits: listed.filter(
      (kit) =>
        (theme === null || kit.themes.includes(theme)) &&
        (audience === null || kit.audiences.includes(audience)) &&
        (departement === null || kit.coverage.some((covering) => covering.code === departement)),
    ),
    themes,
    audiences,
    departements,
    filters: { theme, audience, departement },
  };
}

const KitNotFound = () => new NotFound("Ce kit n'est pas au catalogue : vérifiez l'adresse, ou retrouvez les kits depuis la page du catalogue.");

/** One catalogue kit by its address, with its state in the current campaign. */
export async function findKit(slug: string | undefined, sql: Sql = db): Promise<{ kit: PublicKit; campaign: CampaignSummary | null }> {
  if (!isSlug(slug)) throw KitNotFound();
  const campaign = await latestCampaign(sql);
  const [kit] = await readKits(campaign?.id ?? null, slug, sql);
  if (!kit) throw KitNotFound();
  return { kit, campaign: summary(campaign) };
}

/**
 * The cleaned copy of a PDF frozen in a catalogue kit's version — never the original, never a
 * document of another version or another proposal. Anything else is not found.
 */
export async function openKitDocument(input: { slug: string | undefined; fileId: number }, deps: MediaDeps = {}): Promise<OpenedFile> {
  const sql = deps.sql ?? db;
  const missing = new NotFound("Document introuvable.");
  if (!isSlug(input.slug)) throw missing;
  const [file]: [{ proposalId: number }?] = await sql`
    select k.proposal_id
    from catalogue_kits k
    join proposal_versions v on v.proposal_id = k.proposal_id and v.version = k.version
    join decisions d on d.proposal_id = k.proposal_id and d.outcome = 'laureate'
    join publications pub on pub.contest_id = d.contest_id
    join proposal_files f on f.proposal_id = k.proposal_id and f.id = ${input.fileId} and f.kind = 'document' and f.status = 'ready'
    where k.slug = ${input.slug}
      and exists (select 1 from jsonb_array_elements(v.content -> 'files') x where x ->> 'id' = ${String(input.fileId)} and x ->> 'kind' = 'document')`;
  if (!file) throw missing;
  return openProcessedFile({ fileId: input.fileId, variant: "clean", proposalId: file.proposalId }, deps);
}
