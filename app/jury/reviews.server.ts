// The juror's side of the review: their contests and entries, an entry as a juror may see it
// (anonymised fields, processed files under neutral names), the scoring grid, and the conflict a
// juror declares while reviewing (with an automatic replacement).
//
// What a juror reaches is decided in one place, `visibleAssignment` below: an assignment of theirs,
// in a contest they still hold the juror role for, on a submitted entry, with no active conflict.
// Anything else is "not found" — never "forbidden", which would confirm the entry exists.
import { appendAudit } from "~/audit/audit.server";
import { findContestById, type Contest, type Criterion } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { calendarOf, contestPhase, type ContestCalendar, type Phase } from "~/contest/phase";
import { config } from "~/infra/config.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound, notFoundOf, Refused, type FieldErrors } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { resolveDeps, type MediaDeps, type OpenedFile } from "~/media/files.server";
import { queueMail } from "~/mail/outbox.server";
import type { FileKind, Variant } from "~/media/media";
import { openProcessedFile } from "~/submissions/proposal-files.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import type { FrozenFile } from "~/submissions/version";
import { scoreProblems, type ReviewIntent, type ReviewState, type Scores } from "./review-schemas";

/** The entry does not exist, or this juror may not see it: both answer 404. */
export const EntryNotFound = notFoundOf("EntryNotFound", "Entrée introuvable.");

/** The phase (by the server clock), the seal or the review's state does not allow this; the message says why, in French. */
export class ReviewLocked extends Conflict {
  override name = "ReviewLocked";
}

/** Scores or comments that break the grid's rules, every one by its field (`score-<id>`, `_form`). */
export class ReviewInvalid extends Refused {
  override name = "ReviewInvalid";
  constructor(readonly errors: FieldErrors) {
    super("La grille d'évaluation contient des erreurs.");
  }

  override fieldErrors(): FieldErrors {
    return this.errors;
  }
}

// Proposals a juror may review: submitted at least once and still in the running (a withdrawn or
// ineligible entry leaves the juror's list).
const reviewableStatuses = ["submitted", "eligible", "laureate", "not_retained"];

/** "Entrée n° 12": how a juror names an entry; the proposal's id says nothing of who made it. */
export function entryLabel(proposalId: number): string {
  return `Entrée n° ${proposalId}`;
}

/**
 * The fields a juror sees, copied field by field from a whitelist: team, organisation and SIRET
 * are left out on the server (not merely hidden by the page, whose data reaches the browser), and
 * a field added to drafts later stays out until someone decides a juror may read it.
 */
export function anonymousFields(fields: Partial<ProposalDraft>): ProposalDraft {
  const f = { ...emptyDraft, ...fields };
  return {
    ...emptyDraft,
    title: f.title,
    pitch: f.pitch,
    description: f.description,
    themes: f.themes,
    audiences: f.audiences,
    items: f.items,
    unitPrice: f.unitPrice,
    monthlyCapacity: f.monthlyCapacity,
    leadTimeDays: f.leadTimeDays,
    licence: f.licence,
    accessibility: f.accessibility,
    environment: f.environment,
  };
}

/** Holds the juror role for the contest: scoped to it, or national. */
type SqlValue = Parameters<Sql>[1];
const holdsJurorRole = (sql: Sql, userId: SqlValue, contestId: SqlValue) => sql`
  exists (select 1 from memberships m
          where m.user_id = ${userId} and m.role = 'juror' and (m.scope = '*' or m.scope = 'contest:' || ${contestId}))`;

/** The visibility rule, as a condition on `a` (assignments) and `p` (proposals). */
const visibleAssignment = (sql: Sql) => sql`
  p.contest_id = a.contest_id
  and p.current_version > 0
  and p.status in ${sql(reviewableStatuses)}
  and not exists (select 1 from conflicts c
                  where c.proposal_id = a.proposal_id and c.user_id = a.user_id and c.lifted_at is null)
  and exists (select 1 from memberships m
              where m.user_id = a.user_id and m.role = 'juror' and (m.scope = '*' or m.scope = 'contest:' || a.contest_id))`;

