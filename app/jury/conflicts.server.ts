// Conflicts of interest of a contest, as the admin handles them: detection (the jurors' declared
// ties and their own names matched against the candidates' identities by the pure rules of
// ./conflict-detection.ts), conflicts added by hand, conflicts lifted — each audited with its reason.
//
// The reasons stored in `conflicts.reasons` name the match (a SIRET, a person, a domain): they are
// for admins only and never leave this module except towards the admin pages.
//
// An active conflict on an assigned pair ends that assignment in the same transaction (with its
// review, even a submitted one: a review by a juror in conflict cannot count; its scores are kept
// in the audit entry). The entry then lacks a reviewer until the next automatic run, which keeps
// every other assignment. Once the scores are sealed, that would contradict the sealed snapshot,
// so such a conflict is refused and must be dealt with in the deliberation.
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { transaction } from "~/infra/transaction.server";
import type { ConflictChange, ConflictFilter, ConflictSource } from "./admin-schemas";
import { releaseAssignment, type ReleasedAssignment } from "./assignments.server";
import {
  detectConflicts,
  indexCandidates,
  type CandidateIdentity,
  type ConflictKind,
  type ConflictReason,
  type JurorTies,
} from "./conflict-detection";
import { contestHeader, isSealed, juryContest, JuryRefusal, lockJury } from "./jurors.server";

/** A reason as stored: a detected match, or the words of whoever declared the conflict. */
export type StoredReason = { kind: ConflictKind | "admin" | "juror" | "declared"; detail: string };

type Fields = { organisationName?: string; organisationSiret?: string; team?: { name?: string }[] } | null;

/**
 * Every proposal of the contest (withdrawn ones aside) as candidate identities: the owner's name and
 * e-mail, the team's names and the organisation with its SIRET. The latest submitted version is what
 * counts; when the draft says something else (never submitted, or changed since), it is matched too —
 * a conflict missed is worse than one too many, which an admin can lift.
 */
export async function contestCandidates(contestId: number, sql: Sql = db): Promise<CandidateIdentity[]> {
  const rows = await sql<{ id: number; ownerName: string; ownerEmail: string; submitted: Fields; draft: Fields }[]>`
    select p.id, u.name as owner_name, u.email as owner_email, v.content -> 'fields' as submitted, p.draft
    from proposals p
    join users u on u.id = p.owner_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    where p.contest_id = ${contestId} and p.status <> 'withdrawn'
    order by p.id`;
  const identities: CandidateIdentity[] = [];
  const identityOf = (row: (typeof rows)[number], fields: NonNullable<Fields>): CandidateIdentity => ({
    entryId: String(row.id),
    ownerName: row.ownerName,
    ownerEmail: row.ownerEmail,
    teamNames: (fields.team ?? []).map((member) => member?.name ?? "").filter((name) => name.trim() !== ""),
    organisationName: fields.organisationName || null,
    organisationSiret: fields.organisationSiret || null,
  });
  for (const row of rows) {
    const sources = [row.submitted, row.draft].filter((fields): fields is NonNullable<Fields> => fields !== null);
    if (sources.length === 0) sources.push({});
    const seen = new Set<string>();
    for (const fields of sources) {
      const identity = identityOf(row, fields);
      const key = JSON.stringify([identity.teamNames, identity.organisationName, identity.organisationSiret]);
      if (seen.has(key)) continue;
      seen.add(key);
      identities.push(identity);
    }
  }
  return identities;
}

