// What the admin deliberates on: the figures computed from the sealed snapshot (never from the live
// reviews), with the entries' titles and candidates, the jurors' names, the decisions taken so far
// and whether the results can be published.
import { findContestBySlug, type Contest } from "~/contest/contests.server";
import { contestPhase, type Phase } from "~/contest/phase";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import type { ProposalStatus } from "~/submissions/statuses";
import type { AgreementLevel } from "./agreement";
import type { DecisionOutcome, RankingFilter } from "./decision-schemas";
import { findSealWithFigures, type Seal } from "./seal.server";
import type { Deliberation, EntryScore, JurorStats } from "./scoring";
import type { SealedCriterion } from "./snapshot";

export type DeliberationEntry = EntryScore & {
  proposalId: number;
  title: string;
  candidateName: string;
  organisationName: string;
  status: ProposalStatus;
  decision: { outcome: DecisionOutcome; motivation: string; finalUnitPriceCents: number | null; finalMonthlyCapacity: number | null } | null;
};

export type DeliberationJuror = JurorStats & { userId: number; name: string };

export type DeliberationView = {
  phase: Phase;
  /** Null before the seal: nothing to deliberate on yet. */
  seal: null | {
    sealedAt: Date;
    sealedByName: string | null;
    digest: string;
    criteria: SealedCriterion[];
    ranking: DeliberationEntry[];
    jurors: DeliberationJuror[];
    incomplete: { proposalId: number; jurorName: string }[];
    panel: { reviewCount: number; mean: number | null; sd: number | null };
    agreement: { alpha: number | null; level: AgreementLevel; interpretation: string; pairableUnits: number; pairableValues: number };
  };
  publication: { publishedAt: Date; publishedByName: string | null } | null;
  /** Eligible entries still without a decision (titles), which publication waits for. */
  undecided: { proposalId: number; title: string }[];
  decidedCount: number;
  canSeal: boolean;
  canDecide: boolean;
  canPublish: boolean;
};

export const RANKING_PAGE_SIZE = 50;

/**
 * The deliberation page: one page of the ranking, the counts instead of the lists they summarise.
 * The jurors' figures have a page of their own (loadDeliberationJurors): 200 rows at national size.
 */
export type DeliberationPage = Omit<DeliberationView, "seal" | "undecided"> & {
  undecidedCount: number;
  seal:
    | null
    | (Omit<NonNullable<DeliberationView["seal"]>, "ranking" | "jurors"> & {
        entryCount: number;
        jurorCount: number;
        ranking: Paged<DeliberationEntry>;
      });
};

/**
 * What a filter reads of an entry (its decision, its reviewers' disagreement), and whether it reads
 * the decision: only then are the decisions read from the database. `matches: null` keeps every
 * entry without walking the ranking (5,000 entries at national size).
 */
const rankingFilters: Record<
  RankingFilter,
  { readsDecision: boolean; matches: ((entry: { outcome: DecisionOutcome | null; disagreement: boolean }) => boolean) | null }
> = {
  all: { readsDecision: false, matches: null },
  undecided: { readsDecision: true, matches: (entry) => entry.outcome === null },
  laureate: { readsDecision: true, matches: (entry) => entry.outcome === "laureate" },
  not_retained: { readsDecision: true, matches: (entry) => entry.outcome === "not_retained" },
  disagreement: { readsDecision: false, matches: (entry) => entry.disagreement },
};

type EntryState = { id: number; status: ProposalStatus; outcome: DecisionOutcome | null };

type EntryRow = EntryState & {
  title: string;
  ownerName: string;
  organisationName: string | null;
  motivation: string | null;
  finalUnitPriceCents: number | null;
  finalMonthlyCapacity: number | null;
};

/** The entries of the deliberation: eligible ones (and, after publication, what they became). */
const deliberated = (sql: Sql, contestId: number) => sql`p.contest_id = ${contestId} and p.status in ('eligible', 'laureate', 'not_retained')`;

/** The entries' titles, candidates and decisions: all of them, or those of `ids`. */
function entryRows(sql: Sql, contestId: number, ids?: number[]) {
  return sql<EntryRow[]>`
    select p.id, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title, p.status, u.name as owner_name,
           v.content -> 'fields' ->> 'organisationName' as organisation_name,
           d.outcome, d.motivation, d.final_unit_price_cents, d.final_monthly_capacity
    from proposals p
    join users u on u.id = p.owner_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    left join decisions d on d.proposal_id = p.id
    where ${deliberated(sql, contestId)} ${ids ? sql`and p.id = any(${ids}::bigint[])` : sql``}
    order by p.id`;
}

