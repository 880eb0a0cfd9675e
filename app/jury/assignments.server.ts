// Who reviews what: the automatic assignment (the pure min-cost-flow solver of ./assignment-solver.ts fed
// from the database, its seed recorded), changes by hand, and reminders to jurors who have not
// finished. Every change holds the contest's jury lock (lockJury) and writes its audit entry in the
// same transaction. The database itself refuses an assignment in conflict (trigger
// assignments_no_conflict, 0006_jury.sql); here that refusal becomes a French sentence.
import { randomInt } from "node:crypto";
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { db, violatesConstraint, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { statusLabels, type ProposalStatus } from "~/submissions/statuses";
import { DEFAULT_REVIEWS_PER_PROPOSAL, type AssignmentChange } from "./admin-schemas";
import { assignReviewers, type AssignmentProblem } from "./assignment-solver";
import { contestHeader, isSealed, juryContest, JuryRefusal, listJurors, lockJury } from "./jurors.server";

/** The error the trigger assignments_no_conflict raises. */
export function isConflictViolation(error: unknown): boolean {
  return violatesConstraint(error, "assignments_no_conflict");
}

async function refuseIfSealed(contestId: number, tx: Sql) {
  if (await isSealed(contestId, tx)) {
    throw new JuryRefusal("Les notes de ce concours sont scellées : les affectations ne changent plus.");
  }
}

export type ReleasedAssignment = {
  proposalId: number;
  userId: number;
  /** The review that went with the assignment, if the juror had opened one. */
  review: { status: "in_progress" | "submitted"; scores: Record<string, number>; submittedAt: Date | null } | null;
};

/**
 * Ends an assignment (and its review, by cascade) in the caller's transaction; null when the pair
 * was not assigned. Used when a conflict is found on an assigned pair: the entry then lacks a
 * reviewer, and the next automatic run (which keeps every other assignment) gives it another one.
 */
export async function releaseAssignment(tx: Sql, pair: { proposalId: number; userId: number }): Promise<ReleasedAssignment | null> {
  const [review]: [{ status: "in_progress" | "submitted"; scores: Record<string, number>; submittedAt: Date | null }?] = await tx`
    select status, scores, submitted_at from reviews where proposal_id = ${pair.proposalId} and user_id = ${pair.userId}`;
  const deleted = await tx`delete from assignments where proposal_id = ${pair.proposalId} and user_id = ${pair.userId}`;
  if (deleted.count === 0) return null;
  return { proposalId: pair.proposalId, userId: pair.userId, review: review ?? null };
}

export type AssignmentRunOutcome =
  | {
      ok: true;
      runId: number;
      seed: number;
      reviewsPerProposal: number;
      /** New assignments made by this run. */
      added: number;
      /** Assignments that existed before and were kept as they were. */
      kept: number;
      totalCost: number;
      themeMatches: number;
      balance: { minLoad: number; maxLoad: number };
      notes: string[];
    }
  | {
      ok: false;
      seed: number;
      reviewsPerProposal: number;
      /** The solver's sentence, then one French explanation per problem, naming the entries. */
      summary: string;
      problems: { kind: AssignmentProblem<number, number>["kind"]; message: string; entryIds: number[] }[];
    };

const entriesOf = (problem: AssignmentProblem<number, number>): number[] =>
  "entryIds" in problem ? problem.entryIds : "entryId" in problem ? [problem.entryId] : [];

/** A seed when the admin gives none: drawn at random, then recorded with the run like any other. */
export function drawSeed(): number {
  return randomInt(1, 1_000_000_000);
}

/**
 * Assigns `reviewsPerProposal` distinct jurors to every eligible proposal of the contest, with the solver of
 * ./assignment-solver.ts: no conflicted pair, loads balanced (within one when no cap or conflict prevents
 * it), the jurors' themes preferred, ties broken by the seed. Assignments already made (by hand or by
 * an earlier run) are kept and count. On success the new pairs and an assignment_runs row (seed,
 * reviews per proposal, cost) are written in one transaction; when no assignment exists, nothing is written and the
 * solver's explanation is returned, entry by entry.
 */
export async function runAutomaticAssignment(
  input: { contestId: number; reviewsPerProposal: number; seed?: number; actorId: number },
  sql: Sql = db,
): Promise<AssignmentRunOutcome> {
  const seed = input.seed ?? drawSeed();
  const { reviewsPerProposal } = input;
  try {
    return await transaction(sql, async (tx) => {
      await lockJury(tx, input.contestId);
      await refuseIfSealed(input.contestId, tx);
      const entries = await tx<{ id: number; title: string; themes: string[] }[]>`
        select p.id, p.title, coalesce(v.content -> 'fields' -> 'themes', p.draft -> 'themes', '[]'::jsonb) as themes
        from proposals p
        left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
        where p.contest_id = ${input.contestId} and p.status = 'eligible'
        order by p.id`;
      if (entries.length === 0) {
        throw new JuryRefusal("Aucune proposition n'est recevable dans ce concours : il n'y a rien à affecter. Statuez d'abord sur la recevabilité.");
      }
      const jurors = await tx<{ id: number; name: string; themes: string[]; maxLoad: number | null }[]>`
        select j.user_id as id, u.name, j.themes, j.max_load
        from jurors j join users u on u.id = j.user_id
        where j.contest_id = ${input.contestId}
        order by j.user_id`;
      const conflicts = await tx<{ entryId: number; jurorId: number }[]>`
        select c.proposal_id as entry_id, c.user_id as juror_id
        from conflicts c join proposals p on p.id = c.proposal_id
        where p.contest_id = ${input.contestId} and p.status = 'eligible' and c.lifted_at is null`;
      const fixed = await tx<{ entryId: number; jurorId: number }[]>`
        select a.proposal_id as entry_id, a.user_id as juror_id
        from assignments a join proposals p on p.id = a.proposal_id
        where a.contest_id = ${input.contestId} and p.status = 'eligible'`;

      const result = assignReviewers<number, number>({
        entries: entries.map((entry) => ({ id: entry.id, themes: entry.themes, label: `n° ${entry.id}${entry.title ? ` — ${entry.title}` : ""}` })),
        jurors: jurors.map((juror) => ({ id: juror.id, themes: juror.themes, maxLoad: juror.maxLoad, label: juror.name })),
        conflicts,
        fixed,
        reviewsPerEntry: reviewsPerProposal,
        seed,
      });
      if (!result.ok) {
        return {
          ok: false as const,
          seed,
          reviewsPerProposal,
          summary: result.summary,
          problems: result.problems.map((problem) => ({ kind: problem.kind, message: problem.message, entryIds: entriesOf(problem) })),
        };
      }

      const fresh = result.pairs.filter((pair) => !pair.fixed);
      const [run] = await tx<{ id: number }[]>`
        insert into assignment_runs (contest_id, seed, reviews_per_entry, total_cost, created_by)
        values (${input.contestId}, ${seed}, ${reviewsPerProposal}, ${result.totalCost}, ${input.actorId})
        returning id`;
      if (fresh.length > 0) {
        await tx`
          insert into assignments (proposal_id, user_id, contest_id, run_id, created_by)
          select t.proposal_id, t.user_id, ${input.contestId}, ${run.id}, ${input.actorId}
          from unnest(${fresh.map((pair) => pair.entryId)}::bigint[], ${fresh.map((pair) => pair.jurorId)}::bigint[]) as t(proposal_id, user_id)`;
      }
      const outcome = {
        ok: true as const,
        runId: run.id,
        seed,
        reviewsPerProposal,
        added: fresh.length,
        kept: result.pairs.length - fresh.length,
        totalCost: result.totalCost,
        themeMatches: result.themeMatches,
        balance: result.balance,
        notes: result.notes,
      };
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "assignment.run",
        subject: `contest:${input.contestId}`,
        data: {
          runId: run.id,
          seed,
          reviewsPerProposal,
          added: outcome.added,
          kept: outcome.kept,
          totalCost: outcome.totalCost,
          balance: outcome.balance,
        },
      });
      return outcome;
    });
  } catch (error) {
    // A conflict declared by a juror while the run was computed: the trigger refused the insert.
    if (isConflictViolation(error)) {
      throw new JuryRefusal("Un conflit d'intérêts a été déclaré pendant le calcul : rien n'a été affecté. Relancez l'affectation.");
    }
    throw error;
  }
}