/** Every juror's declared ties (table juror_ties) and, apart, their own name. */
export async function contestJurorTies(contestId: number, sql: Sql = db): Promise<{ declared: JurorTies[]; own: JurorTies[] }> {
  const rows = await sql<
    { userId: number; name: string; kind: "organisation" | "email_domain" | "person" | null; label: string | null; siret: string | null }[]
  >`
    select j.user_id, u.name, t.kind, t.label, t.siret
    from jurors j
    join users u on u.id = j.user_id
    left join juror_ties t on t.contest_id = j.contest_id and t.user_id = j.user_id
    where j.contest_id = ${contestId}
    order by j.user_id, t.id`;
  const declared = new Map<
    number,
    { jurorId: string; organisations: { name: string; siret: string | null }[]; emailDomains: string[]; people: string[] }
  >();
  const own = new Map<number, JurorTies>();
  for (const row of rows) {
    let ties = declared.get(row.userId);
    if (!ties) {
      declared.set(row.userId, (ties = { jurorId: String(row.userId), organisations: [], emailDomains: [], people: [] }));
      own.set(row.userId, { jurorId: String(row.userId), organisations: [], emailDomains: [], people: [row.name] });
    }
    if (row.kind === "organisation") ties.organisations.push({ name: row.label ?? "", siret: row.siret });
    else if (row.kind === "email_domain") ties.emailDomains.push(row.label ?? "");
    else if (row.kind === "person") ties.people.push(row.label ?? "");
  }
  return { declared: [...declared.values()], own: [...own.values()] };
}

const pairKey = (proposalId: number, userId: number) => `${proposalId}:${userId}`;

/**
 * Every (proposal, juror) pair the rules find in conflict, with its reasons for the admins: the
 * juror's declared ties against each candidate, and the juror's own name against the owner and the
 * team (a juror who is, by name, part of an entry cannot review it).
 */
export async function findContestConflicts(contestId: number, sql: Sql = db) {
  const [candidates, ties] = await Promise.all([contestCandidates(contestId, sql), contestJurorTies(contestId, sql)]);
  const index = indexCandidates(candidates);
  const found = new Map<string, { proposalId: number; userId: number; reasons: Map<string, StoredReason> }>();
  const add = (jurorId: string, entryId: string, reasons: readonly ConflictReason[], rewrite = (detail: string) => detail) => {
    const proposalId = Number(entryId);
    const userId = Number(jurorId);
    const key = pairKey(proposalId, userId);
    let pair = found.get(key);
    if (!pair) found.set(key, (pair = { proposalId, userId, reasons: new Map() }));
    for (const reason of reasons) {
      const stored = { kind: reason.kind, detail: rewrite(reason.detail) };
      pair.reasons.set(`${stored.kind}\u0000${stored.detail}`, stored);
    }
  };
  for (const conflict of detectConflicts(ties.declared, index)) add(conflict.jurorId, conflict.entryId, conflict.reasons);
  for (const conflict of detectConflicts(ties.own, index)) {
    add(conflict.jurorId, conflict.entryId, conflict.reasons, (detail) => detail.replace(/^personne déclarée/, "nom du membre du jury lui-même"));
  }
  return [...found.values()]
    .map((pair) => ({ proposalId: pair.proposalId, userId: pair.userId, reasons: [...pair.reasons.values()] }))
    .sort((a, b) => a.proposalId - b.proposalId || a.userId - b.userId);
}

export type DetectionOutcome = {
  /** Pairs the rules find in conflict now. */
  detected: number;
  /** Of those, pairs recorded for the first time. */
  added: number;
  /** Detected conflicts already recorded whose reasons changed. */
  updated: number;
  /** Detected conflicts lifted by an admin earlier: they stay lifted. */
  keptLifted: number;
  /** Detected conflicts (never lifted) the rules no longer find, e.g. a tie withdrawn: removed. */
  removed: number;
  /** Assignments ended because their pair is now in conflict. */
  released: number;
};

/** Ends the assignments of every active conflict of the contest; the list, for the audit entry. */
async function releaseConflictedAssignments(tx: Sql, contestId: number): Promise<ReleasedAssignment[]> {
  const pairs = await tx<{ proposalId: number; userId: number }[]>`
    select a.proposal_id, a.user_id
    from assignments a join conflicts c on c.proposal_id = a.proposal_id and c.user_id = a.user_id
    where a.contest_id = ${contestId} and c.lifted_at is null
    order by a.proposal_id, a.user_id`;
  const released: ReleasedAssignment[] = [];
  for (const pair of pairs) {
    const done = await releaseAssignment(tx, pair);
    if (done) released.push(done);
  }
  return released;
}

