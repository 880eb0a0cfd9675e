import { requireContestBySlug } from "~/contest/contests.server";
import { db, type Sql } from "~/infra/db.server";
import { containsPattern, offsetOf, paged, type Paged } from "~/infra/paging";
import { formatEuros } from "~/money/euros";
import { csvDate, toCsv } from "~/infra/csv";
import { ProposalNotFound } from "./proposals.server";
import { statusLabels, type ProposalStatus } from "./statuses";
import { emptyDraft, type ProposalDraft } from "./schemas";

export type ProposalFilters = { status?: ProposalStatus; theme?: string; audience?: string; search?: string };

export const PROPOSALS_PAGE_SIZE = 50;

export type AdminProposalRow = {
  id: number;
  title: string;
  status: ProposalStatus;
  currentVersion: number;
  ownerName: string;
  ownerEmail: string;
  submittedAt: Date | null;
  receiptNumber: string | null;
  ineligibilityReason: string | null;
  updatedAt: Date;
};

/** A search by a proposal's number, or null. */
function searchedNumber(filters: ProposalFilters): number | null {
  const search = filters.search?.trim() ?? "";
  return /^(n°\s*)?[0-9]{1,15}$/i.test(search) ? Number(search.replace(/^n°\s*/i, "")) : null;
}

/** Whether the filters read the owners `u` (a search by title or candidate's name). */
function searchesOwners(filters: ProposalFilters): boolean {
  return (filters.search?.trim() ?? "") !== "" && searchedNumber(filters) === null;
}

/** The condition on a contest's proposals `p` (their owners `u`): status, theme, audience, and a number, a title or a candidate's name. */
function matchingProposals(sql: Sql, contestId: number, filters: ProposalFilters) {
  const search = filters.search?.trim() ?? "";
  const number = searchedNumber(filters);
  return sql`
    p.contest_id = ${contestId}
    ${filters.status ? sql`and p.status = ${filters.status}` : sql``}
    ${filters.theme ? sql`and p.draft -> 'themes' ? ${filters.theme}` : sql``}
    ${filters.audience ? sql`and p.draft -> 'audiences' ? ${filters.audience}` : sql``}
    ${
      search === ""
        ? sql``
        : number !== null
          ? sql`and p.id = ${number}`
          : sql`and (p.title ilike ${containsPattern(search)} or u.name ilike ${containsPattern(search)})`
    }`;
}

/** What the export reads of each draft: its columns, not the whole document (a kilobyte or more each, parsed 5,000 times). */
export type ProposalExportRow = AdminProposalRow & {
  organisationName: string | null;
  organisationSiret: string | null;
  themes: string | null;
  audiences: string | null;
  unitPrice: number | null;
  monthlyCapacity: number | null;
  leadTimeDays: number | null;
  licence: string | null;
};

function selectProposals(sql: Sql, contestId: number, filters: ProposalFilters, columns = sql``) {
  return sql`
    select p.id, p.title, p.status, p.current_version, u.name as owner_name, u.email as owner_email,
           v.submitted_at, v.receipt_number, p.ineligibility_reason, p.updated_at ${columns}
    from proposals p
    join users u on u.id = p.owner_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    where ${matchingProposals(sql, contestId, filters)}
    order by p.id`;
}

/** Every proposal of a contest matching the filters, with its latest receipt, in number order (the CSV export). */
export async function listProposalsForExport(contestId: number, filters: ProposalFilters, sql: Sql = db): Promise<ProposalExportRow[]> {
  const listed = (list: string) =>
    sql`(select string_agg(item, ', ' order by n) from jsonb_array_elements_text(p.draft -> ${list}) with ordinality as e(item, n))`;
  return sql<ProposalExportRow[]>`${selectProposals(
    sql,
    contestId,
    filters,
    sql`, p.draft ->> 'organisationName' as organisation_name, p.draft ->> 'organisationSiret' as organisation_siret,
          ${listed("themes")} as themes, ${listed("audiences")} as audiences,
          (p.draft ->> 'unitPrice')::bigint as unit_price, (p.draft ->> 'monthlyCapacity')::int as monthly_capacity,
          (p.draft ->> 'leadTimeDays')::int as lead_time_days, p.draft ->> 'licence' as licence`,
  )}`;
}

