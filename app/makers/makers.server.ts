import { portalLink } from "~/accounts/links.server";
import { insertMembership } from "~/accounts/users.server";
import { appendAudit } from "~/audit/audit.server";
import { kitTitle } from "~/catalogue/kits.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { containsPattern, offsetOf, paged, type Paged } from "~/infra/paging";
import { db, type Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { findCommune } from "~/territories/communes.server";
import type { MakerKind, MakerKitStatus } from "./kinds";
import { kitDecisionMail, type DecidedBy } from "./mails";
import type { MakerRegistration } from "./schemas";
import { checkCoverage, coverageChange } from "./supply";

export type MakerKit = {
  kitId: number;
  title: string;
  slug: string;
  status: MakerKitStatus;
  refusalReason: string | null;
  departements: string[];
  unitsPerMonth: number | null;
  paused: boolean;
};

export type Maker = {
  id: number;
  siret: string;
  name: string;
  kind: MakerKind;
  communeName: string;
  departementCode: string;
  contactName: string;
  contactPhone: string;
  kits: MakerKit[];
};

export const MakerNotFound = notFoundOf("MakerNotFound", "Fabricant introuvable.");
export const MakerKitNotFound = notFoundOf("MakerKitNotFound", "Ce kit ne figure pas parmi ceux du fabricant.");

/** The scope of a maker's memberships (role 'maker'). */
export function makerScope(makerId: number): string {
  return `maker:${makerId}`;
}

/** Whether the user is a member of maker `m`: its own scope, never a national 'maker' role. */
function isMember(sql: Sql, userId: number) {
  return sql`exists (select 1 from memberships ms where ms.user_id = ${userId} and ms.role = 'maker' and ms.scope = 'maker:' || m.id)`;
}

/**
 * Registers a maker and makes the person who registers it its first member, in one transaction
 * with its audit entry. A SIRET already registered is a Conflict that says how to join instead.
 */
export async function registerMaker(input: MakerRegistration & { actorId: number; now: Date }, sql: Sql = db): Promise<number> {
  return transaction(sql, async (tx) => {
    const commune = await findCommune(input.commune, tx);
    if (!commune) throw new Refused("Cette commune n'existe pas : recherchez-la à nouveau et choisissez-la dans la liste.", "commune");
    // The unique index decides, not a prior read: two registrations of one SIRET cannot both pass.
    const [created]: [{ id: number }?] = await tx`
      insert into makers (siret, name, kind, commune_code, contact_name, contact_phone, registered_by, created_at)
      values (${input.siret}, ${input.name}, ${input.kind}, ${commune.inseeCode}, ${input.contactName}, ${input.contactPhone},
              ${input.actorId}, ${input.now})
      on conflict (siret) do nothing
      returning id`;
    if (!created) {
      throw new Conflict(
        "Un fabricant est déjà inscrit avec ce SIRET. Pour le rejoindre, demandez au gestionnaire du programme de vous ajouter à ses membres (rubrique « Utilisateurs »), en indiquant ce SIRET.",
        "siret",
      );
    }
    await insertMembership({ userId: input.actorId, role: "maker", scope: makerScope(created.id), grantedBy: input.actorId }, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "maker.registered",
      subject: makerScope(created.id),
      data: { siret: input.siret, kind: input.kind, commune: commune.inseeCode },
    });
    return created.id;
  });
}

/** The makers the user is a member of, oldest first, each with the kits it asked to build. */
export async function listMakersOfMember(userId: number, sql: Sql = db): Promise<Maker[]> {
  return sql<Maker[]>`
    select m.id, m.siret, m.name, m.kind, c.name as commune_name, c.departement_code, m.contact_name, m.contact_phone,
           coalesce((
             select json_agg(json_build_object(
                      'kitId', k.id, 'title', ${kitTitle(sql)}, 'slug', k.slug, 'status', mk.status, 'refusalReason', mk.refusal_reason,
                      'departements', coalesce((select json_agg(mc.departement_code order by mc.departement_code) from maker_coverage mc
                                                where mc.maker_id = mk.maker_id and mc.kit_id = mk.kit_id), '[]'),
                      'unitsPerMonth', cap.units_per_month, 'paused', coalesce(cap.paused, false))
                    order by k.id)
             from maker_kits mk join catalogue_kits k on k.id = mk.kit_id
             left join maker_capacity cap on cap.maker_id = mk.maker_id and cap.kit_id = mk.kit_id
             where mk.maker_id = m.id), '[]') as kits
    from makers m join communes c on c.insee_code = m.commune_code
    where ${isMember(sql, userId)}
    order by m.id`;
}

