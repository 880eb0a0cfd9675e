// Publishing the results, once, and what the public sees of them afterwards (/laureats and the
// laureates' photos).
import { appendAudit } from "~/audit/audit.server";
import { lockContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { config } from "~/infra/config.server";
import { db, violatesConstraint, type Sql } from "~/infra/db.server";
import { Conflict } from "~/infra/domain-errors";
import { matchesEtag } from "~/infra/http-cache";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import type { MediaDeps } from "~/media/files.server";
import { MediaFileNotFound, type PhotoVariant } from "~/media/media";
import { openProcessedFile } from "~/submissions/proposal-files.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import type { DecisionOutcome } from "./decision-schemas";
import { resultMail } from "./result-mail";
import { findSeal } from "./seal.server";
import { deliberate, type SealedCriterion } from "./snapshot";

/** Publication is not possible (not sealed, entries undecided, already published); the message says why. */
export class PublicationRefused extends Conflict {
  constructor(
    message: string,
    readonly undecided: { proposalId: number; title: string }[] = [],
  ) {
    super(message);
  }
}

/** Each laureate's figures as published: from the sealed snapshot, frozen with the publication. */
export type PublicScores = {
  criteria: SealedCriterion[];
  laureates: Record<string, { reviewCount: number; overall: number | null; means: Record<string, number | null> }>;
};

export type PublicationSummary = { publishedAt: Date; laureates: number; notRetained: number; mails: number };

type DecidedEntry = {
  proposalId: number;
  title: string;
  ownerEmail: string;
  ownerName: string;
  outcome: DecisionOutcome;
  motivation: string;
  finalUnitPriceCents: number | null;
  finalMonthlyCapacity: number | null;
};

/**
 * Publishes a contest's results: only when the scores are sealed and every eligible entry has a
 * decision. In one transaction: the publication row (its primary key makes a second one
 * impossible), the proposals' statuses (laureate / not retained), the audit entry, and one e-mail
 * per eligible entry with its decision and motivation (ineligible candidates were told already).
 */
export async function publishResults(input: { contestId: number; actorId: number; now: Date }, sql: Sql = db): Promise<PublicationSummary> {
  try {
    return await transaction(sql, async (tx) => {
      // Decisions lock the same row: none can change while the results are being published.
      const contest = await lockContest(input.contestId, tx);
      const [published]: [{ publishedAt: Date }?] = await tx`select published_at from publications where contest_id = ${contest.id}`;
      if (published) {
        throw new PublicationRefused(
          `Les résultats de ce concours sont déjà publiés depuis le ${formatParis(published.publishedAt)} : une publication ne se refait pas.`,
        );
      }
      const seal = await findSeal(contest.id, tx);
      if (!seal) throw new PublicationRefused("Les notes ne sont pas encore scellées : scellez-les, délibérez, puis publiez.");

      const undecided = await tx<{ proposalId: number; title: string }[]>`
        select p.id as proposal_id, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title
        from proposals p
        left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
        left join decisions d on d.proposal_id = p.id
        where p.contest_id = ${contest.id} and p.status = 'eligible' and d.proposal_id is null
        order by p.id`;
      if (undecided.length > 0) {
        throw new PublicationRefused(
          `${undecided.length} proposition${undecided.length > 1 ? "s recevables n'ont" : " recevable n'a"} pas encore de décision : ` +
            `${undecided.map((u) => `« ${u.title || "(sans titre)"} »`).join(", ")}.`,
          undecided,
        );
      }
      const decided = await tx<DecidedEntry[]>`
        select p.id as proposal_id, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title,
               u.email as owner_email, u.name as owner_name,
               d.outcome, d.motivation, d.final_unit_price_cents, d.final_monthly_capacity
        from decisions d
        join proposals p on p.id = d.proposal_id
        join users u on u.id = p.owner_id
        left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
        where d.contest_id = ${contest.id} and p.status = 'eligible'
        order by p.id`;

      const figures = deliberate(seal.snapshot);
      const byEntry = new Map(figures.ranking.map((entry) => [Number(entry.entryId), entry]));
      const publicScores: PublicScores = { criteria: seal.snapshot.criteria, laureates: {} };
      for (const entry of decided) {
        if (entry.outcome !== "laureate") continue;
        const score = byEntry.get(entry.proposalId);
        publicScores.laureates[String(entry.proposalId)] = {
          reviewCount: score?.reviewCount ?? 0,
          overall: score?.rawMean ?? null,
          means: score?.criterionMeans ?? {},
        };
      }

      await tx`
        insert into publications (contest_id, published_at, published_by, public_scores)
        values (${contest.id}, ${input.now}, ${input.actorId}, ${tx.json(publicScores as never)})`;
      await tx`
        update proposals p set status = d.outcome, updated_at = now()
        from decisions d
        where d.proposal_id = p.id and p.contest_id = ${contest.id} and p.status = 'eligible'`;
      const laureates = decided.filter((d) => d.outcome === "laureate").map((d) => d.proposalId);
      const notRetained = decided.filter((d) => d.outcome === "not_retained").map((d) => d.proposalId);
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "results.published",
        subject: `contest:${contest.id}`,
        data: { laureates, notRetained, sealDigest: seal.digest, publishedAt: input.now.toISOString() },
      });

      const base = config().publicUrl;
      const comments = new Map<number, string[]>();
      for (const review of seal.snapshot.reviews) {
        const text = review.commentForCandidate.trim();
        if (text) comments.set(review.proposal, [...(comments.get(review.proposal) ?? []), text]);
      }
      for (const entry of decided) {
        const score = byEntry.get(entry.proposalId);
        await queueMail(
          resultMail({
            to: { email: entry.ownerEmail, name: entry.ownerName },
            contestTitle: contest.title,
            kitTitle: entry.title || "(sans titre)",
            outcome: entry.outcome,
            motivation: entry.motivation,
            finalUnitPriceCents: entry.finalUnitPriceCents,
            finalMonthlyCapacity: entry.finalMonthlyCapacity,
            criteria: seal.snapshot.criteria,
            criterionMeans: score?.criterionMeans ?? {},
            overall: score?.rawMean ?? null,
            reviewCount: score?.reviewCount ?? 0,
            commentsForCandidate: comments.get(entry.proposalId) ?? [],
            resultsUrl: new URL("/laureats", base).href,
            spaceUrl: new URL("/candidat", base).href,
          }),
          tx,
        );
      }
      return { publishedAt: input.now, laureates: laureates.length, notRetained: notRetained.length, mails: decided.length };
    });
  } catch (error) {
    // Two admins publishing at once: the primary key lets one through and stops the other here.
    if (violatesConstraint(error, "publications_pkey"))
      throw new PublicationRefused("Les résultats de ce concours sont déjà publiés : une publication ne se refait pas.");
    throw error;
  }
}

