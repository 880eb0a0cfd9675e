import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf } from "~/infra/domain-errors";
import { containsPattern, countBound, offsetOf, paged, type Paged } from "~/infra/paging";
import { formatParis } from "~/infra/paris-time";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { reviewActionLabels, transition, type Reach, type ReviewAction } from "./verification";
import { structureStatuses, type StructureStatus } from "./statuses";
import { reviewMail } from "./verification-mails";
import { listStructureDocuments } from "./structure-files.server";
import { plural } from "~/ui/plural";
import type {
  QueueItem,
  QueueStatus,
  RelatedStructure,
  ReviewEntry,
  StatusCount,
  ReviewFile,
  StructureUnderReview,
  SupportingDocument,
} from "./verification-types";

// The verification of structures: the queue, the file a reviewer decides on, the decisions and
// the structure's answers. Every step locks the structure's row, checks the transition
// (./verification.ts), and writes the history row, the audit entry and the members' e-mails in
// the same transaction. A reviewer reaches only the structures of their départements: any other
// is "not found", so that an instructor learns nothing of other départements.

/** A structure out of reach is as unknown as one that does not exist. */
export const StructureNotFound = notFoundOf("StructureNotFound", "Structure introuvable.");

/** Who decides, and where their decisions reach (see reachOf). */
export type Reviewer = { id: number; reach: Reach };

/** The SQL condition "structure's commune `c` is within reach". */
function withinReach(sql: Sql, reach: Reach) {
  return reach === "all" ? sql`true` : sql`c.departement_code = any(${[...reach]}::text[])`;
}

/**
 * The SQL condition "structure `s` is within reach and in the département filter", on the
 * structure's own département: a département's queue and counts read no commune.
 */
function inDepartements(sql: Sql, reach: Reach, departement: string | null) {
  // One département (most instructors): an equality, which reads the département's index in the queue's order.
  const inReach =
    reach === "all" ? sql`true` : reach.length === 1 ? sql`s.departement_code = ${reach[0]}` : sql`s.departement_code = any(${[...reach]}::text[])`;
  return sql`${inReach} and ${departement ? sql`s.departement_code = ${departement}` : sql`true`}`;
}

/** Part of the legal name, or the start of the SIRET (a SIREN, or all of it). */
function matchingStructure(sql: Sql, search: string | null) {
  const text = search?.trim() ?? "";
  if (text === "") return sql`true`;
  const digits = text.replace(/[\s.]/g, "");
  return /^[0-9]{9,14}$/.test(digits)
    ? sql`(s.legal_name ilike ${containsPattern(text)} or s.siret like ${`${digits}%`})`
    : sql`s.legal_name ilike ${containsPattern(text)}`;
}

// ——— The queue ———

export const QUEUE_PAGE_SIZE = 25;

/**
 * The structures within reach, filtered by département, status and name or SIRET, one page at a
 * time: those waiting oldest first (who has waited longest comes first), the decided ones newest
 * first. Also how many structures are in each status (within the département filter and the
 * search), counted up to the page's count bound (countBound), and the départements the reviewer
 * may filter on.
 */