type Access = { proposalId: number; contestId: number; currentVersion: number; ownerId: number };

/** The assignment if the juror may see the entry, else null. `lock` holds the assignment row till the transaction ends. */
async function findAccess(proposalId: number, jurorId: number, sql: Sql, lock = false): Promise<Access | null> {
  const [row]: [Access?] = await sql`
    select a.proposal_id, a.contest_id, p.current_version, p.owner_id
    from assignments a
    join proposals p on p.id = a.proposal_id
    join jurors j on j.contest_id = a.contest_id and j.user_id = a.user_id
    where a.proposal_id = ${proposalId} and a.user_id = ${jurorId} and ${visibleAssignment(sql)}
    ${lock ? sql`for update of a` : sql``}`;
  return row ?? null;
}

// The juror's space ---------------------------------------------------------------------------------

export type JurorContest = {
  id: number;
  slug: string;
  title: string;
  calendar: ContestCalendar;
  tiesDeclaredAt: Date | null;
};

type CalendarRow = {
  id: number;
  slug: string;
  title: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  reviewOpenAt: Date;
  reviewCloseAt: Date;
  resultsAt: Date;
  tiesDeclaredAt: Date | null;
};

/** The contests the person sits on as a juror (a jurors row and the role for it), latest review first. */
export async function listJurorContests(userId: number, sql: Sql = db): Promise<JurorContest[]> {
  const rows = await sql<CalendarRow[]>`
    select c.id, c.slug, c.title, c.submissions_open_at, c.submissions_close_at, c.review_open_at,
           c.review_close_at, c.results_at, j.ties_declared_at
    from jurors j join contests c on c.id = j.contest_id
    where j.user_id = ${userId} and ${holdsJurorRole(sql, userId, sql`c.id`)}
    order by c.review_close_at desc, c.id desc`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    calendar: calendarOf(row),
    tiesDeclaredAt: row.tiesDeclaredAt,
  }));
}

export type JurorEntry = { id: number; label: string; title: string; state: ReviewState; updatedAt: Date | null };

export type JurySpaceContest = JurorContest & {
  phase: Phase;
  entries: JurorEntry[];
  submitted: number;
};

/** /jury: each contest of the juror with the entries they may see, and how many reviews they have submitted. */
export async function jurySpace(userId: number, now: Date, sql: Sql = db): Promise<JurySpaceContest[]> {
  const contests = await listJurorContests(userId, sql);
  if (contests.length === 0) return [];
  const rows = await sql<
    { contestId: number; id: number; title: string | null; status: "in_progress" | "submitted" | null; updatedAt: Date | null }[]
  >`
    select a.contest_id, p.id, v.content -> 'fields' ->> 'title' as title, r.status, r.updated_at
    from assignments a
    join proposals p on p.id = a.proposal_id
    join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    left join reviews r on r.proposal_id = a.proposal_id and r.user_id = a.user_id
    where a.user_id = ${userId} and a.contest_id in ${sql(contests.map((c) => c.id))} and ${visibleAssignment(sql)}
    order by a.contest_id, p.id`;
  return contests.map((contest) => {
    const entries = rows
      .filter((row) => row.contestId === contest.id)
      .map((row) => ({
        id: row.id,
        label: entryLabel(row.id),
        title: row.title || "(sans titre)",
        state: (row.status ?? "not_started") as ReviewState,
        updatedAt: row.updatedAt,
      }));
    return {
      ...contest,
      phase: contestPhase(contest.calendar, now),
      entries,
      submitted: entries.filter((e) => e.state === "submitted").length,
    };
  });
}

// One entry ---------------------------------------------------------------------------------------

/**
 * A processed file of the entry, named by its rank only ("Photo 2"): display names may carry a name.
 * A photo's description, written by the candidate like the rest of the proposal's text, is shown as submitted.
 */