/** A laureate's photo as submitted, with the description frozen in that version (none in versions older than descriptions). */
export type LaureatePhoto = { id: number; width: number | null; height: number | null; description: string | null };

export type PublicLaureate = {
  proposalId: number;
  title: string;
  pitch: string;
  description: string;
  themes: string[];
  audiences: string[];
  organisationName: string;
  licence: string;
  finalUnitPriceCents: number;
  finalMonthlyCapacity: number;
  motivation: string;
  reviewCount: number;
  overall: number | null;
  means: { criterion: string; mean: number | null }[];
  photos: LaureatePhoto[];
};

export type PublishedContest = { contestId: number; slug: string; title: string; publishedAt: Date; laureates: PublicLaureate[] };

/** The laureates of every published contest, the latest publication first. Nothing else is public. */
export async function listPublishedResults(sql: Sql = db): Promise<PublishedContest[]> {
  return readPublished(undefined, sql);
}

/** The laureates of one contest, as published (what a catalogue of the kits reads); null before publication. */
export async function findPublishedResults(contestId: number, sql: Sql = db): Promise<PublishedContest | null> {
  const [contest] = await readPublished(contestId, sql);
  return contest ?? null;
}

async function readPublished(contestId: number | undefined, sql: Sql): Promise<PublishedContest[]> {
  const rows = await sql<
    {
      contestId: number;
      slug: string;
      contestTitle: string;
      publishedAt: Date;
      publicScores: PublicScores;
      proposalId: number | null;
      fields: ProposalDraft | null;
      motivation: string | null;
      finalUnitPriceCents: number | null;
      finalMonthlyCapacity: number | null;
      photos: LaureatePhoto[] | null;
    }[]
  >`
    select c.id as contest_id, c.slug, c.title as contest_title, pub.published_at, pub.public_scores,
           d.proposal_id, v.content -> 'fields' as fields, d.motivation, d.final_unit_price_cents, d.final_monthly_capacity,
           (select coalesce(json_agg(json_build_object('id', f.id, 'width', f.width, 'height', f.height, 'description', x ->> 'description') order by f.id), '[]'::json)
              from proposal_files f
              join jsonb_array_elements(v.content -> 'files') x on (x ->> 'id')::bigint = f.id and x ->> 'kind' = 'photo'
              where f.proposal_id = d.proposal_id and f.kind = 'photo' and f.status = 'ready'
           ) as photos
    from publications pub
    join contests c on c.id = pub.contest_id
    left join decisions d on d.contest_id = c.id and d.outcome = 'laureate'
    left join proposals p on p.id = d.proposal_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    ${contestId === undefined ? sql`` : sql`where c.id = ${contestId}`}
    order by pub.published_at desc, c.id, d.proposal_id`;
  const contests: PublishedContest[] = [];
  for (const row of rows) {
    let contest = contests[contests.length - 1];
    if (!contest || contest.contestId !== row.contestId) {
      contest = { contestId: row.contestId, slug: row.slug, title: row.contestTitle, publishedAt: row.publishedAt, laureates: [] };
      contests.push(contest);
    }
    if (row.proposalId === null) continue;
    const fields = { ...emptyDraft, ...(row.fields ?? {}) };
    const scores = row.publicScores.laureates?.[String(row.proposalId)];
    contest.laureates.push({
      proposalId: row.proposalId,
      title: fields.title || "(sans titre)",
      pitch: fields.pitch,
      description: fields.description,
      themes: fields.themes,
      audiences: fields.audiences,
      organisationName: fields.organisationName,
      licence: fields.licence,
      finalUnitPriceCents: row.finalUnitPriceCents!,
      finalMonthlyCapacity: row.finalMonthlyCapacity!,
      motivation: row.motivation!,
      reviewCount: scores?.reviewCount ?? 0,
      overall: scores?.overall ?? null,
      means: (row.publicScores.criteria ?? []).map((c) => ({ criterion: c.label, mean: scores?.means[c.id] ?? null })),
      photos: row.photos ?? [],
    });
  }
  return contests;
}