/** The catalogue's kits, by id, that a maker may ask to build. */
export async function listCatalogueKits(sql: Sql = db): Promise<{ id: number; title: string }[]> {
  return sql<{ id: number; title: string }[]>`select k.id, ${kitTitle(sql)} as title from catalogue_kits k order by k.id`;
}

/** Locks the maker's row for the rest of the transaction; MakerNotFound unless the user is a member. */
async function lockMakerOfMember(input: { makerId: number; userId: number }, tx: Sql): Promise<{ id: number; name: string }> {
  const [maker]: [{ id: number; name: string }?] = await tx`
    select m.id, m.name from makers m where m.id = ${input.makerId} and ${isMember(tx, input.userId)} for update`;
  if (!maker) throw new MakerNotFound();
  return maker;
}

/**
 * The maker asks to build catalogue kits; each waits for the admin's approval. Kits already asked
 * for are left as they are; a kit that is not in the catalogue is refused, nothing recorded.
 */
export async function requestKits(input: { makerId: number; userId: number; kitIds: number[]; now: Date }, sql: Sql = db): Promise<number> {
  return transaction(sql, async (tx) => {
    await lockMakerOfMember(input, tx);
    const wanted = [...new Set(input.kitIds)];
    const known = await tx<{ id: number }[]>`select id from catalogue_kits where id = any(${wanted}::bigint[])`;
    if (known.length !== wanted.length) throw new Refused("Ce kit ne figure pas au catalogue : cochez les kits dans la liste.", "kitIds");
    const added = await tx<{ kitId: number }[]>`
      insert into maker_kits (maker_id, kit_id, requested_by, requested_at)
      select ${input.makerId}, id, ${input.userId}, ${input.now} from unnest(${wanted}::bigint[]) as id
      on conflict (maker_id, kit_id) do nothing
      returning kit_id`;
    if (added.length > 0) {
      await appendAudit(tx, {
        actorId: input.userId,
        action: "maker.kits_requested",
        subject: makerScope(input.makerId),
        data: { kits: added.map((row) => row.kitId) },
      });
    }
    return added.length;
  });
}

/** Locks the maker's request for one kit; MakerNotFound / MakerKitNotFound unless it is the user's. */
async function lockMakerKit(input: { makerId: number; kitId: number; userId: number }, tx: Sql): Promise<{ status: MakerKitStatus }> {
  await lockMakerOfMember(input, tx);
  const [request]: [{ status: MakerKitStatus }?] = await tx`
    select status from maker_kits where maker_id = ${input.makerId} and kit_id = ${input.kitId} for update`;
  if (!request) throw new MakerKitNotFound();
  if (request.status !== "approved")
    throw new Refused("Ce kit n'est pas approuvé pour ce fabricant : vous déclarerez sa couverture une fois la demande approuvée.");
  return request;
}

/**
 * For one approved kit, the départements the maker delivers to and its capacity per month,
 * replacing the previous declaration as a whole (the pause is kept).
 */