export async function reviewQueue(
  input: { reach: Reach; departement: string | null; status: QueueStatus; search?: string | null; page: number; pageSize?: number },
  sql: Sql = db,
): Promise<{ structures: Paged<QueueItem>; counts: Record<StructureStatus, StatusCount>; departements: { code: string; name: string }[] }> {
  const pageSize = input.pageSize ?? QUEUE_PAGE_SIZE;
  const bound = countBound(input.page, pageSize);
  const inQueue = () => sql`${inDepartements(sql, input.reach, input.departement)} and ${matchingStructure(sql, input.search ?? null)}`;
  const matches = () => sql`${inQueue()} and ${input.status === "all" ? sql`true` : sql`s.status = ${input.status}`}`;
  const waiting = input.status === "pending" || input.status === "information_requested";
  const [byStatus, items, departements] = await Promise.all([
    // Each status counted from its own index entries (structures_by_status), bound + 1 at most.
    sql<{ status: StructureStatus; count: number }[]>`
      select st.status, (select count(*) from (select from structures s where s.status = st.status and ${inQueue()} limit ${bound + 1}) x)::int as count
      from unnest(${[...structureStatuses]}::text[]) as st (status)`,
    sql<QueueItem[]>`
      select s.id, s.legal_name, s.siret, s.kind, c.name as commune_name, c.departement_code, s.status, s.status_at
      from structures s join communes c on c.insee_code = s.commune_code
      where ${matches()}
      order by ${waiting ? sql`s.status_at, s.id` : sql`s.status_at desc, s.id desc`}
      limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
    departementsInReach(input.reach, sql),
  ]);
  const counts = Object.fromEntries(byStatus.map(({ status, count }) => [status, { count: Math.min(count, bound), more: count > bound }])) as Record<
    StructureStatus,
    StatusCount
  >;
  // A sum past the bound, or a status counted past it, reads "more than the bound" (paged).
  const total =
    input.status === "all" ? byStatus.reduce((sum, row) => sum + row.count, 0) : byStatus.find((row) => row.status === input.status)!.count;
  return { structures: paged(items, total, input.page, pageSize, bound), counts, departements };
}

/** The départements a reviewer may choose from in a filter, by code. */
export function departementsInReach(reach: Reach, sql: Sql = db) {
  return sql<{ code: string; name: string }[]>`
    select d.code, d.name from departements d
    where ${reach === "all" ? sql`true` : sql`d.code = any(${[...reach]}::text[])`}
    order by d.code`;
}

// ——— The file a reviewer decides on ———

const RELATED_SHOWN = 20;

/** Everything a reviewer needs to decide on a structure within their reach; NotFound otherwise. */
export async function structureForReview(input: { structureId: number; reach: Reach }, sql: Sql = db): Promise<ReviewFile> {
  const [structure]: [StructureUnderReview?] = await sql`
    select s.id, s.siret, s.legal_name, s.kind, s.commune_code, c.name as commune_name, c.population as commune_population,
           c.departement_code, d.name as departement_name, s.address, s.postal_code, s.contact_name, s.contact_phone,
           s.status, s.status_reason, s.status_at, decider.name as status_by_name,
           registrant.name as registered_by_name, registrant.email as registered_by_email, s.created_at
    from structures s
    join communes c on c.insee_code = s.commune_code
    join departements d on d.code = c.departement_code
    join users registrant on registrant.id = s.registered_by
    left join users decider on decider.id = s.status_by
    where s.id = ${input.structureId} and ${withinReach(sql, input.reach)}`;
  if (!structure) throw new StructureNotFound();
  const [reviews, related, [territory], documents] = await Promise.all([
    reviewHistory(structure.id, sql),
    relatedStructures(structure, input.reach, sql),
    sql<{ populationYear: number }[]>`select population_year from territory_data`,
    supportingDocuments(structure.id, sql),
  ]);
  return { structure, populationYear: territory?.populationYear ?? null, reviews, related, documents };
}

function reviewHistory(structureId: number, sql: Sql) {
  return sql<ReviewEntry[]>`
    select r.id, r.action, r.message, u.name as actor_name, r.at
    from structure_reviews r join users u on u.id = r.actor_id
    where r.structure_id = ${structureId}
    order by r.id`;
}

async function relatedStructures(structure: StructureUnderReview, reach: Reach, sql: Sql) {
  const siren = structure.siret.slice(0, 9);
  const place = sql`s.commune_code = ${structure.communeCode} and normalised_address(s.address) = normalised_address(${structure.address})`;
  const rows = await sql<(RelatedStructure & { total: number })[]>`
    select s.id, s.legal_name, s.siret, s.address, c.name as commune_name, s.status,
           ${place} as same_place, left(s.siret, 9) = ${siren} as same_siren, count(*) over ()::int as total
    from structures s join communes c on c.insee_code = s.commune_code
    where s.id <> ${structure.id} and ${withinReach(sql, reach)}
      and s.id in (select s.id from structures s where ${place} union select s.id from structures s where left(s.siret, 9) = ${siren})
    order by same_place desc, s.legal_name, s.id
    limit ${RELATED_SHOWN}`;
  return { items: rows.map(({ total: _, ...item }) => item), total: rows[0]?.total ?? 0 };
}

/** The structure's supporting documents; only a checked (cleaned) PDF can be opened. */
async function supportingDocuments(structureId: number, sql: Sql): Promise<SupportingDocument[]> {
  const files = await listStructureDocuments(structureId, { sql });
  return files.map((file) => ({
    id: file.id,
    label: file.status === "ready" && file.pages ? `${file.displayName} (PDF, ${plural(file.pages, "page")})` : file.displayName,
    href: file.status === "ready" ? `/structure/${structureId}/pieces/${file.id}` : null,
    state: file.status === "processing" ? "en cours de vérification" : file.status === "refused" ? `refusé : ${file.refusalReason}` : null,
  }));
}

// ——— Decisions and answers ———

type Locked = { id: number; legalName: string; status: StructureStatus };

type Step = { action: ReviewAction; message: string | null; actorId: number; now: Date };

/**
 * Applies one step to a locked structure: its new status, the history row, the audit entry and
 * the e-mail to each of its members, or a Conflict naming why the step cannot happen.
 */
async function applyStep(tx: Sql, structure: Locked, step: Step) {
  const next = transition(structure.status, step.action);
  if (!next.ok) throw new Conflict(next.message);
  const reason = next.status === "rejected" || next.status === "information_requested" ? step.message : null;
  await tx`
    update structures set status = ${next.status}, status_reason = ${reason}, status_at = ${step.now}, status_by = ${step.actorId}
    where id = ${structure.id}`;
  await tx`
    insert into structure_reviews (structure_id, action, message, actor_id, at)
    values (${structure.id}, ${step.action}, ${step.message}, ${step.actorId}, ${step.now})`;
  await appendAudit(tx, {
    actorId: step.actorId,
    action: `structure.${step.action}`,
    subject: `structure:${structure.id}`,
    data: { from: structure.status, to: next.status, ...(step.message === null ? {} : { message: step.message }) },
  });
  const members = await tx<{ email: string; name: string }[]>`
    select u.email, u.name from memberships m join users u on u.id = m.user_id
    where m.role = 'structure' and m.scope = ${`structure:${structure.id}`} and u.disabled_at is null
    order by u.id`;
  const links = { space: portalLink("/structure"), answer: portalLink("/structure/reponse") };
  for (const member of members) await queueMail(reviewMail(step.action, member, structure, step.message, links), tx);
  return next.status;
}

export type Decision = {
  structureId: number;
  reviewer: Reviewer;
  /** How many history rows the reviewer saw when deciding: a decision made on a stale page is refused. */
  reviewsSeen: number;
  now: Date;
};

/**
 * One reviewer's decision. The row lock makes two decisions on one structure take turns; the
 * second then finds a history longer than its reviewer saw, and is refused with who decided what,
 * rather than applied over a decision its reviewer never read.
 */
async function decide(decision: Decision, action: ReviewAction, message: string | null, sql: Sql) {
  return transaction(sql, async (tx) => {
    const [structure]: [Locked?] = await tx`
      select s.id, s.legal_name, s.status from structures s join communes c on c.insee_code = s.commune_code
      where s.id = ${decision.structureId} and ${withinReach(tx, decision.reviewer.reach)}
      for no key update of s`;
    if (!structure) throw new StructureNotFound();
    const [latest]: [{ count: number; action: ReviewAction; actorName: string; at: Date }?] = await tx`
      select count(*) over ()::int as count, r.action, u.name as actor_name, r.at
      from structure_reviews r join users u on u.id = r.actor_id
      where r.structure_id = ${structure.id}
      order by r.id desc limit 1`;
    if ((latest?.count ?? 0) !== decision.reviewsSeen) {
      const what = latest ? ` : « ${reviewActionLabels[latest.action]} » par ${latest.actorName} le ${formatParis(latest.at)}` : "";
      throw new Conflict(`La fiche a changé depuis que vous l'avez ouverte${what}. Relisez-la avant de décider.`);
    }
    const status = await applyStep(tx, structure, { action, message, actorId: decision.reviewer.id, now: decision.now });
    return { id: structure.id, legalName: structure.legalName, status };
  });
}

