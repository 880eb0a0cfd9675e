// The jurors of a contest, as the admin manages them: invite by e-mail (creating the account when
// needed), preferred themes and a cap, removal before any review is submitted. Every change runs in
// one transaction with its audit entry and its e-mail.
//
// A juror of a contest cannot be a candidate in it (docs/architecture.md, Invariants). Both sides
// check it under the same transaction-scoped advisory lock on (contest, person) — see contest/candidacy.server.ts
// — so an invitation and a proposal created at the same instant cannot both pass.
import { randomBytes } from "node:crypto";
import { portalLink } from "~/accounts/links.server";
import { holdsJurySeat } from "~/contest/candidacy.server";
import { hashPassword } from "~/accounts/passwords.server";
import { hashToken, newToken } from "~/accounts/sessions.server";
import { revokeTokens } from "~/accounts/tokens.server";
import { findUserByEmail, insertMembership, insertUser } from "~/accounts/users.server";
import { appendAudit } from "~/audit/audit.server";
import { findContestById, findContestBySlug, type Contest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase, type Phase } from "~/contest/phase";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound } from "~/infra/domain-errors";
import { containsPattern, offsetOf, paged } from "~/infra/paging";
import { transaction } from "~/infra/transaction.server";
import { queueMail, type OutgoingMail } from "~/mail/outbox.server";
import type { JurorChange } from "./admin-schemas";

/** A change the jury's state refuses (already a juror, a cap reached, scores sealed…); shown to the admin by `field` when given. */
export class JuryRefusal extends Conflict {
  override name = "JuryRefusal";
}

/**
 * Serialises every change of a contest's jury (invitations, removals, conflicts, assignments) for
 * the rest of the transaction. An advisory lock rather than a row lock: editing the contest itself
 * is not blocked while an assignment is computed.
 */
export async function lockJury(tx: Sql, contestId: number) {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`jury:${contestId}`}, 0))`;
}

/** True once the contest's scores are sealed: the jury's assignments and conflicts no longer move. */
export async function isSealed(contestId: number, sql: Sql = db): Promise<boolean> {
  const [row] = await sql<{ sealed: boolean }[]>`select exists (select 1 from score_seals where contest_id = ${contestId}) as sealed`;
  return row.sealed;
}

/** An invitation link is a password-reset link that lives longer: an invitee may read it days later. */
export const INVITATION_LINK_DAYS = 7;

/**
 * A single-use link to /mot-de-passe/nouveau (the password-reset page and token, reused as is), valid
 * INVITATION_LINK_DAYS days. Older unused links of the account stop working.
 */
async function issueInvitationLink(userId: number, tx: Sql): Promise<string> {
  await revokeTokens(userId, "reset_password", tx);
  const token = newToken();
  await tx`
    insert into user_tokens (token_hash, user_id, purpose, expires_at)
    values (${hashToken(token)}, ${userId}, 'reset_password', now() + make_interval(days => ${INVITATION_LINK_DAYS}))`;
  return portalLink("/mot-de-passe/nouveau", { jeton: token });
}

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

function invitationMail(
  to: { email: string; name: string },
  contest: Pick<Contest, "title" | "calendar">,
  access: { kind: "set-password"; link: string } | { kind: "login"; link: string },
): OutgoingMail {
  const accessText =
    access.kind === "set-password"
      ? "Pour activer votre compte, choisissez votre mot de passe en ouvrant ce lien " +
        `(valable ${INVITATION_LINK_DAYS} jours, utilisable une seule fois) :\n\n${access.link}\n\n` +
        "Passé ce délai, demandez un nouveau lien depuis « Mot de passe oublié » sur la page de connexion, avec cette adresse."
      : `Connectez-vous avec votre compte habituel (cette adresse électronique) :\n\n${access.link}`;
  return {
    to: to.email,
    subject: `Invitation au jury du concours « ${contest.title} »`,
    text:
      `Bonjour ${to.name},\n\n` +
      `Le gestionnaire du programme vous invite à siéger au jury du concours « ${contest.title} » des kits d'inclusion numérique.\n\n` +
      `${accessText}\n\n` +
      "Les membres du jury protègent leur compte par une double authentification (une application de codes à usage unique) : " +
      "elle vous sera demandée à votre première connexion.\n\n" +
      "Dans votre espace jury, commencez par déclarer vos liens (organisations, domaines de courriel, personnes) : " +
      "ils servent à vous éviter d'évaluer une proposition avec laquelle vous seriez en conflit d'intérêts.\n\n" +
      `L'évaluation se déroule du ${formatParis(contest.calendar.reviewOpenAt)} au ${formatParis(contest.calendar.reviewCloseAt)} (heure de Paris).` +
      signature,
  };
}