export type EntryFile = {
  id: number;
  kind: FileKind;
  label: string;
  description: string | null;
  width: number | null;
  height: number | null;
  pages: number | null;
};

export type JurorReview = {
  state: ReviewState;
  scores: Scores;
  commentForAdmins: string;
  commentForCandidate: string;
  submittedAt: Date | null;
  updatedAt: Date | null;
};

export type EntryForJuror = {
  id: number;
  label: string;
  fields: ProposalDraft;
  files: EntryFile[];
  contest: { id: number; title: string; calendar: ContestCalendar; criteria: Criterion[] };
  phase: Phase;
  /** Scores may change now (review phase, not sealed). */
  editable: boolean;
  /** Why not, in French, when not editable. */
  lockedReason: string | null;
  /** A conflict may be declared now (before the review closes, no submitted review); otherwise why not. */
  conflictDeclarable: boolean;
  conflictRefusal: string | null;
  review: JurorReview;
};

type VersionRow = { fields: Partial<ProposalDraft>; files: FrozenFile[] };

/** The version's files that are servable, numbered per kind in the version's order. */
async function entryFiles(proposalId: number, version: VersionRow, sql: Sql): Promise<EntryFile[]> {
  const ids = (version.files ?? []).map((f) => Number(f.id));
  if (ids.length === 0) return [];
  const rows = await sql<{ id: number; kind: FileKind; width: number | null; height: number | null; pages: number | null }[]>`
    select id, kind, width, height, pages from proposal_files
    where proposal_id = ${proposalId} and id in ${sql(ids)} and status = 'ready'
    order by id`;
  const counters: Record<FileKind, number> = { photo: 0, document: 0 };
  const frozen = new Map(version.files.map((f) => [Number(f.id), f]));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    label: `${row.kind === "photo" ? "Photo" : "Document"} ${++counters[row.kind]}`,
    description: frozen.get(row.id)?.description ?? null,
    width: row.width,
    height: row.height,
    pages: row.pages,
  }));
}

async function isSealed(contestId: number, sql: Sql): Promise<Date | null> {
  const [seal]: [{ sealedAt: Date }?] = await sql`select sealed_at from score_seals where contest_id = ${contestId}`;
  return seal?.sealedAt ?? null;
}

/** Why scores cannot change at `now`, or null when they can. */
function reviewLock(contest: Pick<Contest, "calendar">, now: Date, sealedAt: Date | null): string | null {
  const phase = contestPhase(contest.calendar, now);
  if (phase === "draft" || phase === "submissions_open" || phase === "submissions_closed") {
    return `L'évaluation ouvrira le ${formatParis(contest.calendar.reviewOpenAt)} (heure de Paris) : vous pourrez alors noter cette entrée.`;
  }
  if (phase !== "review") {
    return `L'évaluation est close depuis le ${formatParis(contest.calendar.reviewCloseAt)} (heure de Paris) : les notes ne peuvent plus être modifiées.`;
  }
  if (sealedAt) return `Les notes de ce concours ont été scellées le ${formatParis(sealedAt)} : elles ne peuvent plus être modifiées.`;
  return null;
}

export const submittedConflictRefusal =
  "Vous avez déjà soumis votre évaluation de cette entrée : pour déclarer un conflit d'intérêts, écrivez au gestionnaire du programme, qui pourra retirer votre évaluation.";

/** Why a conflict cannot be declared now, or null. Allowed from the assignment until the review closes. */
function conflictLock(contest: Pick<Contest, "calendar">, now: Date, reviewStatus: string | null): string | null {
  const phase = contestPhase(contest.calendar, now);
  if (phase !== "submissions_closed" && phase !== "review") {
    return "L'évaluation est close : pour signaler un conflit d'intérêts, écrivez au gestionnaire du programme.";
  }
  if (reviewStatus === "submitted") return submittedConflictRefusal;
  return null;
}