type PairContext = { proposalId: number; title: string; status: ProposalStatus; jurorName: string; maxLoad: number | null; assigned: number };

async function pairContext(tx: Sql, input: { contestId: number; proposalId: number; userId: number }): Promise<PairContext> {
  const [proposal]: [{ id: number; title: string; status: ProposalStatus }?] = await tx`
    select id, title, status from proposals where id = ${input.proposalId} and contest_id = ${input.contestId}`;
  if (!proposal) throw new JuryRefusal(`Ce concours n'a pas de proposition n° ${input.proposalId}.`, "proposalId");
  const [juror]: [{ name: string; maxLoad: number | null; assigned: number }?] = await tx`
    select u.name, j.max_load,
           (select count(*)::int from assignments a where a.contest_id = j.contest_id and a.user_id = j.user_id) as assigned
    from jurors j join users u on u.id = j.user_id
    where j.contest_id = ${input.contestId} and j.user_id = ${input.userId}`;
  if (!juror) throw new JuryRefusal("Cette personne n'est pas membre du jury de ce concours.", "userId");
  return {
    proposalId: proposal.id,
    title: proposal.title,
    status: proposal.status,
    jurorName: juror.name,
    maxLoad: juror.maxLoad,
    assigned: juror.assigned,
  };
}

/** Assigns one proposal to one juror by hand. Refused in conflict (by the database), beyond the juror's cap, or twice. */
export async function addAssignment(input: { contestId: number; proposalId: number; userId: number; actorId: number }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    await refuseIfSealed(input.contestId, tx);
    const pair = await pairContext(tx, input);
    if (pair.status !== "eligible") {
      throw new JuryRefusal(
        `La proposition n° ${pair.proposalId} n'est pas recevable (statut « ${statusLabels[pair.status]} ») : seules les propositions recevables sont évaluées.`,
        "proposalId",
      );
    }
    if (pair.maxLoad !== null && pair.assigned >= pair.maxLoad) {
      throw new JuryRefusal(
        `${pair.jurorName} a atteint son plafond de ${pair.maxLoad} évaluation${pair.maxLoad > 1 ? "s" : ""} : relevez-le d'abord (page « Membres du jury »).`,
        "userId",
      );
    }
    let inserted: { proposalId: number }[];
    try {
      // In a savepoint: the trigger's refusal must not poison the transaction before we explain it.
      inserted = await tx.savepoint(
        (sp) => sp<{ proposalId: number }[]>`
          insert into assignments (proposal_id, user_id, contest_id, created_by)
          values (${input.proposalId}, ${input.userId}, ${input.contestId}, ${input.actorId})
          on conflict (proposal_id, user_id) do nothing
          returning proposal_id`,
      );
    } catch (error) {
      if (!isConflictViolation(error)) throw error;
      throw new JuryRefusal(
        `${pair.jurorName} est en conflit d'intérêts avec la proposition n° ${pair.proposalId} : elle ne peut pas lui être affectée. ` +
          "Levez d'abord le conflit (page « Conflits d'intérêts ») si vous l'estimez infondé.",
        "proposalId",
      );
    }
    if (inserted.length === 0) {
      throw new JuryRefusal(`La proposition n° ${pair.proposalId} est déjà affectée à ${pair.jurorName}.`, "proposalId");
    }
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "assignment.added",
      subject: `proposal:${input.proposalId}`,
      data: { contestId: input.contestId, userId: input.userId },
    });
  });
}