export async function findPublication(contestId: number, sql: Sql = db) {
  const [row]: [{ publishedAt: Date; publishedByName: string | null }?] = await sql`
    select p.published_at, u.name as published_by_name
    from publications p left join users u on u.id = p.published_by
    where p.contest_id = ${contestId}`;
  return row ?? null;
}

/** The contest whose results are deliberated at /admin/concours/:slug/deliberation…; NotFound when there is none. */
export async function contestToDeliberate(slug: string | undefined, sql: Sql = db): Promise<Contest> {
  const contest = await findContestBySlug(slug ?? "", sql);
  if (!contest) throw new NotFound("Concours introuvable.");
  return contest;
}

/** Everything the deliberation's pages show, with every entry of the ranking (the publication page, an entry's page). */
export async function loadDeliberation(contest: Contest, now: Date, sql: Sql = db): Promise<DeliberationView> {
  return (await computeDeliberation(contest, now, sql)).view;
}

/**
 * What /admin/concours/:slug/deliberation shows: the ranking is computed over every entry (a rank
 * is a position among all of them, whatever the filter), then filtered and cut into pages; only
 * the page's entries are read in full.
 */
export async function loadDeliberationPage(
  contest: Contest,
  input: { now: Date; filter: RankingFilter; page: number; pageSize?: number },
  sql: Sql = db,
): Promise<DeliberationPage> {
  const pageSize = input.pageSize ?? RANKING_PAGE_SIZE;
  // The counts are counted by PostgreSQL; the decisions are read only when the filter is on them
  // (5,000 rows read and parsed at each view were most of the page's cost at national size).
  const filter = rankingFilters[input.filter];
  const [basis, [counts], decided] = await Promise.all([
    deliberationBasis(contest, input.now, sql),
    sql<{ undecided: number; decided: number }[]>`
      select count(*) filter (where p.status = 'eligible' and d.outcome is null)::int as undecided, count(d.outcome)::int as decided
      from proposals p left join decisions d on d.proposal_id = p.id
      where ${deliberated(sql, contest.id)}`,
    filter.readsDecision
      ? sql<{ id: number; outcome: DecisionOutcome }[]>`
          select p.id, d.outcome from proposals p join decisions d on d.proposal_id = p.id
          where ${deliberated(sql, contest.id)}`
      : [],
  ]);
  const undecidedCount = counts.undecided;
  const view = {
    ...basis.view,
    undecidedCount,
    decidedCount: counts.decided,
    ...abilities(basis, undecidedCount),
  };
  if (!basis.seal || !basis.figures) return { ...view, seal: null };
  const outcomes = new Map(decided.map((row) => [row.id, row.outcome]));
  const { matches } = filter;
  const listed = matches
    ? basis.figures.ranking.filter((score) => matches({ outcome: outcomes.get(Number(score.entryId)) ?? null, disagreement: score.disagreement }))
    : basis.figures.ranking;
  const start = offsetOf(input.page, pageSize);
  const shown = listed.slice(start, start + pageSize);
  const rows = await entryRows(
    sql,
    contest.id,
    shown.map((score) => Number(score.entryId)),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    ...view,
    seal: {
      ...sealSummary(basis.seal, basis.figures, basis.names),
      jurorCount: basis.figures.jurors.length,
      entryCount: basis.figures.ranking.length,
      ranking: paged(
        shown.map((score) => entryOf(score, byId)),
        listed.length,
        input.page,
        pageSize,
      ),
    },
  };
}

/** Each juror's figures of the sealed scores, named; null before the seal. */
export async function loadDeliberationJurors(contest: Contest, now: Date, sql: Sql = db): Promise<DeliberationJuror[] | null> {
  const { figures, names } = await deliberationBasis(contest, now, sql);
  return figures ? namedJurors(figures, names) : null;
}

/** The seal, its figures, the jurors' names and the publication: what every deliberation page starts from. */
async function deliberationBasis(contest: Contest, now: Date, sql: Sql) {
  const phase = contestPhase(contest.calendar, now);
  const [sealed, publication] = await Promise.all([findSealWithFigures(contest.id, sql), findPublication(contest.id, sql)]);
  const seal = sealed?.seal ?? null;
  const jurorIds = sealed?.jurorIds ?? [];
  const names = new Map(
    jurorIds.length === 0
      ? []
      : (await sql<{ id: number; name: string }[]>`select id, name from users where id = any(${jurorIds}::bigint[])`).map((u) => [u.id, u.name]),
  );
  return { seal, figures: sealed?.figures ?? null, names, view: { phase, publication } };
}