/** The entry's review page: the latest submitted version, anonymised, and the juror's review. EntryNotFound otherwise. */
export async function findEntryForJuror(input: { proposalId: number; jurorId: number; now: Date }, sql: Sql = db): Promise<EntryForJuror> {
  const access = await findAccess(input.proposalId, input.jurorId, sql);
  if (!access) throw new EntryNotFound();
  const contest = (await findContestById(access.contestId, sql))!;
  const [version]: [VersionRow?] = await sql`
    select content -> 'fields' as fields, content -> 'files' as files
    from proposal_versions where proposal_id = ${access.proposalId} and version = ${access.currentVersion}`;
  if (!version) throw new EntryNotFound();
  const [review]: [
    {
      status: "in_progress" | "submitted";
      scores: Scores;
      commentForAdmins: string;
      commentForCandidate: string;
      submittedAt: Date | null;
      updatedAt: Date;
    }?,
  ] = await sql`
    select status, scores, comment_for_admins, comment_for_candidate, submitted_at, updated_at
    from reviews where proposal_id = ${access.proposalId} and user_id = ${input.jurorId}`;
  const lockedReason = reviewLock(contest, input.now, await isSealed(contest.id, sql));
  const conflictRefusal = conflictLock(contest, input.now, review?.status ?? null);
  // Scores of criteria removed since (the contest edited mid-review) are not shown back.
  const criteriaIds = new Set(contest.criteria.map((c) => String(c.id)));
  const scores = Object.fromEntries(Object.entries(review?.scores ?? {}).filter(([id]) => criteriaIds.has(id)));
  return {
    id: access.proposalId,
    label: entryLabel(access.proposalId),
    fields: anonymousFields(version.fields),
    files: await entryFiles(access.proposalId, version, sql),
    contest: { id: contest.id, title: contest.title, calendar: contest.calendar, criteria: contest.criteria },
    phase: contestPhase(contest.calendar, input.now),
    editable: lockedReason === null,
    lockedReason,
    conflictDeclarable: conflictRefusal === null,
    conflictRefusal,
    review: {
      state: review?.status ?? "not_started",
      scores,
      commentForAdmins: review?.commentForAdmins ?? "",
      commentForCandidate: review?.commentForCandidate ?? "",
      submittedAt: review?.submittedAt ?? null,
      updatedAt: review?.updatedAt ?? null,
    },
  };
}

/**
 * A processed copy of one of the entry's files, for a juror who may see the entry, with a neutral
 * download name ("Entrée n° 12 - Photo 1.webp"). Only files of the version under review; originals never.
 */
export async function openEntryFile(
  input: { proposalId: number; jurorId: number; fileId: number; variant: Variant },
  deps: MediaDeps = {},
): Promise<OpenedFile> {
  const { sql } = resolveDeps(deps);
  const access = await findAccess(input.proposalId, input.jurorId, sql);
  if (!access) throw new EntryNotFound();
  const [version]: [VersionRow?] = await sql`
    select content -> 'fields' as fields, content -> 'files' as files
    from proposal_versions where proposal_id = ${access.proposalId} and version = ${access.currentVersion}`;
  const file = version ? (await entryFiles(access.proposalId, version, sql)).find((f) => f.id === input.fileId) : undefined;
  // Not a file of the version under review, or a variant its kind does not have.
  if (!file || (file.kind === "photo") === (input.variant === "clean")) throw new NotFound("Fichier introuvable.");
  const opened = await openProcessedFile({ fileId: file.id, variant: input.variant, proposalId: access.proposalId }, deps);
  return { ...opened, filename: `${entryLabel(access.proposalId).replace("n° ", "")} - ${file.label}.${file.kind === "photo" ? "webp" : "pdf"}` };
}

// Scoring -------------------------------------------------------------------------------------------

function isSealViolation(error: unknown) {
  const e = error as { code?: string; constraint_name?: string; constraintName?: string };
  return e?.code === "55000" && (e.constraint_name ?? e.constraintName) === "reviews_sealed";
}

export type SaveReview = {
  proposalId: number;
  jurorId: number;
  intent: ReviewIntent;
  scores: Scores;
  commentForAdmins: string;
  commentForCandidate: string;
  now: Date;
};

