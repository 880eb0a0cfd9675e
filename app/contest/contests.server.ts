import { appendAudit } from "~/audit/audit.server";
import { db, violatesConstraint, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { calendarOf, contestPhase, type ContestCalendar, type Phase } from "./phase";
import type { ContestInput } from "./schemas";

export type Criterion = { id: number; position: number; label: string; description: string; weight: number };

export type Contest = {
  id: number;
  slug: string;
  title: string;
  rules: string;
  calendar: ContestCalendar;
  themes: string[];
  audiences: string[];
  limits: { maxPhotos: number; maxPhotoBytes: number; maxPhotoPixels: number; maxDocuments: number; maxDocumentBytes: number };
  criteria: Criterion[];
  createdAt: Date;
  updatedAt: Date;
};

export const ContestNotFound = notFoundOf("ContestNotFound", "Concours introuvable.");

/** Another contest already answers at this address. */
export class SlugTaken extends Conflict {
  override name = "SlugTaken";
  constructor(readonly slug: string) {
    super(`L'identifiant d'adresse « ${slug} » est déjà celui d'un autre concours.`, "slug");
  }
}

/** The contest's calendar may not move this way now (its phase has begun, or the dates would cross). */
export class CalendarLocked extends Conflict {
  override name = "CalendarLocked";
  constructor(message: string) {
    super(message, "submissionsCloseAt");
  }
}

type ContestRow = {
  id: number;
  slug: string;
  title: string;
  rules: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  reviewOpenAt: Date;
  reviewCloseAt: Date;
  resultsAt: Date;
  themes: string[];
  audiences: string[];
  maxPhotos: number;
  maxPhotoBytes: number;
  maxPhotoPixels: number;
  maxDocuments: number;
  maxDocumentBytes: number;
  createdAt: Date;
  updatedAt: Date;
};

function toContest(row: ContestRow, criteria: Criterion[]): Contest {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    rules: row.rules,
    calendar: calendarOf(row),
    themes: row.themes,
    audiences: row.audiences,
    limits: {
      maxPhotos: row.maxPhotos,
      maxPhotoBytes: row.maxPhotoBytes,
      maxPhotoPixels: row.maxPhotoPixels,
      maxDocuments: row.maxDocuments,
      maxDocumentBytes: row.maxDocumentBytes,
    },
    criteria,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function criteriaOf(contestId: number, sql: Sql) {
  return sql<Criterion[]>`
    select id, position, label, description, weight
    from contest_criteria where contest_id = ${contestId} order by position`;
}

export async function findContestBySlug(slug: string, sql: Sql = db): Promise<Contest | null> {
  const [row]: [ContestRow?] = await sql`select * from contests where slug = ${slug}`;
  return row ? toContest(row, await criteriaOf(row.id, sql)) : null;
}

/** The contest at this address (its slug, from a route's parameter); ContestNotFound otherwise. */
export async function requireContestBySlug(slug: string | undefined, sql: Sql = db): Promise<Contest> {
  const contest = slug ? await findContestBySlug(slug, sql) : null;
  if (!contest) throw new ContestNotFound();
  return contest;
}

export async function findContestById(id: number, sql: Sql = db): Promise<Contest | null> {
  const [row]: [ContestRow?] = await sql`select * from contests where id = ${id}`;
  return row ? toContest(row, await criteriaOf(row.id, sql)) : null;
}

export type ContestSummary = { id: number; slug: string; title: string; phase: Phase; calendar: ContestCalendar };

/** The contest, its row locked for the rest of the transaction (sealing, decisions and publication queue on it); ContestNotFound otherwise. */
export async function lockContest(id: number, tx: Sql): Promise<Contest> {
  const [locked] = await tx`select id from contests where id = ${id} for update`;
  if (!locked) throw new ContestNotFound();
  return (await findContestById(id, tx))!;
}

export async function listContests(now: Date, sql: Sql = db): Promise<ContestSummary[]> {
  const rows = await sql<ContestRow[]>`select * from contests order by submissions_open_at desc`;
  return rows.map((row) => {
    const contest = toContest(row, []);
    return { id: row.id, slug: row.slug, title: row.title, calendar: contest.calendar, phase: contestPhase(contest.calendar, now) };
  });
}

/** The contest shown on /concours: the latest one whose submissions have opened. */
export async function currentPublicContest(now: Date, sql: Sql = db): Promise<Contest | null> {
  const [row]: [ContestRow?] = await sql`
    select * from contests where submissions_open_at <= ${now}
    order by submissions_open_at desc limit 1`;
  return row ? toContest(row, await criteriaOf(row.id, sql)) : null;
}

async function replaceCriteria(contestId: number, criteria: ContestInput["criteria"], tx: Sql) {
  await tx`delete from contest_criteria where contest_id = ${contestId}`;
  for (const [index, criterion] of criteria.entries()) {
    await tx`
      insert into contest_criteria (contest_id, position, label, description, weight)
      values (${contestId}, ${index + 1}, ${criterion.label}, ${criterion.description}, ${criterion.weight})`;
  }
}

export async function createContest(input: ContestInput, actorId: number, sql: Sql = db): Promise<Contest> {
  try {
    return await transaction(sql, async (tx) => {
      const [row] = await tx<ContestRow[]>`
        insert into contests (slug, title, rules, submissions_open_at, submissions_close_at, review_open_at,
                              review_close_at, results_at, themes, audiences, max_photos, max_photo_bytes,
                              max_photo_pixels, max_documents, max_document_bytes)
        values (${input.slug}, ${input.title}, ${input.rules}, ${input.calendar.submissionsOpenAt},
                ${input.calendar.submissionsCloseAt}, ${input.calendar.reviewOpenAt}, ${input.calendar.reviewCloseAt},
                ${input.calendar.resultsAt}, ${input.themes}, ${input.audiences}, ${input.limits.maxPhotos},
                ${input.limits.maxPhotoBytes}, ${input.limits.maxPhotoPixels}, ${input.limits.maxDocuments},
                ${input.limits.maxDocumentBytes})
        returning *`;
      await replaceCriteria(row.id, input.criteria, tx);
      await appendAudit(tx, { actorId, action: "contest.created", subject: `contest:${row.id}`, data: { slug: input.slug, title: input.title } });
      return toContest(row, await criteriaOf(row.id, tx));
    });
  } catch (error) {
    if (violatesConstraint(error, "contests_slug_key")) throw new SlugTaken(input.slug);
    throw error;
  }
}

/**
 * Edits a contest. Once submissions have opened, their opening and closing dates no longer move
 * through this form: the deadline only moves later, with a reason, through extendDeadline.
 */
export async function updateContest(contestId: number, input: ContestInput, actorId: number, now: Date, sql: Sql = db) {
  try {
    return await transaction(sql, async (tx) => {
      const [current]: [ContestRow?] = await tx`select * from contests where id = ${contestId} for update`;
      if (!current) return null;
      const opened = current.submissionsOpenAt.getTime() <= now.getTime();
      if (
        opened &&
        (input.calendar.submissionsOpenAt.getTime() !== current.submissionsOpenAt.getTime() ||
          input.calendar.submissionsCloseAt.getTime() !== current.submissionsCloseAt.getTime())
      ) {
        throw new CalendarLocked(
          "Les candidatures sont ouvertes : leurs dates d'ouverture et de clôture ne se modifient plus ici. Pour repousser la clôture, utilisez la prolongation.",
        );
      }
      const [row] = await tx<ContestRow[]>`
        update contests set
          slug = ${input.slug}, title = ${input.title}, rules = ${input.rules},
          submissions_open_at = ${input.calendar.submissionsOpenAt}, submissions_close_at = ${input.calendar.submissionsCloseAt},
          review_open_at = ${input.calendar.reviewOpenAt}, review_close_at = ${input.calendar.reviewCloseAt},
          results_at = ${input.calendar.resultsAt}, themes = ${input.themes}, audiences = ${input.audiences},
          max_photos = ${input.limits.maxPhotos}, max_photo_bytes = ${input.limits.maxPhotoBytes},
          max_photo_pixels = ${input.limits.maxPhotoPixels}, max_documents = ${input.limits.maxDocuments},
          max_document_bytes = ${input.limits.maxDocumentBytes}, updated_at = now()
        where id = ${contestId}
        returning *`;
      await replaceCriteria(contestId, input.criteria, tx);
      await appendAudit(tx, { actorId, action: "contest.updated", subject: `contest:${contestId}`, data: { slug: input.slug, title: input.title } });
      return toContest(row, await criteriaOf(contestId, tx));
    });
  } catch (error) {
    if (violatesConstraint(error, "contests_slug_key")) throw new SlugTaken(input.slug);
    throw error;
  }
}

/** Moves the submission deadline later, never earlier, and records why in the audit log. */
export async function extendDeadline(input: { contestId: number; submissionsCloseAt: Date; reason: string; actorId: number }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    const [current]: [ContestRow?] = await tx`select * from contests where id = ${input.contestId} for update`;
    if (!current) return null;
    if (input.submissionsCloseAt.getTime() <= current.submissionsCloseAt.getTime()) {
      throw new CalendarLocked("La nouvelle date de clôture doit être postérieure à la date actuelle de clôture.");
    }
    if (input.submissionsCloseAt.getTime() > current.reviewOpenAt.getTime()) {
      throw new CalendarLocked("La clôture ne peut être repoussée après le début de l'évaluation : déplacez d'abord celui-ci.");
    }
    await tx`update contests set submissions_close_at = ${input.submissionsCloseAt}, updated_at = now() where id = ${input.contestId}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "contest.deadline_extended",
      subject: `contest:${input.contestId}`,
      data: { from: current.submissionsCloseAt.toISOString(), to: input.submissionsCloseAt.toISOString(), reason: input.reason },
    });
    return findContestById(input.contestId, tx);
  });
}
