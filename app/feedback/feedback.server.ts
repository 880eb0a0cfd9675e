// Feedback on use: some weeks after a kit's delivery its structure is asked (by e-mail) how the kit
// is used; it answers once; an admin publishes or hides the answer; published answers are shown on
// the kit's catalogue page and to its designer, with the structure's kind and département, never a
// person's name. The rows are written by the receipt step (one per order and kit, `ask_after` set).
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { kitTitle, listKitsOfOwner } from "~/catalogue/kits.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { countBound, offsetOf, paged, type Paged } from "~/infra/paging";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { recipientsOf, type Recipient } from "~/orders/fulfilments.server";
import type { StructureKind } from "~/structures/kinds";
import { feedbackRequestMail } from "./mails";
import type { FeedbackAnswer } from "./schemas";

export type Moderation = "pending" | "published" | "hidden";

export const FeedbackNotFound = notFoundOf(
  "FeedbackNotFound",
  "Ce questionnaire est introuvable : vérifiez le lien reçu par courriel, et que vous êtes connecté avec le compte d'un membre de la structure.",
);

/** The subject of a feedback's audit entries. */
export function feedbackSubject(feedbackId: number): string {
  return `feedback:${feedbackId}`;
}

/** Where a structure's member answers. */
export function feedbackPath(feedbackId: number): string {
  return `/structure/retours/${feedbackId}`;
}

/**
 * Asks the structures every feedback due at `now` (ask_after passed, not yet asked): one e-mail to
 * each active member, and asked_at set, in batches. Each row is asked once, even when two workers
 * run at the same time: a batch takes its rows with `for update skip locked`, and the update is
 * guarded by `asked_at is null`. Returns how many were asked.
 */
export async function askDueFeedback(input: { now: Date; batchSize?: number }, sql: Sql = db): Promise<number> {
  const batchSize = input.batchSize ?? 100;
  let asked = 0;
  for (;;) {
    const count = await transaction(sql, async (tx) => {
      const rows = await tx<{ id: number; structureId: number; structureName: string; kitTitle: string }[]>`
        update kit_feedback f set asked_at = ${input.now}
        from orders o, structures s, catalogue_kits k
        where f.id in (select id from kit_feedback where asked_at is null and ask_after <= ${input.now}
                       order by ask_after, id limit ${batchSize} for update skip locked)
          and f.asked_at is null and o.id = f.order_id and s.id = o.structure_id and k.id = f.kit_id
        returning f.id, o.structure_id, s.legal_name as structure_name, ${kitTitle(tx)} as kit_title`;
      const members = new Map<number, Recipient[]>();
      for (const row of rows) {
        if (!members.has(row.structureId)) members.set(row.structureId, await recipientsOf({ structureId: row.structureId }, tx));
        const link = portalLink(feedbackPath(row.id));
        for (const member of members.get(row.structureId)!)
          await queueMail(feedbackRequestMail(member, { structure: row.structureName, kit: row.kitTitle }, link), tx);
      }
      if (rows.length > 0)
        await appendAudit(tx, { actorId: null, action: "feedback.asked", data: { feedback: rows.map((row) => row.id).sort((a, b) => a - b) } });
      return rows.length;
    });
    asked += count;
    if (count < batchSize) return asked;
  }
}

/** Whether the user is a member of structure `s` (a query's alias): its own scope, never a national role. */
function isStructureMember(sql: Sql, userId: number) {
  return sql`exists (select 1 from memberships m where m.user_id = ${userId} and m.role = 'structure' and m.scope = 'structure:' || s.id)`;
}

export type FeedbackForm = {
  id: number;
  structureName: string;
  kitTitle: string;
  kitSlug: string;
  /** The themes the kit's version declares: the choices of « thèmes abordés ». */
  kitThemes: string[];
  answer: { rating: number; peopleReached: number; themes: string[]; comment: string | null; answeredAt: Date } | null;
};