export type PublicPhoto = { etag: string; stream: NodeJS.ReadableStream | null };

/**
 * A processed photo of a laureate of a published contest, as submitted in the version the jury
 * judged. Anything else — another entry, an original, a file not ready, a document — is not found.
 * When the caller already holds this copy (`ifNoneMatch`), the stream is not opened: a 304.
 */
export async function openLaureatePhoto(
  input: { proposalId: number; fileId: number; variant: PhotoVariant; ifNoneMatch?: string | null },
  deps: MediaDeps = {},
): Promise<PublicPhoto> {
  const sql = deps.sql ?? db;
  const [file]: [{ readySha256: string }?] = await sql`
    select f.ready_sha256
    from proposal_files f
    join decisions d on d.proposal_id = f.proposal_id and d.outcome = 'laureate'
    join publications pub on pub.contest_id = d.contest_id
    join proposals p on p.id = f.proposal_id
    join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    where f.id = ${input.fileId} and f.proposal_id = ${input.proposalId} and f.kind = 'photo' and f.status = 'ready'
      and exists (select 1 from jsonb_array_elements(v.content -> 'files') x where x ->> 'id' = ${String(input.fileId)} and x ->> 'kind' = 'photo')`;
  if (!file) throw new MediaFileNotFound();
  // The three copies are derived from the same processed photo: its digest and the variant name one copy.
  const etag = `"${file.readySha256}-${input.variant}"`;
  if (matchesEtag(input.ifNoneMatch, etag)) {
    return { etag, stream: null };
  }
  const opened = await openProcessedFile({ fileId: input.fileId, variant: input.variant, proposalId: input.proposalId }, deps);
  return { etag, stream: opened.stream };
}

export type PublishedDecision = { outcome: "laureate" | "not_retained"; motivation: string; publishedAt: Date };

/** The jury's published decision on a proposal, for its candidate; null before publication. */
export async function publishedDecisionFor(proposalId: number, sql: Sql = db): Promise<PublishedDecision | null> {
  const [row]: [PublishedDecision?] = await sql`
    select d.outcome, d.motivation, p.published_at
    from decisions d join publications p on p.contest_id = d.contest_id
    where d.proposal_id = ${proposalId}`;
  return row ?? null;
}