/**
 * Saves the juror's review: as a draft (`save`: status in_progress, scores may be partial) or
 * submitted (`submit`: every criterion scored, submitted_at set). Only during the review phase, by
 * the server clock, until the seal. A submitted review stays editable, but only by submitting again:
 * a draft save would quietly withdraw it from the ranking. Audited (review.saved, review.submitted)
 * in the same transaction.
 */
export async function saveReview(input: SaveReview, sql: Sql = db): Promise<{ state: "in_progress" | "submitted" }> {
  try {
    return await transaction(sql, async (tx) => {
      const access = await findAccess(input.proposalId, input.jurorId, tx, true);
      if (!access) throw new EntryNotFound();
      const contest = (await findContestById(access.contestId, tx))!;
      const locked = reviewLock(contest, input.now, await isSealed(contest.id, tx));
      if (locked) throw new ReviewLocked(locked);
      const problems = scoreProblems(contest.criteria, input.scores, input.intent);
      if (Object.keys(problems).length > 0) throw new ReviewInvalid(problems);
      const [current]: [{ status: string }?] = await tx`
        select status from reviews where proposal_id = ${access.proposalId} and user_id = ${input.jurorId}`;
      if (current?.status === "submitted" && input.intent === "save") {
        throw new ReviewLocked(
          "Cette évaluation est déjà soumise : pour la modifier, faites vos changements puis cliquez sur « Soumettre de nouveau ».",
        );
      }
      const status = input.intent === "submit" ? "submitted" : "in_progress";
      const submittedAt = status === "submitted" ? input.now : null;
      await tx`
        insert into reviews (proposal_id, user_id, status, scores, comment_for_admins, comment_for_candidate, submitted_at, updated_at)
        values (${access.proposalId}, ${input.jurorId}, ${status}, ${tx.json(input.scores)}, ${input.commentForAdmins},
                ${input.commentForCandidate}, ${submittedAt}, ${input.now})
        on conflict (proposal_id, user_id) do update
        set status = excluded.status, scores = excluded.scores, comment_for_admins = excluded.comment_for_admins,
            comment_for_candidate = excluded.comment_for_candidate, submitted_at = excluded.submitted_at,
            updated_at = excluded.updated_at`;
      await appendAudit(tx, {
        actorId: input.jurorId,
        action: status === "submitted" ? "review.submitted" : "review.saved",
        subject: `proposal:${access.proposalId}`,
        data: {
          contestId: access.contestId,
          jurorId: input.jurorId,
          scores: input.scores,
          commentForAdmins: input.commentForAdmins,
          commentForCandidate: input.commentForCandidate,
          ...(current?.status === "submitted" ? { resubmitted: true } : {}),
        },
      });
      return { state: status };
    });
  } catch (error) {
    // The seal was written between our check and our write: the trigger refused it.
    if (isSealViolation(error)) throw new ReviewLocked("Les notes de ce concours ont été scellées : elles ne peuvent plus être modifiées.");
    throw error;
  }
}

// Conflicts declared while reviewing ---------------------------------------------------------------

export const declaredReason = { kind: "declared", detail: "déclaré par le membre du jury" } as const;

export const noReplacementNote =
  "Aucun autre membre du jury disponible (sans conflit, pas déjà affecté, sous sa charge maximale) : l'entrée compte une évaluation de moins que prévu.";

/**
 * A juror declares a conflict on an entry assigned to them. In one transaction: the conflict
 * (source 'juror'), the assignment removed (with its draft review), and a replacement assigned —
 * the least-loaded juror of the contest who holds the role, is not disabled, has no active conflict
 * with the entry, is not already on it, is not its author and is under their maximum load; ties
 * broken by user id. Without one, the entry is left a review short, and the audit entry says so.
 *
 * Refused (ReviewLocked) once the review phase has closed, and when the juror has already submitted
 * their review: a submitted score is evidence the admins must weigh, so only they withdraw it.
 */