export async function declareSupply(
  input: { makerId: number; kitId: number; userId: number; departements: string[]; unitsPerMonth: number; now: Date },
  sql: Sql = db,
): Promise<void> {
  await transaction(sql, async (tx) => {
    await lockMakerKit(input, tx);
    const known = await tx<{ code: string }[]>`select code from departements`;
    const coverage = checkCoverage(input.departements, new Set(known.map((row) => row.code)));
    if (!coverage.ok) throw new Refused(coverage.message, "departements");
    const before = await tx<{ code: string }[]>`
      delete from maker_coverage where maker_id = ${input.makerId} and kit_id = ${input.kitId} returning departement_code as code`;
    await tx`
      insert into maker_coverage (maker_id, kit_id, departement_code)
      select ${input.makerId}, ${input.kitId}, code from unnest(${coverage.codes}::text[]) as code`;
    await tx`
      insert into maker_capacity (maker_id, kit_id, units_per_month, updated_by, updated_at)
      values (${input.makerId}, ${input.kitId}, ${input.unitsPerMonth}, ${input.userId}, ${input.now})
      on conflict (maker_id, kit_id) do update
        set units_per_month = excluded.units_per_month, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
    await appendAudit(tx, {
      actorId: input.userId,
      action: "maker.supply_declared",
      subject: makerScope(input.makerId),
      data: { kit: input.kitId, unitsPerMonth: input.unitsPerMonth, ...coverageChange(before.map((row) => row.code).sort(), coverage.codes) },
    });
  });
}

/** Pauses or resumes the maker's production of one kit: paused, it is sent no new order. */
export async function setPaused(input: { makerId: number; kitId: number; userId: number; paused: boolean; now: Date }, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    await lockMakerKit(input, tx);
    const [changed]: [{ paused: boolean }?] = await tx`
      update maker_capacity set paused = ${input.paused}, updated_by = ${input.userId}, updated_at = ${input.now}
      where maker_id = ${input.makerId} and kit_id = ${input.kitId}
      returning paused`;
    if (!changed) throw new Refused("Déclarez d'abord les départements livrés et la capacité par mois de ce kit.");
    await appendAudit(tx, {
      actorId: input.userId,
      action: input.paused ? "maker.kit_paused" : "maker.kit_resumed",
      subject: makerScope(input.makerId),
      data: { kit: input.kitId },
    });
  });
}

export type MakerSummary = {
  id: number;
  name: string;
  kind: MakerKind;
  siret: string;
  communeName: string;
  departementCode: string;
  members: number;
  approvedKits: number;
};

export const MAKERS_PAGE_SIZE = 50;

/**
 * A page of the makers, by name, with their numbers (the admin adds a person to a maker's members
 * from /admin/utilisateurs by that number, scope 'maker:<id>'); `query` finds a maker by name,
 * commune, département code or SIRET (spaces ignored).
 */
export async function searchMakers(input: { query: string | null; page: number; pageSize?: number }, sql: Sql = db): Promise<Paged<MakerSummary>> {
  const pageSize = input.pageSize ?? MAKERS_PAGE_SIZE;
  const query = input.query;
  const digits = query?.replace(/\s/g, "") ?? "";
  const matches = () =>
    query
      ? sql`(m.name ilike ${containsPattern(query)} or c.name ilike ${containsPattern(query)} or c.departement_code = ${query.toUpperCase()}
             ${/^\d{3,14}$/.test(digits) ? sql`or m.siret like ${`${digits}%`}` : sql``})`
      : sql`true`;
  const [[{ total }], items] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from makers m join communes c on c.insee_code = m.commune_code where ${matches()}`,
    sql<MakerSummary[]>`
      select m.id, m.name, m.kind, m.siret, c.name as commune_name, c.departement_code,
             -- One probe of memberships_by_scope (migration 0040) per maker, not a scan of every membership.
             (select count(*)::int from memberships ms where ms.role = 'maker' and ms.scope = 'maker:' || m.id) as members,
             (select count(*)::int from maker_kits mk where mk.maker_id = m.id and mk.status = 'approved') as approved_kits
      from makers m join communes c on c.insee_code = m.commune_code
      where ${matches()}
      order by m.name, m.id
      limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
  ]);
  return paged(items, total, input.page, pageSize);
}

export type KitRequest = {
  makerId: number;
  makerName: string;
  makerKind: MakerKind;
  siret: string;
  communeName: string;
  departementCode: string;
  kitId: number;
  kitTitle: string;
  requestedAt: Date;
};

/** Whether the user owns the laureate proposal behind catalogue kit `k`: its designer. */
function isKitOwner(sql: Sql, userId: number) {
  return sql`exists (select 1 from proposals p where p.id = k.proposal_id and p.owner_id = ${userId})`;
}

/**
 * The requests to build a kit that wait for a decision, oldest first: all of them (the admin), or
 * those for the kits whose laureate proposal `ownerId` owns (their designer).
 */
export async function listKitRequests(filter: { ownerId?: number } = {}, sql: Sql = db): Promise<KitRequest[]> {
  return sql<KitRequest[]>`
    select m.id as maker_id, m.name as maker_name, m.kind as maker_kind, m.siret, c.name as commune_name, c.departement_code,
           k.id as kit_id, ${kitTitle(sql)} as kit_title, mk.requested_at
    from maker_kits mk join makers m on m.id = mk.maker_id join communes c on c.insee_code = m.commune_code
    join catalogue_kits k on k.id = mk.kit_id
    where mk.status = 'requested' ${filter.ownerId === undefined ? sql`` : sql`and ${isKitOwner(sql, filter.ownerId)}`}
    order by mk.requested_at, mk.maker_id, mk.kit_id`;
}

export type KitDecision = { makerId: number; kitId: number; status: "approved" | "refused"; reason: string | null; actorId: number; now: Date };

/**
 * The admin (or, through decideOwnKitRequest, the kit's designer: `by`) approves or refuses (with
 * the reason) a maker's request to build a kit, once: a guarded update from 'requested', audited,
 * with an e-mail to each of the maker's members.
 */
export async function decideKitRequest(input: KitDecision & { by?: DecidedBy }, sql: Sql = db): Promise<void> {
  const by = input.by ?? "programme";
  await transaction(sql, async (tx) => {
    const reason = input.status === "refused" ? input.reason : null;
    const [decided]: [{ makerName: string; kitTitle: string }?] = await tx`
      update maker_kits mk set status = ${input.status}, refusal_reason = ${reason}, decided_by = ${input.actorId}, decided_at = ${input.now}
      from makers m, catalogue_kits k
      where mk.maker_id = ${input.makerId} and mk.kit_id = ${input.kitId} and mk.status = 'requested' and m.id = mk.maker_id and k.id = mk.kit_id
      returning m.name as maker_name, ${kitTitle(tx)} as kit_title`;
    if (!decided) {
      const [existing]: [{ status: MakerKitStatus }?] = await tx`
        select status from maker_kits where maker_id = ${input.makerId} and kit_id = ${input.kitId}`;
      if (!existing) throw new MakerKitNotFound();
      throw new Conflict("Cette demande a déjà été traitée.");
    }
    await appendAudit(tx, {
      actorId: input.actorId,
      action: input.status === "approved" ? "maker.kit_approved" : "maker.kit_refused",
      subject: makerScope(input.makerId),
      data: { kit: input.kitId, reason, by },
    });
    const members = await tx<{ email: string; name: string }[]>`
      select u.email, u.name from memberships ms join users u on u.id = ms.user_id
      where ms.role = 'maker' and ms.scope = ${makerScope(input.makerId)}
      order by u.id`;
    const link = portalLink("/fabricant");
    for (const member of members) {
      await queueMail(kitDecisionMail({ status: input.status, reason, by }, member, { maker: decided.makerName, kit: decided.kitTitle }, link), tx);
    }
  });
}

/**
 * The kit's designer — the owner of the laureate proposal behind it — decides on a request to
 * build their own kit, as the admin would; anyone else's kit is MakerKitNotFound (decision 034).
 */
export async function decideOwnKitRequest(input: KitDecision, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    const [owned]: [{ kitId: number }?] = await tx`
      select k.id as kit_id from maker_kits mk join catalogue_kits k on k.id = mk.kit_id
      where mk.maker_id = ${input.makerId} and mk.kit_id = ${input.kitId} and ${isKitOwner(tx, input.actorId)}`;
    if (!owned) throw new MakerKitNotFound();
    await decideKitRequest({ ...input, by: "laureate" }, tx);
  });
}