/**
 * Runs the detection for a whole contest and records its result in `conflicts` (source 'detected',
 * reasons for the admins): new pairs are added, reasons refreshed, conflicts an admin lifted stay
 * lifted, conflicts added by an admin or declared by a juror are left as they are, and detected
 * conflicts no longer found (and never lifted) are removed. Assignments now in conflict end.
 * One transaction, audited with the counts.
 */
export async function detectContestConflicts(input: { contestId: number; actorId: number | null }, sql: Sql = db): Promise<DetectionOutcome> {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    const found = await findContestConflicts(input.contestId, tx);
    const proposalIds = found.map((pair) => pair.proposalId);
    const userIds = found.map((pair) => pair.userId);
    const reasons = found.map((pair) => JSON.stringify(pair.reasons));

    const [before] = await tx<{ keptLifted: number }[]>`
      select count(*)::int as kept_lifted
      from conflicts c join unnest(${proposalIds}::bigint[], ${userIds}::bigint[]) as t(proposal_id, user_id)
        on t.proposal_id = c.proposal_id and t.user_id = c.user_id
      where c.source = 'detected' and c.lifted_at is not null`;

    const sealed = await isSealed(input.contestId, tx);
    if (sealed) {
      const [{ newOnAssigned }] = await tx<{ newOnAssigned: number }[]>`
        select count(*)::int as new_on_assigned
        from unnest(${proposalIds}::bigint[], ${userIds}::bigint[]) as t(proposal_id, user_id)
        join assignments a on a.proposal_id = t.proposal_id and a.user_id = t.user_id
        where not exists (select 1 from conflicts c where c.proposal_id = t.proposal_id and c.user_id = t.user_id)`;
      if (newOnAssigned > 0) {
        throw new JuryRefusal(
          `Les notes sont scellées, et la détection trouve ${newOnAssigned} conflit${newOnAssigned > 1 ? "s" : ""} sur des propositions déjà évaluées : ` +
            "rien n'a été enregistré. Traitez-les lors de la délibération.",
        );
      }
    }

    // One statement for every pair (5,000 entries × 200 jurors may give thousands): insert the new
    // ones, refresh the reasons of detected ones (lifted or not: lifted_at is left alone).
    const upserted = await tx<{ inserted: boolean }[]>`
      insert into conflicts (proposal_id, user_id, source, reasons, created_by)
      select t.proposal_id, t.user_id, 'detected', t.reasons::jsonb, ${input.actorId}
      from unnest(${proposalIds}::bigint[], ${userIds}::bigint[], ${reasons}::text[]) as t(proposal_id, user_id, reasons)
      on conflict (proposal_id, user_id) do update set reasons = excluded.reasons
        where conflicts.source = 'detected' and conflicts.reasons is distinct from excluded.reasons
      returning (xmax = 0) as inserted`;
    const added = upserted.filter((row) => row.inserted).length;

    const removed = await tx`
      delete from conflicts c using proposals p
      where p.id = c.proposal_id and p.contest_id = ${input.contestId}
        and c.source = 'detected' and c.lifted_at is null
        and not exists (
          select 1 from unnest(${proposalIds}::bigint[], ${userIds}::bigint[]) as t(proposal_id, user_id)
          where t.proposal_id = c.proposal_id and t.user_id = c.user_id)`;

    // Once sealed, nothing new is on an assigned pair (checked above), and no review is touched.
    const released = sealed ? [] : await releaseConflictedAssignments(tx, input.contestId);
    const outcome: DetectionOutcome = {
      detected: found.length,
      added,
      updated: upserted.length - added,
      keptLifted: before.keptLifted,
      removed: removed.count,
      released: released.length,
    };
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "conflict.detection_run",
      subject: `contest:${input.contestId}`,
      data: { ...outcome, releasedAssignments: released },
    });
    return outcome;
  });
}