/** Removes an assignment by hand, with the review in progress if any; refused once the review is submitted. */
export async function removeAssignment(input: { contestId: number; proposalId: number; userId: number; actorId: number }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    await refuseIfSealed(input.contestId, tx);
    const pair = await pairContext(tx, input);
    const [assignment]: [{ reviewStatus: string | null }?] = await tx`
      select r.status as review_status
      from assignments a left join reviews r on r.proposal_id = a.proposal_id and r.user_id = a.user_id
      where a.proposal_id = ${input.proposalId} and a.user_id = ${input.userId} and a.contest_id = ${input.contestId}
      for update of a`;
    if (!assignment) throw new JuryRefusal(`La proposition n° ${pair.proposalId} n'est pas affectée à ${pair.jurorName}.`, "proposalId");
    if (assignment.reviewStatus === "submitted") {
      throw new JuryRefusal(
        `${pair.jurorName} a déjà soumis son évaluation de la proposition n° ${pair.proposalId} : l'affectation ne peut plus être retirée.`,
        "proposalId",
      );
    }
    await releaseAssignment(tx, input);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "assignment.removed",
      subject: `proposal:${input.proposalId}`,
      data: { contestId: input.contestId, userId: input.userId, reviewStatus: assignment.reviewStatus },
    });
  });
}

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