export async function declareConflict(
  input: { proposalId: number; jurorId: number; now: Date },
  sql: Sql = db,
): Promise<{ replacementId: number | null }> {
  return transaction(sql, async (tx) => {
    // Serialises declarations on the same entry, so two never pick the same replacement.
    await tx`select id from proposals where id = ${input.proposalId} for update`;
    const access = await findAccess(input.proposalId, input.jurorId, tx, true);
    if (!access) throw new EntryNotFound();
    const contest = (await findContestById(access.contestId, tx))!;
    const [review]: [{ status: string }?] = await tx`
      select status from reviews where proposal_id = ${access.proposalId} and user_id = ${input.jurorId}`;
    const refusal = conflictLock(contest, input.now, review?.status ?? null);
    if (refusal) throw new ReviewLocked(refusal);

    // A conflict lifted earlier by an admin comes back into force; its history is in the audit log.
    await tx`
      insert into conflicts (proposal_id, user_id, source, reasons, created_by, created_at)
      values (${access.proposalId}, ${input.jurorId}, 'juror', ${tx.json([declaredReason])}, ${input.jurorId}, ${input.now})
      on conflict (proposal_id, user_id) do update
      set source = 'juror', reasons = excluded.reasons, created_by = excluded.created_by, created_at = excluded.created_at,
          lifted_at = null, lifted_by = null, lift_reason = null`;
    // The review (a draft at most, see above) goes with the assignment (on delete cascade).
    await tx`delete from assignments where proposal_id = ${access.proposalId} and user_id = ${input.jurorId}`;

    const [replacement]: [{ userId: number; load: number }?] = await tx`
      select j.user_id, (select count(*)::int from assignments l where l.contest_id = j.contest_id and l.user_id = j.user_id) as load
      from jurors j
      join users u on u.id = j.user_id and u.disabled_at is null
      where j.contest_id = ${access.contestId}
        and j.user_id <> ${input.jurorId}
        and j.user_id <> ${access.ownerId}
        and ${holdsJurorRole(tx, tx`j.user_id`, access.contestId)}
        and not exists (select 1 from conflicts c where c.proposal_id = ${access.proposalId} and c.user_id = j.user_id and c.lifted_at is null)
        and not exists (select 1 from assignments x where x.proposal_id = ${access.proposalId} and x.user_id = j.user_id)
        and (j.max_load is null
             or (select count(*) from assignments l where l.contest_id = j.contest_id and l.user_id = j.user_id) < j.max_load)
      order by load, j.user_id
      limit 1`;
    if (replacement) {
      await tx`
        insert into assignments (proposal_id, user_id, contest_id, created_at)
        values (${access.proposalId}, ${replacement.userId}, ${access.contestId}, ${input.now})`;
      const [person] = await tx<{ email: string; name: string }[]>`select email, name from users where id = ${replacement.userId}`;
      await queueMail(
        {
          to: person.email,
          subject: `Une nouvelle entrée à évaluer — ${contest.title}`,
          text: [
            `Bonjour ${person.name},`,
            "",
            `Une entrée supplémentaire vous est confiée pour le concours « ${contest.title} » : l'entrée n° ${access.proposalId}, qu'un autre membre du jury ne pouvait pas évaluer.`,
            `Vous la trouverez dans votre espace : ${config().publicUrl.origin}/jury`,
            `L'évaluation reste ouverte jusqu'au ${formatParis(contest.calendar.reviewCloseAt)} (heure de Paris).`,
          ].join("\n"),
        },
        tx,
      );
    }
    await appendAudit(tx, {
      actorId: input.jurorId,
      action: "conflict.declared_by_juror",
      subject: `proposal:${access.proposalId}`,
      data: {
        contestId: access.contestId,
        jurorId: input.jurorId,
        draftReviewDiscarded: review !== undefined,
        replacementJurorId: replacement?.userId ?? null,
        ...(replacement ? {} : { note: noReplacementNote }),
      },
    });
    return { replacementId: replacement?.userId ?? null };
  });
}