async function conflictContext(tx: Sql, input: { contestId: number; proposalId: number; userId: number }) {
  const [proposal]: [{ id: number }?] = await tx`select id from proposals where id = ${input.proposalId} and contest_id = ${input.contestId}`;
  if (!proposal) throw new JuryRefusal(`Ce concours n'a pas de proposition n° ${input.proposalId}.`, "proposalId");
  const [juror]: [{ name: string }?] = await tx`
    select u.name from jurors j join users u on u.id = j.user_id where j.contest_id = ${input.contestId} and j.user_id = ${input.userId}`;
  if (!juror) throw new JuryRefusal("Cette personne n'est pas membre du jury de ce concours.", "userId");
  const [existing]: [{ source: ConflictSource; reasons: StoredReason[]; liftedAt: Date | null }?] = await tx`
    select source, reasons, lifted_at from conflicts where proposal_id = ${input.proposalId} and user_id = ${input.userId} for update`;
  return { jurorName: juror.name, existing: existing ?? null };
}

/**
 * Records a conflict by hand (source 'admin') with its reason; a lifted conflict on the same pair
 * becomes active again, its reason added to the earlier ones. An assignment of the pair ends (see
 * the header). Audited as conflict.added with the reason.
 */
export async function addConflict(
  input: { contestId: number; proposalId: number; userId: number; reason: string; actorId: number },
  sql: Sql = db,
): Promise<{ released: ReleasedAssignment | null }> {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    const { jurorName, existing } = await conflictContext(tx, input);
    if (existing && existing.liftedAt === null) {
      throw new JuryRefusal(`${jurorName} est déjà en conflit d'intérêts avec la proposition n° ${input.proposalId}.`, "proposalId");
    }
    if (await isSealed(input.contestId, tx)) {
      const [assigned] = await tx`select 1 from assignments where proposal_id = ${input.proposalId} and user_id = ${input.userId}`;
      if (assigned) {
        throw new JuryRefusal(
          `Les notes sont scellées et ${jurorName} a évalué la proposition n° ${input.proposalId} : ce conflit se traite lors de la délibération.`,
          "proposalId",
        );
      }
    }
    const reason: StoredReason = { kind: "admin", detail: input.reason };
    if (existing) {
      await tx`
        update conflicts
        set source = 'admin', reasons = reasons || ${tx.json([reason])}, created_by = ${input.actorId}, created_at = now(),
            lifted_at = null, lifted_by = null, lift_reason = null
        where proposal_id = ${input.proposalId} and user_id = ${input.userId}`;
    } else {
      await tx`
        insert into conflicts (proposal_id, user_id, source, reasons, created_by)
        values (${input.proposalId}, ${input.userId}, 'admin', ${tx.json([reason])}, ${input.actorId})`;
    }
    const released = await releaseAssignment(tx, input);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "conflict.added",
      subject: `proposal:${input.proposalId}`,
      data: { contestId: input.contestId, userId: input.userId, reason: input.reason, reactivated: existing !== null, releasedAssignment: released },
    });
    return { released };
  });
}