/**
 * E-mails every juror of the contest who has reviews left (not started or not submitted) a reminder
 * with their counts and the deadline: one e-mail per juror, all in one transaction with one audit
 * entry. Only while the review phase is open. Returns how many were queued.
 */
export async function sendReminders(input: { contestId: number; actorId: number; now: Date }, sql: Sql = db): Promise<{ sent: number }> {
  return transaction(sql, async (tx) => {
    const [contest]: [
      { title: string; submissionsOpenAt: Date; submissionsCloseAt: Date; reviewOpenAt: Date; reviewCloseAt: Date; resultsAt: Date }?,
    ] = await tx`
      select title, submissions_open_at, submissions_close_at, review_open_at, review_close_at, results_at
      from contests where id = ${input.contestId}`;
    if (!contest) throw new NotFound("Concours introuvable.");
    const phase = contestPhase(contest, input.now);
    if (phase !== "review") {
      throw new JuryRefusal(
        `Les relances ne s'envoient que pendant l'évaluation (du ${formatParis(contest.reviewOpenAt)} au ${formatParis(contest.reviewCloseAt)}) ; phase actuelle : « ${phaseLabels[phase]} ».`,
      );
    }
    const late = await tx<{ userId: number; name: string; email: string; notStarted: number; inProgress: number; submitted: number }[]>`
      select j.user_id, u.name, u.email,
             (count(*) filter (where r.status is null))::int as not_started,
             (count(*) filter (where r.status = 'in_progress'))::int as in_progress,
             (count(*) filter (where r.status = 'submitted'))::int as submitted
      from jurors j
      join users u on u.id = j.user_id
      join assignments a on a.contest_id = j.contest_id and a.user_id = j.user_id
      left join reviews r on r.proposal_id = a.proposal_id and r.user_id = a.user_id
      where j.contest_id = ${input.contestId} and u.disabled_at is null
      group by j.user_id, u.name, u.email
      having count(*) filter (where r.status is distinct from 'submitted') > 0
      order by j.user_id`;
    const link = portalLink("/jury");
    for (const juror of late) {
      const left = juror.notStarted + juror.inProgress;
      const total = left + juror.submitted;
      await queueMail(
        {
          to: juror.email,
          subject: `Rappel : ${left} évaluation${left > 1 ? "s" : ""} à terminer — concours « ${contest.title} »`,
          text:
            `Bonjour ${juror.name},\n\n` +
            `Sur les ${total} proposition${total > 1 ? "s" : ""} qui vous sont confiées pour le concours « ${contest.title} », ` +
            `${juror.submitted} évaluation${juror.submitted > 1 ? "s sont soumises" : " est soumise"}, ` +
            `${juror.inProgress} en cours et ${juror.notStarted} pas encore commencée${juror.notStarted > 1 ? "s" : ""}.\n\n` +
            `L'évaluation se termine le ${formatParis(contest.reviewCloseAt)} (heure de Paris). Pour la poursuivre :\n\n${link}` +
            signature,
        },
        tx,
      );
    }
    if (late.length > 0) {
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "jury.reminders_sent",
        subject: `contest:${input.contestId}`,
        data: { sent: late.length, userIds: late.map((juror) => juror.userId) },
      });
    }
    return { sent: late.length };
  });
}

export type RunSummary = {
  id: number;
  seed: number;
  reviewsPerProposal: number;
  totalCost: number;
  added: number;
  createdAt: Date;
  createdBy: string | null;
};
export type IncompleteEntry = { id: number; title: string; assigned: number };
export type JurorAssignment = {
  proposalId: number;
  title: string;
  reviewStatus: "in_progress" | "submitted" | null;
  runId: number | null;
  createdAt: Date;
};