export function verifyStructure(decision: Decision, sql: Sql = db) {
  return decide(decision, "verified", null, sql);
}

export function rejectStructure(decision: Decision & { reason: string }, sql: Sql = db) {
  return decide(decision, "rejected", decision.reason, sql);
}

export function requestInformation(decision: Decision & { question: string }, sql: Sql = db) {
  return decide(decision, "information_requested", decision.question, sql);
}

/** The questions waiting for an answer from the structures a person is a member of, oldest first. */
export async function questionsForMember(memberId: number, sql: Sql = db) {
  return sql<{ structureId: number; legalName: string; question: string; askedAt: Date }[]>`
    select s.id as structure_id, s.legal_name, s.status_reason as question, s.status_at as asked_at
    from structures s
    join memberships m on m.role = 'structure' and m.scope = 'structure:' || s.id and m.user_id = ${memberId}
    where s.status = 'information_requested'
    order by s.status_at, s.id`;
}

/** A member's answer to the question asked: the structure goes back to its reviewers' queue. */
export async function answerInformationRequest(input: { structureId: number; memberId: number; answer: string; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    const [structure]: [Locked?] = await tx`
      select s.id, s.legal_name, s.status from structures s
      where s.id = ${input.structureId}
        and exists (select 1 from memberships m where m.user_id = ${input.memberId} and m.role = 'structure' and m.scope = 'structure:' || s.id)
      for no key update of s`;
    if (!structure) throw new StructureNotFound();
    const status = await applyStep(tx, structure, { action: "information_provided", message: input.answer, actorId: input.memberId, now: input.now });
    return { id: structure.id, legalName: structure.legalName, status };
  });
}
