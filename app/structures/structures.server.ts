import { appendAudit } from "~/audit/audit.server";
import { insertMembership } from "~/accounts/users.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { db, type Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";
import { findCommune } from "~/territories/communes.server";
import type { StructureKind } from "./kinds";
import { postalCodeRefusal, type Registration } from "./schemas";
import type { StructureStatus } from "./statuses";

export type Structure = {
  id: number;
  siret: string;
  legalName: string;
  kind: StructureKind;
  communeCode: string;
  communeName: string;
  departementCode: string;
  address: string;
  postalCode: string;
  contactName: string;
  contactPhone: string;
  status: StructureStatus;
  statusReason: string | null;
  statusAt: Date;
  createdAt: Date;
};

export const StructureNotFound = notFoundOf("StructureNotFound", "Structure introuvable.");

/** The scope of a structure's memberships (role 'structure'). */
export function structureScope(structureId: number): string {
  return `structure:${structureId}`;
}

/** Whether the user is a member of the structure: its own scope, never a national 'structure' role. */
function isMember(sql: Sql, userId: number) {
  // The ids read out of the scopes, not 'structure:' || s.id: structures are then found by their key, not scanned.
  return sql`s.id in (
    select split_part(m.scope, ':', 2)::bigint from memberships m
    where m.user_id = ${userId} and m.role = 'structure' and m.scope like 'structure:%')`;
}

function structureColumns(sql: Sql) {
  return sql`
    s.id, s.siret, s.legal_name, s.kind, s.commune_code, c.name as commune_name, c.departement_code, s.address,
    s.postal_code, s.contact_name, s.contact_phone, s.status, s.status_reason, s.status_at, s.created_at`;
}

/**
 * Registers a structure and makes the person who registers it its first member, in one
 * transaction with its audit entry. The commune must exist and the postal code be one of its own;
 * a SIRET already registered is a Conflict that says how to join that structure instead.
 */
export async function registerStructure(input: Registration & { actorId: number; now: Date }, sql: Sql = db): Promise<number> {
  return transaction(sql, async (tx) => {
    const commune = await findCommune(input.commune, tx);
    if (!commune) throw new Refused("Cette commune n'existe pas : recherchez-la à nouveau et choisissez-la dans la liste.", "commune");
    const postalRefusal = postalCodeRefusal(input.postal, commune);
    if (postalRefusal) throw new Refused(postalRefusal, "postal");
    // The unique index decides, not a prior read: two registrations of one SIRET cannot both pass.
    const [created]: [{ id: number }?] = await tx`
      insert into structures (siret, legal_name, kind, commune_code, address, postal_code, contact_name, contact_phone,
                              status_at, registered_by, created_at)
      values (${input.siret}, ${input.legalName}, ${input.kind}, ${commune.inseeCode}, ${input.address}, ${input.postal},
              ${input.contactName}, ${input.contactPhone}, ${input.now}, ${input.actorId}, ${input.now})
      on conflict (siret) do nothing
      returning id`;
    if (!created) {
      throw new Conflict(
        "Une structure est déjà inscrite avec ce SIRET. Pour la rejoindre, demandez à l'une des personnes qui en sont membres de vous inviter depuis leur espace structure (rubrique « Membres »).",
        "siret",
      );
    }
    await insertMembership({ userId: input.actorId, role: "structure", scope: structureScope(created.id), grantedBy: input.actorId }, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "structure.registered",
      subject: structureScope(created.id),
      data: { siret: input.siret, kind: input.kind, commune: commune.inseeCode },
    });
    return created.id;
  });
}

/** The structures the user is a member of, oldest first. */
export async function listStructuresOfMember(userId: number, sql: Sql = db): Promise<Structure[]> {
  return sql<Structure[]>`
    select ${structureColumns(sql)} from structures s join communes c on c.insee_code = s.commune_code
    where ${isMember(sql, userId)}
    order by s.id`;
}

/**
 * One of the user's structures; StructureNotFound when they are not a member (whether it exists is
 * not theirs to know). With `lock`, its row stays locked for the rest of the transaction.
 */
export async function findStructureForMember(input: { structureId: number; userId: number; lock?: boolean }, sql: Sql = db): Promise<Structure> {
  const [structure]: [Structure?] = await sql`
    select ${structureColumns(sql)} from structures s join communes c on c.insee_code = s.commune_code
    where s.id = ${input.structureId} and ${isMember(sql, input.userId)}
    ${input.lock ? sql`for update of s` : sql``}`;
  if (!structure) throw new StructureNotFound();
  return structure;
}

/**
 * Whether the user may read the structure's file: a member, an admin, or an instructor of the
 * structure's département (role 'instructor', scope 'departement:<code>'); StructureNotFound otherwise.
 */
export async function checkStructureReader(input: { structureId: number; userId: number }, sql: Sql = db): Promise<void> {
  const [allowed]: [{ id: number }?] = await sql`
    select s.id from structures s join communes c on c.insee_code = s.commune_code
    where s.id = ${input.structureId} and exists (
      select 1 from memberships m
      where m.user_id = ${input.userId}
        and ((m.role = 'structure' and m.scope = 'structure:' || s.id)
          or m.role = 'admin'
          or (m.role = 'instructor' and m.scope = 'departement:' || c.departement_code)))`;
  if (!allowed) throw new StructureNotFound();
}
