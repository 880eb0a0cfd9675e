// A juror's declared ties (organisations with their SIRET or SIREN, e-mail domains, people), per
// contest they sit on. They are matched against the candidates by the conflict detection (admin
// side); the juror only ever sees what they typed — never a candidate, never which tie matched.
import { appendAudit } from "~/audit/audit.server";
import { contestPhase, type Phase } from "~/contest/phase";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { normaliseName, normaliseOrganisationName, normalisePersonName } from "./identity-match";
import { listJurorContests, type JurorContest } from "./reviews.server";
import { MAX_TIES, type TieInput, type TieKind } from "./review-schemas";

/** The person does not sit on this contest as a juror (or the tie is not theirs): both answer 404. */
export const JurorSeatNotFound = notFoundOf("JurorSeatNotFound", "Concours introuvable.");

/** The change is refused (duplicate, too many ties, contest closed); the message is for the juror, by the tie's label when about it. */
export class TieRefused extends Conflict {
  override name = "TieRefused";
  constructor(message: string, field?: "label") {
    super(message, field);
  }
}

export type Tie = { id: number; kind: TieKind; label: string; siret: string | null; createdAt: Date };

export type TiesOfContest = JurorContest & { phase: Phase; editable: boolean; ties: Tie[] };

/** Ties may change until the review closes; afterwards they no longer protect anything. */
function tiesEditable(phase: Phase) {
  return phase !== "deliberation" && phase !== "results_published";
}

/** /jury/liens: for each contest the juror sits on, their ties and whether they have confirmed them. */
export async function listTiesOfJuror(userId: number, now: Date, sql: Sql = db): Promise<TiesOfContest[]> {
  const contests = await listJurorContests(userId, sql);
  if (contests.length === 0) return [];
  const ties = await sql<(Tie & { contestId: number })[]>`
    select id, contest_id, kind, label, siret, created_at from juror_ties
    where user_id = ${userId} and contest_id in ${sql(contests.map((c) => c.id))}
    order by contest_id, kind, id`;
  return contests.map((contest) => {
    const phase = contestPhase(contest.calendar, now);
    return {
      ...contest,
      phase,
      editable: tiesEditable(phase),
      ties: ties.filter((t) => t.contestId === contest.id).map(({ contestId: _, ...tie }) => tie),
    };
  });
}

/** Two ties are the same when their matching keys are (« Fablab de Paris (SAS) » = « fablab de paris »). */
function tieKey(tie: Pick<TieInput, "kind" | "label" | "siret">): string {
  if (tie.kind === "organisation") return `organisation:${tie.siret ?? ""}:${normaliseOrganisationName(tie.label)}`;
  if (tie.kind === "person") return `person:${normalisePersonName(tie.label)}`;
  return `email_domain:${normaliseName(tie.label)}`;
}

/** The juror's seat on the contest, locked for the transaction; JurorSeatNotFound if none, TieRefused once closed. */
async function lockSeat(contestId: number, userId: number, now: Date, tx: Sql) {
  const contest = (await listJurorContests(userId, tx)).find((c) => c.id === contestId);
  if (!contest) throw new JurorSeatNotFound();
  await tx`select 1 from jurors where contest_id = ${contestId} and user_id = ${userId} for update`;
  if (!tiesEditable(contestPhase(contest.calendar, now))) {
    throw new TieRefused("L'évaluation de ce concours est close : la déclaration de liens ne se modifie plus.");
  }
  return contest;
}

/** Dates the juror's declaration; returns how many ties it now holds, for the audit entry. */
async function markDeclared(contestId: number, userId: number, now: Date, tx: Sql): Promise<number> {
  await tx`update jurors set ties_declared_at = ${now} where contest_id = ${contestId} and user_id = ${userId}`;
  const [{ count }] = await tx<{ count: number }[]>`
    select count(*)::int as count from juror_ties where contest_id = ${contestId} and user_id = ${userId}`;
  return count;
}

/** Adds a tie (already validated by tieFormSchema); sets the declaration date; audited. */
export async function addTie(input: { contestId: number; userId: number; tie: TieInput; now: Date }, sql: Sql = db): Promise<number> {
  return transaction(sql, async (tx) => {
    await lockSeat(input.contestId, input.userId, input.now, tx);
    const existing = await tx<Tie[]>`
      select id, kind, label, siret, created_at from juror_ties where contest_id = ${input.contestId} and user_id = ${input.userId}`;
    if (existing.length >= MAX_TIES) {
      throw new TieRefused(
        `Vous avez déjà déclaré ${MAX_TIES} liens pour ce concours : retirez-en avant d'en ajouter, ou écrivez au gestionnaire du programme.`,
      );
    }
    const key = tieKey(input.tie);
    if (existing.some((tie) => tieKey(tie) === key)) throw new TieRefused("Ce lien est déjà déclaré.", "label");
    const [row] = await tx<{ id: number }[]>`
      insert into juror_ties (contest_id, user_id, kind, label, siret, created_at)
      values (${input.contestId}, ${input.userId}, ${input.tie.kind}, ${input.tie.label}, ${input.tie.siret}, ${input.now})
      returning id`;
    await markDeclared(input.contestId, input.userId, input.now, tx);
    // The juror's own declaration, for the admins who review conflicts: nothing of any candidate.
    await appendAudit(tx, {
      actorId: input.userId,
      action: "juror.ties_updated",
      subject: `contest:${input.contestId}`,
      data: { change: "added", tieId: row.id, kind: input.tie.kind, label: input.tie.label, siret: input.tie.siret, ties: existing.length + 1 },
    });
    return row.id;
  });
}

/** Removes one of the juror's ties on the contest; JurorSeatNotFound when it is not theirs. */
export async function removeTie(input: { contestId: number; userId: number; tieId: number; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    await lockSeat(input.contestId, input.userId, input.now, tx);
    const [removed]: [Tie?] = await tx`
      delete from juror_ties where id = ${input.tieId} and contest_id = ${input.contestId} and user_id = ${input.userId}
      returning id, kind, label, siret, created_at`;
    if (!removed) throw new JurorSeatNotFound();
    const count = await markDeclared(input.contestId, input.userId, input.now, tx);
    await appendAudit(tx, {
      actorId: input.userId,
      action: "juror.ties_updated",
      subject: `contest:${input.contestId}`,
      data: { change: "removed", tieId: removed.id, kind: removed.kind, label: removed.label, siret: removed.siret, ties: count },
    });
  });
}

/** The juror confirms their declaration as it stands, possibly empty ("no tie to declare"). */
export async function confirmTies(input: { contestId: number; userId: number; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    await lockSeat(input.contestId, input.userId, input.now, tx);
    const count = await markDeclared(input.contestId, input.userId, input.now, tx);
    await appendAudit(tx, {
      actorId: input.userId,
      action: "juror.ties_updated",
      subject: `contest:${input.contestId}`,
      data: { change: "confirmed", ties: count },
    });
  });
}