/** Lifts an active conflict, whatever its source: the row stays, with who lifted it, when and why. Audited as conflict.lifted. */
export async function liftConflict(
  input: { contestId: number; proposalId: number; userId: number; liftReason: string; actorId: number },
  sql: Sql = db,
) {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    const { jurorName, existing } = await conflictContext(tx, input);
    if (!existing || existing.liftedAt !== null) {
      throw new JuryRefusal(`${jurorName} n'a pas de conflit d'intérêts actif avec la proposition n° ${input.proposalId}.`, "proposalId");
    }
    await tx`
      update conflicts set lifted_at = now(), lifted_by = ${input.actorId}, lift_reason = ${input.liftReason}
      where proposal_id = ${input.proposalId} and user_id = ${input.userId}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "conflict.lifted",
      subject: `proposal:${input.proposalId}`,
      data: { contestId: input.contestId, userId: input.userId, source: existing.source, liftReason: input.liftReason },
    });
  });
}

export type ConflictRow = {
  proposalId: number;
  proposalTitle: string;
  ownerName: string;
  ownerEmail: string;
  userId: number;
  jurorName: string;
  source: ConflictSource;
  reasons: StoredReason[];
  createdAt: Date;
  createdByName: string | null;
  liftedAt: Date | null;
  liftedByName: string | null;
  liftReason: string | null;
};

export const CONFLICTS_PAGE_SIZE = 50;

/** The contest's conflicts for the admins (identities and reasons included), filtered and paged. */
export async function listConflicts(
  input: { contestId: number; filter: ConflictFilter; pageSize?: number },
  sql: Sql = db,
): Promise<Paged<ConflictRow> & { active: number; lifted: number }> {
  const pageSize = input.pageSize ?? CONFLICTS_PAGE_SIZE;
  const { statut, membre, page } = input.filter;
  const where = () => sql`
    p.contest_id = ${input.contestId}
    ${statut === "actifs" ? sql`and c.lifted_at is null` : statut === "leves" ? sql`and c.lifted_at is not null` : sql``}
    ${membre ? sql`and c.user_id = ${membre}` : sql``}`;
  const [[counts], items] = await Promise.all([
    sql<{ total: number; active: number; lifted: number }[]>`
      select (count(*) filter (where ${where()}))::int as total,
             (count(*) filter (where c.lifted_at is null))::int as active,
             (count(*) filter (where c.lifted_at is not null))::int as lifted
      from conflicts c join proposals p on p.id = c.proposal_id
      where p.contest_id = ${input.contestId}`,
    sql<ConflictRow[]>`
      select c.proposal_id, p.title as proposal_title, o.name as owner_name, o.email as owner_email,
             c.user_id, j.name as juror_name, c.source, c.reasons, c.created_at, cb.name as created_by_name,
             c.lifted_at, lb.name as lifted_by_name, c.lift_reason
      from conflicts c
      join proposals p on p.id = c.proposal_id
      join users o on o.id = p.owner_id
      join users j on j.id = c.user_id
      left join users cb on cb.id = c.created_by
      left join users lb on lb.id = c.lifted_by
      where ${where()}
      order by c.lifted_at is not null, c.proposal_id, lower(j.name), c.user_id
      limit ${pageSize} offset ${offsetOf(page, pageSize)}`,
  ]);
  return { ...paged(items, counts.total, page, pageSize), active: counts.active, lifted: counts.lifted };
}

/** What /admin/concours/:slug/jury/conflits shows. */
export async function conflictsPage(input: { slug: string; now: Date; filter: ConflictFilter }, sql: Sql = db) {
  const contest = await contestHeader(input.slug, input.now, sql);
  const [conflicts, jurors] = await Promise.all([
    listConflicts({ contestId: contest.id, filter: input.filter }, sql),
    sql<{ userId: number; name: string }[]>`
      select j.user_id, u.name from jurors j join users u on u.id = j.user_id
      where j.contest_id = ${contest.id} order by lower(u.name), j.user_id`,
  ]);
  return { contest, conflicts, jurors };
}

export type ConflictChangeOutcome = { done: "detected"; outcome: DetectionOutcome } | { done: "added"; released: boolean } | { done: "lifted" };

/** The one entry point of /admin/concours/:slug/jury/conflits's forms. */
export async function applyConflictChange(
  input: { slug: string; actorId: number; change: ConflictChange },
  sql: Sql = db,
): Promise<ConflictChangeOutcome> {
  const contest = await juryContest(input.slug, sql);
  const { change, actorId } = input;
  switch (change.intent) {
    case "detect":
      return { done: "detected", outcome: await detectContestConflicts({ contestId: contest.id, actorId }, sql) };
    case "add": {
      const { released } = await addConflict(
        { contestId: contest.id, proposalId: change.proposalId, userId: change.userId, reason: change.reason, actorId },
        sql,
      );
      return { done: "added", released: released !== null };
    }
    case "lift":
      await liftConflict(
        { contestId: contest.id, proposalId: change.proposalId, userId: change.userId, liftReason: change.liftReason, actorId },
        sql,
      );
      return { done: "lifted" };
  }
}