/** What /admin/concours/:slug/jury/affectation shows. */
export async function assignmentPage(input: { slug: string; now: Date; jurorId?: number; runId?: number }, sql: Sql = db) {
  const contest = await contestHeader(input.slug, input.now, sql);
  const [jurors, runs, [counts], sealed] = await Promise.all([
    listJurors(contest.id, sql),
    sql<RunSummary[]>`
      select r.id, r.seed, r.reviews_per_entry as reviews_per_proposal, r.total_cost, r.created_at, u.name as created_by,
             (select count(*)::int from assignments a where a.run_id = r.id) as added
      from assignment_runs r left join users u on u.id = r.created_by
      where r.contest_id = ${contest.id}
      order by r.id desc limit 5`,
    sql<{ eligible: number; assignments: number }[]>`
      select (select count(*)::int from proposals where contest_id = ${contest.id} and status = 'eligible') as eligible,
             (select count(*)::int from assignments where contest_id = ${contest.id}) as assignments`,
    isSealed(contest.id, sql),
  ]);
  const reviewsPerProposal = runs[0]?.reviewsPerProposal ?? DEFAULT_REVIEWS_PER_PROPOSAL;
  const incomplete = await sql<IncompleteEntry[]>`
    select p.id, p.title, count(a.user_id)::int as assigned
    from proposals p left join assignments a on a.proposal_id = p.id
    where p.contest_id = ${contest.id} and p.status = 'eligible'
    group by p.id
    having count(a.user_id) < ${reviewsPerProposal}
    order by count(a.user_id), p.id
    limit 51`;
  const selectedJuror = input.jurorId ? (jurors.find((juror) => juror.userId === input.jurorId) ?? null) : null;
  const jurorAssignments = selectedJuror
    ? await sql<JurorAssignment[]>`
        select a.proposal_id, p.title, r.status as review_status, a.run_id, a.created_at
        from assignments a
        join proposals p on p.id = a.proposal_id
        left join reviews r on r.proposal_id = a.proposal_id and r.user_id = a.user_id
        where a.contest_id = ${contest.id} and a.user_id = ${selectedJuror.userId}
        order by a.proposal_id`
    : [];
  const loads = jurors.map((juror) => juror.assigned);
  return {
    contest,
    sealed,
    reviewsPerProposal,
    eligible: counts.eligible,
    assignments: counts.assignments,
    balance: loads.length ? { minLoad: Math.min(...loads), maxLoad: Math.max(...loads) } : null,
    jurors,
    runs,
    run: input.runId ? (runs.find((run) => run.id === input.runId) ?? null) : null,
    incomplete: incomplete.slice(0, 50),
    moreIncomplete: incomplete.length > 50,
    selectedJuror,
    jurorAssignments,
  };
}

export type AssignmentChangeOutcome =
  { done: "run"; outcome: AssignmentRunOutcome } | { done: "added" | "removed"; userId: number } | { done: "reminded"; sent: number };

/** The one entry point of /admin/concours/:slug/jury/affectation's forms. */
export async function applyAssignmentChange(
  input: { slug: string; actorId: number; change: AssignmentChange; now: Date },
  sql: Sql = db,
): Promise<AssignmentChangeOutcome> {
  const contest = await juryContest(input.slug, sql);
  const { change, actorId } = input;
  switch (change.intent) {
    case "run":
      return {
        done: "run",
        outcome: await runAutomaticAssignment(
          { contestId: contest.id, reviewsPerProposal: change.reviewsPerProposal, seed: change.seed, actorId },
          sql,
        ),
      };
    case "add":
      await addAssignment({ contestId: contest.id, proposalId: change.proposalId, userId: change.userId, actorId }, sql);
      return { done: "added", userId: change.userId };
    case "remove":
      await removeAssignment({ contestId: contest.id, proposalId: change.proposalId, userId: change.userId, actorId }, sql);
      return { done: "removed", userId: change.userId };
    case "remind":
      return { done: "reminded", ...(await sendReminders({ contestId: contest.id, actorId, now: input.now }, sql)) };
  }
}