export type Invitation = { userId: number; accountCreated: boolean };

/**
 * Invites a person to the jury of a contest by e-mail. An unknown address gets an account (with a
 * random password nobody knows, and a link to choose one); a known one is linked. Either way the
 * person gets the juror role on this contest, a `jurors` row and the invitation e-mail.
 * Refused (JuryRefusal on `email`) when the person has a proposal in this contest, is already a
 * juror of it, or their account is disabled.
 */
export async function inviteJuror(input: { contestId: number; email: string; name: string; actorId: number }, sql: Sql = db): Promise<Invitation> {
  const email = input.email.trim().toLowerCase();
  // Hashed before the transaction (argon2 is slow by design): no lock is held meanwhile.
  const unusablePasswordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return transaction(sql, async (tx) => {
    const contest = await findContestById(input.contestId, tx);
    if (!contest) throw new NotFound("Concours introuvable.");

    const createdId = await insertUser({ email, name: input.name, passwordHash: unusablePasswordHash }, tx);
    const user = createdId === null ? await findUserByEmail(email, tx) : null;
    if (user?.disabledAt) {
      throw new JuryRefusal(`Le compte de ${email} est désactivé : réactivez-le d'abord depuis la page « Utilisateurs ».`, "email");
    }
    const userId = createdId ?? user!.id;
    const name = user?.name ?? input.name;

    if (await holdsJurySeat(contest.id, userId, tx)) {
      throw new JuryRefusal(`${name} (${email}) est déjà membre du jury de ce concours.`, "email");
    }
    const [candidacy] = await tx<{ count: number }[]>`
      select count(*)::int as count from proposals where contest_id = ${contest.id} and owner_id = ${userId}`;
    if (candidacy.count > 0) {
      throw new JuryRefusal(
        `${name} (${email}) a ${candidacy.count > 1 ? `${candidacy.count} propositions` : "une proposition"} à ce concours : ` +
          "un candidat ne peut pas être membre du jury du concours auquel il participe.",
        "email",
      );
    }

    await tx`insert into jurors (contest_id, user_id, invited_by) values (${contest.id}, ${userId}, ${input.actorId})`;
    await insertMembership({ userId, role: "juror", scope: `contest:${contest.id}`, grantedBy: input.actorId }, tx);

    // A new account, or one whose owner never proved the address, needs a password chosen from the
    // e-mail; following that link also confirms the address (resetPassword does).
    const needsPassword = createdId !== null || user?.emailConfirmedAt === null;
    const access = needsPassword
      ? ({ kind: "set-password", link: await issueInvitationLink(userId, tx) } as const)
      : ({ kind: "login", link: portalLink("/connexion", { redirectTo: "/jury" }) } as const);
    await queueMail(invitationMail({ email, name }, contest, access), tx);

    if (createdId !== null) {
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "account.created",
        subject: `user:${userId}`,
        data: { role: "juror", invitedTo: `contest:${contest.id}` },
      });
    }
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "juror.invited",
      subject: `contest:${contest.id}`,
      data: { userId, email, accountCreated: createdId !== null },
    });
    return { userId, accountCreated: createdId !== null };
  });
}

/**
 * Sets a juror's preferred themes (from the contest's list; entries sharing one are preferred at
 * assignment) and their cap (null: none). A cap below the reviews already assigned is refused.
 */