/** A feedback a member of its structure may see (asked already); `lock` keeps the row locked. */
async function readFeedbackForMember(input: { feedbackId: number; userId: number; lock?: boolean }, sql: Sql): Promise<FeedbackForm> {
  const [row]: [
    (Omit<FeedbackForm, "answer"> & { rating: number | null; peopleReached: number; themes: string[]; comment: string | null; answeredAt: Date })?,
  ] = await sql`
    select f.id, s.legal_name as structure_name, ${kitTitle(sql)} as kit_title, k.slug as kit_slug,
           array(select jsonb_array_elements_text(coalesce(v.content -> 'fields' -> 'themes', '[]'))) as kit_themes,
           f.rating, f.people_reached, f.themes, f.comment, f.answered_at
    from kit_feedback f join orders o on o.id = f.order_id join structures s on s.id = o.structure_id
    join catalogue_kits k on k.id = f.kit_id join proposal_versions v on v.proposal_id = k.proposal_id and v.version = k.version
    where f.id = ${input.feedbackId} and f.asked_at is not null
      and ${isStructureMember(sql, input.userId)}
    ${input.lock ? sql`for update of f` : sql``}`;
  if (!row) throw new FeedbackNotFound();
  const { rating, peopleReached, themes, comment, answeredAt, ...form } = row;
  return { ...form, answer: rating === null ? null : { rating, peopleReached, themes, comment, answeredAt } };
}

export type QuestionnaireItem = { id: number; structureName: string; kitTitle: string; askedAt: Date; answeredAt: Date | null };

/** The questionnaires sent to the structures the user is a member of, newest first, answered or not. */
export async function listFeedbackOfMember(userId: number, sql: Sql = db): Promise<QuestionnaireItem[]> {
  return sql<QuestionnaireItem[]>`
    select f.id, s.legal_name as structure_name, ${kitTitle(sql)} as kit_title, f.asked_at, f.answered_at
    from kit_feedback f join orders o on o.id = f.order_id join structures s on s.id = o.structure_id join catalogue_kits k on k.id = f.kit_id
    where f.asked_at is not null
      and ${isStructureMember(sql, userId)}
    order by f.asked_at desc, f.id desc
    limit 200`;
}

/** The questionnaire as a member of the ordering structure sees it; anyone else: FeedbackNotFound. */
export function findFeedbackForMember(input: { feedbackId: number; userId: number }, sql: Sql = db): Promise<FeedbackForm> {
  return readFeedbackForMember(input, sql);
}

/**
 * A member of the ordering structure answers, once: a second answer is a Conflict and changes
 * nothing. The themes must be the kit's own. Audited; the answer waits for moderation.
 */
export async function answerFeedback(input: { feedbackId: number; userId: number; answer: FeedbackAnswer; now: Date }, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    const form = await readFeedbackForMember({ ...input, lock: true }, tx);
    if (form.answer)
      throw new Conflict("Votre structure a déjà répondu à ce questionnaire : une seule réponse est possible. Merci de l'avoir fait !");
    const themes = [...new Set(input.answer.themes)];
    if (themes.some((theme) => !form.kitThemes.includes(theme))) throw new Refused("Thème inconnu : cochez les thèmes dans la liste.", "themes");
    const { rating, peopleReached, comment } = input.answer;
    await tx`
      update kit_feedback
      set rating = ${rating}, people_reached = ${peopleReached}, themes = ${themes}::text[], comment = ${comment},
          answered_by = ${input.userId}, answered_at = ${input.now}
      where id = ${input.feedbackId} and answered_at is null`;
    await appendAudit(tx, {
      actorId: input.userId,
      action: "feedback.answered",
      subject: feedbackSubject(input.feedbackId),
      data: { rating, peopleReached, themes, comment: comment !== null },
    });
  });
}

export type ModerationItem = {
  id: number;
  kitTitle: string;
  kitSlug: string;
  structureName: string;
  structureKind: StructureKind;
  departementCode: string;
  rating: number;
  peopleReached: number;
  themes: string[];
  comment: string | null;
  answeredAt: Date;
  moderation: Moderation;
};

export const MODERATION_PAGE_SIZE = 50;
/** How many of the answers moderated last the page shows below the queue. */
const RECENTLY_MODERATED = 20;

/** An answer as the moderation page shows it (the alias `f` for the feedback row). */
function moderationItems(sql: Sql) {
  return sql`
    select f.id, ${kitTitle(sql)} as kit_title, k.slug as kit_slug, s.legal_name as structure_name, s.kind as structure_kind,
           c.departement_code, f.rating, f.people_reached, f.themes, f.comment, f.answered_at, f.moderation
    from kit_feedback f join orders o on o.id = f.order_id join structures s on s.id = o.structure_id
    join communes c on c.insee_code = s.commune_code join catalogue_kits k on k.id = f.kit_id`;
}

/**
 * The answers waiting for moderation, oldest first, a page at a time (the count stops 20 pages past
 * the page read: countBound), and the last ones moderated, newest first.
 */