function abilities(basis: Awaited<ReturnType<typeof deliberationBasis>>, undecidedCount: number) {
  const { seal, view } = basis;
  const reviewClosed = view.phase === "deliberation" || view.phase === "results_published";
  return {
    canSeal: reviewClosed && !seal,
    canDecide: seal !== null && view.publication === null,
    canPublish: seal !== null && view.publication === null && undecidedCount === 0,
  };
}

function entryOf(score: EntryScore, byId: Map<number, EntryRow>): DeliberationEntry {
  const proposalId = Number(score.entryId);
  const row = byId.get(proposalId);
  return {
    ...score,
    proposalId,
    title: row?.title || "(sans titre)",
    candidateName: row?.ownerName ?? "—",
    organisationName: row?.organisationName ?? "",
    status: row?.status ?? "eligible",
    decision: row?.outcome
      ? {
          outcome: row.outcome,
          motivation: row.motivation!,
          finalUnitPriceCents: row.finalUnitPriceCents,
          finalMonthlyCapacity: row.finalMonthlyCapacity,
        }
      : null,
  };
}

function namedJurors(figures: Deliberation, names: Map<number, string>): DeliberationJuror[] {
  return figures.jurors.map((j) => ({ ...j, userId: Number(j.jurorId), name: names.get(Number(j.jurorId)) ?? `Membre n° ${j.jurorId}` }));
}

/** The seal as the pages describe it, without the ranking and the jurors' figures. */
function sealSummary(seal: Seal, figures: Deliberation, names: Map<number, string>) {
  return {
    sealedAt: seal.sealedAt,
    sealedByName: seal.sealedByName,
    digest: seal.digest,
    criteria: seal.snapshot.criteria,
    incomplete: figures.incomplete.map((i) => ({
      proposalId: Number(i.entryId),
      jurorName: names.get(Number(i.jurorId)) ?? `Membre n° ${i.jurorId}`,
    })),
    panel: figures.panel,
    agreement: {
      alpha: figures.agreement.alpha,
      level: figures.agreement.level,
      interpretation: figures.agreement.interpretation,
      pairableUnits: figures.agreement.pairableUnits,
      pairableValues: figures.agreement.pairableValues,
    },
  };
}

/** The view, with what it was computed from (the seal, the figures, the jurors' names): computed once per request. */
async function computeDeliberation(contest: Contest, now: Date, sql: Sql) {
  const [basis, rows] = await Promise.all([deliberationBasis(contest, now, sql), entryRows(sql, contest.id)]);
  const { seal, figures, names } = basis;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const undecided = rows.filter((row) => row.status === "eligible" && row.outcome === null).map((row) => ({ proposalId: row.id, title: row.title }));
  const view: DeliberationView = {
    ...basis.view,
    seal:
      seal && figures
        ? { ...sealSummary(seal, figures, names), jurors: namedJurors(figures, names), ranking: figures.ranking.map((score) => entryOf(score, byId)) }
        : null,
    undecided,
    decidedCount: rows.filter((row) => row.outcome !== null).length,
    ...abilities(basis, undecided.length),
  };
  return { view, seal, figures, names };
}

export type EntryReview = {
  jurorName: string;
  /** Weighted mean of this review, 0–5; null when a weighted criterion is unscored. */
  total: number | null;
  /** The review on its juror's own scale (z-score); null when incomplete. */
  z: number | null;
  scores: Record<string, number>;
  commentForAdmins: string;
  commentForCandidate: string;
};

/** One entry of the deliberation with its sealed reviews (juror names included: admins only). */
export async function loadEntryDeliberation(contest: Contest, proposalId: number, now: Date, sql: Sql = db) {
  const { view, seal, figures, names } = await computeDeliberation(contest, now, sql);
  const entry = view.seal?.ranking.find((e) => e.proposalId === proposalId) ?? null;
  let reviews: EntryReview[] = [];
  if (seal && figures && entry) {
    const scored = new Map(figures.reviews.filter((r) => r.entryId === String(proposalId)).map((r) => [r.jurorId, r]));
    reviews = seal.snapshot.reviews
      .filter((r) => r.proposal === proposalId)
      .map((r) => {
        const s = scored.get(String(r.juror));
        return {
          jurorName: names.get(r.juror) ?? `Membre n° ${r.juror}`,
          total: s?.total ?? null,
          z: s?.z ?? null,
          scores: r.scores,
          commentForAdmins: r.commentForAdmins,
          commentForCandidate: r.commentForCandidate,
        };
      });
  }
  return { view, entry, reviews };
}