export async function updateJurorSettings(
  input: { contestId: number; userId: number; themes: readonly string[]; maxLoad: number | null; actorId: number },
  sql: Sql = db,
) {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    const [contest]: [{ themes: string[] }?] = await tx`select themes from contests where id = ${input.contestId}`;
    if (!contest) throw new NotFound("Concours introuvable.");
    const unknown = input.themes.filter((theme) => !contest.themes.includes(theme));
    if (unknown.length > 0) throw new JuryRefusal(`Choisissez les thèmes dans la liste du concours (inconnu : « ${unknown[0]} »).`, "themes");
    const themes = [...new Set(input.themes)];
    const [juror]: [{ name: string; assigned: number }?] = await tx`
      select u.name, (select count(*)::int from assignments a where a.contest_id = j.contest_id and a.user_id = j.user_id) as assigned
      from jurors j join users u on u.id = j.user_id
      where j.contest_id = ${input.contestId} and j.user_id = ${input.userId}
      for update of j`;
    if (!juror) throw new JuryRefusal("Cette personne n'est pas membre du jury de ce concours.", "userId");
    if (input.maxLoad !== null && input.maxLoad < juror.assigned) {
      throw new JuryRefusal(
        `${juror.name} a déjà ${juror.assigned} proposition${juror.assigned > 1 ? "s" : ""} à évaluer : le plafond ne peut pas être inférieur. Retirez d'abord des affectations.`,
        "maxLoad",
      );
    }
    await tx`update jurors set themes = ${themes}, max_load = ${input.maxLoad} where contest_id = ${input.contestId} and user_id = ${input.userId}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "juror.updated",
      subject: `contest:${input.contestId}`,
      data: { userId: input.userId, themes, maxLoad: input.maxLoad },
    });
  });
}

/**
 * Removes a juror from a contest's jury while they have not submitted any review: their assignments
 * (and reviews in progress), ties and juror role on the contest go; conflicts stay recorded.
 */
export async function removeJuror(input: { contestId: number; userId: number; actorId: number }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    await lockJury(tx, input.contestId);
    const [juror]: [{ name: string }?] = await tx`
      select u.name from jurors j join users u on u.id = j.user_id
      where j.contest_id = ${input.contestId} and j.user_id = ${input.userId}
      for update of j`;
    if (!juror) throw new JuryRefusal("Cette personne n'est plus membre du jury de ce concours.", "userId");
    const [{ submitted }] = await tx<{ submitted: number }[]>`
      select count(*)::int as submitted from reviews r join assignments a using (proposal_id, user_id)
      where a.contest_id = ${input.contestId} and a.user_id = ${input.userId} and r.status = 'submitted'`;
    if (submitted > 0) {
      throw new JuryRefusal(
        `${juror.name} a déjà soumis ${submitted} évaluation${submitted > 1 ? "s" : ""} : un membre du jury qui a commencé à évaluer ne peut plus être retiré.`,
        "userId",
      );
    }
    // Reviews in progress go with their assignment (on delete cascade), ties with the juror row.
    const assignments = await tx`delete from assignments where contest_id = ${input.contestId} and user_id = ${input.userId}`;
    const ties = await tx`delete from juror_ties where contest_id = ${input.contestId} and user_id = ${input.userId}`;
    await tx`delete from jurors where contest_id = ${input.contestId} and user_id = ${input.userId}`;
    await tx`delete from memberships where user_id = ${input.userId} and role = 'juror' and scope = ${`contest:${input.contestId}`}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "juror.removed",
      subject: `contest:${input.contestId}`,
      data: { userId: input.userId, assignmentsRemoved: assignments.count, tiesRemoved: ties.count },
    });
  });
}

export type JurorRow = {
  userId: number;
  name: string;
  email: string;
  themes: string[];
  maxLoad: number | null;
  invitedAt: Date;
  tiesDeclaredAt: Date | null;
  /** The account is ready to use: address confirmed (the invitation link was followed) and TOTP on. */
  emailConfirmed: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  assigned: number;
  /** Assigned, no review row yet. */
  notStarted: number;
  inProgress: number;
  submitted: number;
  activeConflicts: number;
};

/** Every juror of a contest with their settings and progress, by name. */
export async function listJurors(contestId: number, sql: Sql = db): Promise<JurorRow[]> {
  return jurorRows(sql, contestId);
}

export const JURORS_PAGE_SIZE = 50;

/** The jurors whose name or e-mail holds `query` (all of them without one). */
const jurorMatches = (sql: Sql, query: string | null) =>
  query ? sql`and (u.name ilike ${containsPattern(query)} or u.email ilike ${containsPattern(query.toLowerCase())})` : sql``;

