import { hashToken, newToken } from "~/accounts/sessions.server";
import { insertMembership } from "~/accounts/users.server";
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { db, type Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { closedInvitationMessages, type InvitationState } from "./invitation-states";
import { invitationMail } from "./mails";
import { findStructureForMember, structureScope } from "./structures.server";

/** How long an invitation link works. */
const INVITATION_LIFETIME_DAYS = 14;
/** Invitations a structure may send in 24 hours: the portal must not become a way to mail anyone at will. */
const DAILY_INVITATIONS = 20;

export const InvitationNotFound = notFoundOf(
  "InvitationNotFound",
  "Cette invitation n'existe pas : vérifiez que le lien du courriel a été copié en entier.",
);

export type Member = { userId: number; name: string; email: string; since: Date };
export type PendingInvitation = { id: number; email: string; createdAt: Date; expiresAt: Date; expired: boolean; invitedByName: string };

/** The structure's members, for one of them; StructureNotFound for anyone else. */
export async function listMembers(input: { structureId: number; memberId: number }, sql: Sql = db): Promise<Member[]> {
  await findStructureForMember({ structureId: input.structureId, userId: input.memberId }, sql);
  return sql<Member[]>`
    select u.id as user_id, u.name, u.email, m.granted_at as since
    from memberships m join users u on u.id = m.user_id
    where m.role = 'structure' and m.scope = ${structureScope(input.structureId)} and u.disabled_at is null
    order by m.granted_at, u.id`;
}

/** Invitations neither accepted nor revoked (expired ones included: a member may send them again), for a member. */
export async function listPendingInvitations(
  input: { structureId: number; memberId: number; now: Date },
  sql: Sql = db,
): Promise<PendingInvitation[]> {
  await findStructureForMember({ structureId: input.structureId, userId: input.memberId }, sql);
  return sql<PendingInvitation[]>`
    select i.id, i.email, i.created_at, i.expires_at, i.expires_at <= ${input.now} as expired, u.name as invited_by_name
    from structure_invitations i join users u on u.id = i.invited_by
    where i.structure_id = ${input.structureId} and i.accepted_at is null and i.revoked_at is null
    order by i.id`;
}

/**
 * A member invites a colleague by e-mail: a single-use link (only its SHA-256 is stored), valid
 * INVITATION_LIFETIME_DAYS, queued in the same transaction. Inviting the same address again
 * replaces the previous invitation, whose link stops working.
 */
export async function inviteMember(input: { structureId: number; memberId: number; email: string; now: Date }, sql: Sql = db): Promise<number> {
  return transaction(sql, async (tx) => {
    const structure = await findStructureForMember({ structureId: input.structureId, userId: input.memberId, lock: true }, tx);
    const [already]: [{ id: number }?] = await tx`
      select u.id from users u join memberships m on m.user_id = u.id
      where u.email = ${input.email} and m.role = 'structure' and m.scope = ${structureScope(structure.id)}`;
    if (already) throw new Conflict("Cette personne est déjà membre de la structure.", "email");
    // Counted under the structure's lock: concurrent invitations cannot pass the limit together.
    const [{ sent }] = await tx<{ sent: number }[]>`
      select count(*)::int as sent from structure_invitations
      where structure_id = ${structure.id} and created_at > ${new Date(input.now.getTime() - 24 * 3_600_000)}`;
    if (sent >= DAILY_INVITATIONS) {
      throw new Conflict(
        `La structure a déjà envoyé ${DAILY_INVITATIONS} invitations ces dernières 24 heures, le maximum : réessayez demain.`,
        "email",
      );
    }
    await tx`
      update structure_invitations set revoked_at = ${input.now}, revoked_by = ${input.memberId}
      where structure_id = ${structure.id} and email = ${input.email} and accepted_at is null and revoked_at is null`;
    const token = newToken();
    const expiresAt = new Date(input.now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 3_600_000);
    const [invitation] = await tx<{ id: number }[]>`
      insert into structure_invitations (structure_id, email, token_hash, invited_by, created_at, expires_at)
      values (${structure.id}, ${input.email}, ${hashToken(token)}, ${input.memberId}, ${input.now}, ${expiresAt})
      returning id`;
    const [inviter] = await tx<{ name: string }[]>`select name from users where id = ${input.memberId}`;
    await queueMail(
      invitationMail({
        to: input.email,
        structureName: structure.legalName,
        inviterName: inviter.name,
        link: portalLink("/structure/invitation", { jeton: token }),
        expiresAt,
      }),
      tx,
    );
    await appendAudit(tx, {
      actorId: input.memberId,
      action: "structure.member_invited",
      subject: structureScope(structure.id),
      data: { invitationId: invitation.id, email: input.email },
    });
    return invitation.id;
  });
}

/** A member withdraws a pending invitation of their structure: its link stops working. */
export async function revokeInvitation(input: { structureId: number; invitationId: number; memberId: number; now: Date }, sql: Sql = db) {
  await transaction(sql, async (tx) => {
    await findStructureForMember({ structureId: input.structureId, userId: input.memberId, lock: true }, tx);
    const [revoked]: [{ email: string }?] = await tx`
      update structure_invitations set revoked_at = ${input.now}, revoked_by = ${input.memberId}
      where id = ${input.invitationId} and structure_id = ${input.structureId} and accepted_at is null and revoked_at is null
      returning email`;
    if (!revoked) throw new InvitationNotFound();
    await appendAudit(tx, {
      actorId: input.memberId,
      action: "structure.invitation_revoked",
      subject: structureScope(input.structureId),
      data: { invitationId: input.invitationId },
    });
  });
}

export type InvitationView = { structureName: string; communeName: string; invitedByName: string; expiresAt: Date; state: InvitationState };

type InvitationRow = InvitationView & { id: number; structureId: number; email: string; invitedBy: number };

async function invitationByToken(token: string, now: Date, sql: Sql, lock: boolean): Promise<InvitationRow> {
  const [row]: [InvitationRow?] = await sql`
    select i.id, i.structure_id, i.email, i.invited_by, s.legal_name as structure_name, c.name as commune_name, u.name as invited_by_name, i.expires_at,
           case when i.revoked_at is not null then 'revoked'
                when i.accepted_at is not null then 'accepted'
                when i.expires_at <= ${now} then 'expired'
                else 'open' end as state
    from structure_invitations i
      join structures s on s.id = i.structure_id
      join communes c on c.insee_code = s.commune_code
      join users u on u.id = i.invited_by
    where i.token_hash = ${hashToken(token)}
    ${lock ? sql`for update of i` : sql``}`;
  if (!row) throw new InvitationNotFound();
  return row;
}

/** What the invitation page shows of the link's invitation, without using it up. */
export async function findInvitation(input: { token: string; now: Date }, sql: Sql = db): Promise<InvitationView> {
  const { structureName, communeName, invitedByName, expiresAt, state } = await invitationByToken(input.token, input.now, sql, false);
  return { structureName, communeName, invitedByName, expiresAt, state };
}

/**
 * The signed-in person accepts the invitation of the link and becomes a member of its structure.
 * Only the invited address's account may: the link is for that person. Usable once.
 */
export async function acceptInvitation(
  input: { token: string; userId: number; email: string; now: Date },
  sql: Sql = db,
): Promise<{ structureId: number; structureName: string }> {
  return transaction(sql, async (tx) => {
    const invitation = await invitationByToken(input.token, input.now, tx, true);
    if (invitation.state !== "open") throw new Conflict(closedInvitationMessages[invitation.state]);
    if (invitation.email !== input.email.toLowerCase()) {
      throw new Refused(
        "Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte : connectez-vous avec le compte de l'adresse invitée, ou créez-le.",
      );
    }
    await tx`update structure_invitations set accepted_at = ${input.now}, accepted_by = ${input.userId} where id = ${invitation.id}`;
    await insertMembership(
      { userId: input.userId, role: "structure", scope: structureScope(invitation.structureId), grantedBy: invitation.invitedBy },
      tx,
    );
    await appendAudit(tx, {
      actorId: input.userId,
      action: "structure.member_joined",
      subject: structureScope(invitation.structureId),
      data: { invitationId: invitation.id },
    });
    return { structureId: invitation.structureId, structureName: invitation.structureName };
  });
}