export async function listFeedbackForModeration(
  input: { page: number; pageSize?: number },
  sql: Sql = db,
): Promise<{ pending: Paged<ModerationItem>; moderated: ModerationItem[] }> {
  const pageSize = input.pageSize ?? MODERATION_PAGE_SIZE;
  const bound = countBound(input.page, pageSize);
  const [[{ total }], pending, moderated] = await Promise.all([
    sql<{ total: number }[]>`
      select count(*)::int as total from (
        select from kit_feedback where moderation = 'pending' and answered_at is not null limit ${bound + 1}) counted`,
    sql<ModerationItem[]>`
      ${moderationItems(sql)}
      where f.moderation = 'pending' and f.answered_at is not null
      order by f.answered_at, f.id limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
    sql<ModerationItem[]>`
      ${moderationItems(sql)}
      where f.moderation <> 'pending'
      order by f.moderated_at desc, f.id desc limit ${RECENTLY_MODERATED}`,
  ]);
  return { pending: paged(pending, total, input.page, pageSize, bound), moderated };
}

/**
 * The admin publishes or hides an answer (and may change their mind later): a guarded update that
 * changes the moderation only when it differs, audited. Asking for the state it already has is a Conflict.
 */
export async function moderateFeedback(
  input: { feedbackId: number; decision: "published" | "hidden"; actorId: number; now: Date },
  sql: Sql = db,
): Promise<void> {
  await transaction(sql, async (tx) => {
    const [changed]: [{ kitId: number }?] = await tx`
      update kit_feedback set moderation = ${input.decision}, moderated_by = ${input.actorId}, moderated_at = ${input.now}
      where id = ${input.feedbackId} and answered_at is not null and moderation <> ${input.decision}
      returning kit_id`;
    if (!changed) {
      const [existing]: [{ moderation: Moderation }?] = await tx`
        select moderation from kit_feedback where id = ${input.feedbackId} and answered_at is not null`;
      if (!existing) throw new FeedbackNotFound();
      throw new Conflict(input.decision === "published" ? "Ce retour est déjà publié." : "Ce retour est déjà masqué.");
    }
    await appendAudit(tx, {
      actorId: input.actorId,
      action: input.decision === "published" ? "feedback.published" : "feedback.hidden",
      subject: feedbackSubject(input.feedbackId),
      data: { kit: changed.kitId },
    });
  });
}

export type PublishedComment = {
  id: number;
  structureKind: StructureKind;
  departementCode: string;
  departementName: string;
  rating: number;
  peopleReached: number;
  themes: string[];
  comment: string;
  answeredAt: Date;
};

export type KitFeedback = {
  count: number;
  /** The mean rating to one decimal; null without any published answer. */
  averageRating: number | null;
  peopleReached: number;
  /** The published answers with a comment, newest first (the 50 latest). */
  comments: PublishedComment[];
};

/** What the published answers about one kit say: only those an admin published. */
export async function publishedFeedbackOfKit(kitId: number, sql: Sql = db): Promise<KitFeedback> {
  const [totals]: [{ count: number; averageRating: string | null; peopleReached: number }] = await sql`
    select count(*)::int as count, round(avg(rating), 1)::text as average_rating, coalesce(sum(people_reached), 0)::bigint as people_reached
    from kit_feedback where kit_id = ${kitId} and moderation = 'published'`;
  const comments = await sql<PublishedComment[]>`
    select f.id, s.kind as structure_kind, d.code as departement_code, d.name as departement_name, f.rating, f.people_reached, f.themes,
           f.comment, f.answered_at
    from kit_feedback f join orders o on o.id = f.order_id join structures s on s.id = o.structure_id
    join communes c on c.insee_code = s.commune_code join departements d on d.code = c.departement_code
    where f.kit_id = ${kitId} and f.moderation = 'published' and f.comment is not null
    order by f.answered_at desc, f.id desc limit 50`;
  return {
    count: totals.count,
    averageRating: totals.averageRating === null ? null : Number(totals.averageRating),
    peopleReached: totals.peopleReached,
    comments,
  };
}

/** The published feedback on each catalogue kit the designer's proposals became, by kit. */
export async function feedbackForDesigner(
  userId: number,
  sql: Sql = db,
): Promise<{ kitId: number; title: string; slug: string; feedback: KitFeedback }[]> {
  const kits = await listKitsOfOwner(userId, sql);
  return Promise.all(kits.map(async (kit) => ({ ...kit, feedback: await publishedFeedbackOfKit(kit.kitId, sql) })));
}