/** The contest's jurors by name with their progress: all of them, or one page of a search. */
function jurorRows(sql: Sql, contestId: number, slice?: { query: string | null; page: number; pageSize: number }) {
  return sql<JurorRow[]>`
    select j.user_id, u.name, u.email, j.themes, j.max_load, j.invited_at, j.ties_declared_at,
           u.email_confirmed_at is not null as email_confirmed, u.totp_enabled_at is not null as totp_enabled,
           u.disabled_at is not null as disabled,
           coalesce(a.assigned, 0) as assigned, coalesce(a.not_started, 0) as not_started,
           coalesce(a.in_progress, 0) as in_progress, coalesce(a.submitted, 0) as submitted,
           coalesce(c.active, 0) as active_conflicts
    from (select j.* from jurors j join users u on u.id = j.user_id
          where j.contest_id = ${contestId} ${jurorMatches(sql, slice?.query ?? null)}
          order by lower(u.name), j.user_id
          ${slice ? sql`limit ${slice.pageSize} offset ${offsetOf(slice.page, slice.pageSize)}` : sql``}) j
    join users u on u.id = j.user_id
    left join lateral (
      select count(*)::int as assigned,
             (count(*) filter (where r.status is null))::int as not_started,
             (count(*) filter (where r.status = 'in_progress'))::int as in_progress,
             (count(*) filter (where r.status = 'submitted'))::int as submitted
      from assignments x left join reviews r on r.proposal_id = x.proposal_id and r.user_id = x.user_id
      where x.contest_id = j.contest_id and x.user_id = j.user_id
    ) a on true
    left join lateral (
      select count(*)::int as active from conflicts k join proposals p on p.id = k.proposal_id
      where k.user_id = j.user_id and p.contest_id = j.contest_id and k.lifted_at is null
    ) c on true
    order by lower(u.name), j.user_id`;
}

export type ContestHeader = { id: number; slug: string; title: string; themes: string[]; phase: Phase; reviewOpenAt: Date; reviewCloseAt: Date };

/** The contest behind a slug of a jury page's address; NotFound when there is none. */
export async function juryContest(slug: string, sql: Sql = db): Promise<Contest> {
  const contest = await findContestBySlug(slug, sql);
  if (!contest) throw new NotFound("Concours introuvable.");
  return contest;
}

/** The contest behind a slug, as the jury pages show it; NotFound when there is none. */
export async function contestHeader(slug: string, now: Date, sql: Sql = db): Promise<ContestHeader> {
  const contest = await juryContest(slug, sql);
  return {
    id: contest.id,
    slug: contest.slug,
    title: contest.title,
    themes: contest.themes,
    phase: contestPhase(contest.calendar, now),
    reviewOpenAt: contest.calendar.reviewOpenAt,
    reviewCloseAt: contest.calendar.reviewCloseAt,
  };
}

/** What /admin/concours/:slug/jury shows: the contest and a page of its jurors (those `query` finds). */
export async function jurorsPage(input: { slug: string; now: Date; query: string | null; page: number; pageSize?: number }, sql: Sql = db) {
  const contest = await contestHeader(input.slug, input.now, sql);
  const pageSize = input.pageSize ?? JURORS_PAGE_SIZE;
  const [[{ total }], items] = await Promise.all([
    sql<{ total: number }[]>`
      select count(*)::int as total from jurors j join users u on u.id = j.user_id
      where j.contest_id = ${contest.id} ${jurorMatches(sql, input.query)}`,
    jurorRows(sql, contest.id, { query: input.query, page: input.page, pageSize }),
  ]);
  return { contest, jurors: paged(items, total, input.page, pageSize) };
}

/** The one entry point of /admin/concours/:slug/jury's forms: applies a parsed change, says what was done. */
export async function applyJurorChange(
  input: { slug: string; actorId: number; change: JurorChange },
  sql: Sql = db,
): Promise<{ done: "invited"; accountCreated: boolean } | { done: "updated" | "removed" }> {
  const contest = await juryContest(input.slug, sql);
  const { change, actorId } = input;
  switch (change.intent) {
    case "invite": {
      const invitation = await inviteJuror({ contestId: contest.id, email: change.email, name: change.name, actorId }, sql);
      return { done: "invited", accountCreated: invitation.accountCreated };
    }
    case "settings":
      await updateJurorSettings({ contestId: contest.id, userId: change.userId, themes: change.themes, maxLoad: change.maxLoad, actorId }, sql);
      return { done: "updated" };
    case "remove":
      await removeJuror({ contestId: contest.id, userId: change.userId, actorId }, sql);
      return { done: "removed" };
  }
}