/** One page of the same list, in the same order, with how many proposals match. */
export async function proposalPageForAdmin(
  input: { contestId: number; filters: ProposalFilters; page: number; pageSize?: number },
  sql: Sql = db,
): Promise<Paged<AdminProposalRow>> {
  const pageSize = input.pageSize ?? PROPOSALS_PAGE_SIZE;
  const [[{ total }], rows] = await Promise.all([
    // The owners are read only by a search on their names: a contest's count then reads the proposals' index alone.
    sql<{ total: number }[]>`
      select count(*)::int as total from proposals p ${searchesOwners(input.filters) ? sql`join users u on u.id = p.owner_id` : sql``}
      where ${matchingProposals(sql, input.contestId, input.filters)}`,
    sql<AdminProposalRow[]>`${selectProposals(sql, input.contestId, input.filters)} limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
  ]);
  return paged(rows, total, input.page, pageSize);
}

export function proposalsCsv(rows: ProposalExportRow[]): string {
  return toCsv(
    [
      "Numéro",
      "Titre",
      "Statut",
      "Version",
      "Récépissé",
      "Déposée le (heure de Paris)",
      "Candidat",
      "Courriel",
      "Organisation",
      "SIRET",
      "Thèmes",
      "Publics",
      "Prix unitaire",
      "Capacité mensuelle",
      "Délai (jours)",
      "Licence",
      "Motif d'irrecevabilité",
    ],
    rows.map((row) => [
      row.id,
      row.title,
      statusLabels[row.status],
      row.currentVersion || null,
      row.receiptNumber,
      csvDate(row.submittedAt),
      row.ownerName,
      row.ownerEmail,
      row.organisationName,
      row.organisationSiret,
      row.themes,
      row.audiences,
      row.unitPrice === null ? null : formatEuros(row.unitPrice),
      row.monthlyCapacity,
      row.leadTimeDays,
      row.licence,
      row.ineligibilityReason,
    ]),
  );
}

export type AdminProposal = AdminProposalRow & {
  contestId: number;
  /** The fields being written, with a default for each one never filled. */
  draft: ProposalDraft;
  /** The fields of the latest submitted version (what is ruled on), or null before any submission. */
  submitted: ProposalDraft | null;
  versions: { version: number; receiptNumber: string; submittedAt: Date; digest: string }[];
};

/** A proposal of the contest at this address, for an admin; ContestNotFound or ProposalNotFound otherwise. */
export async function findContestProposal(slug: string | undefined, proposalId: number, sql: Sql = db) {
  const contest = await requireContestBySlug(slug, sql);
  const proposal = await findProposalForAdmin(proposalId, contest.id, sql);
  if (!proposal) throw new ProposalNotFound();
  return { contest, proposal };
}

export async function findProposalForAdmin(proposalId: number, contestId: number, sql: Sql = db): Promise<AdminProposal | null> {
  const [row]: [(AdminProposalRow & { contestId: number; draft: Partial<ProposalDraft>; submittedFields: ProposalDraft | null })?] = await sql`
    select p.id, p.contest_id, p.title, p.status, p.current_version, u.name as owner_name, u.email as owner_email, p.draft,
           v.submitted_at, v.receipt_number, p.ineligibility_reason, p.updated_at, v.content -> 'fields' as submitted_fields
    from proposals p
    join users u on u.id = p.owner_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    where p.id = ${proposalId} and p.contest_id = ${contestId}`;
  if (!row) return null;
  const versions = await sql<AdminProposal["versions"]>`
    select version, receipt_number, submitted_at, digest from proposal_versions
    where proposal_id = ${proposalId} order by version desc`;
  const { submittedFields, ...proposal } = row;
  return {
    ...proposal,
    draft: { ...emptyDraft, ...row.draft },
    submitted: submittedFields ? { ...emptyDraft, ...submittedFields } : null,
    versions,
  };
}
