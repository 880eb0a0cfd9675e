import { appendAudit } from "~/audit/audit.server";
import { findCampaign, latestCampaign, type Campaign } from "~/envelope/campaigns.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { structureKinds, type StructureKind } from "~/structures/kinds";
import { listsContaining, listTerritorialLists, type TerritorialList } from "~/territories/lists.server";
import { orderingState } from "./period";
import type { StructureStatus } from "~/structures/statuses";
import { evaluateEligibility, noCampaignVerdict, type EligibilityRule, type PublishedList, type TerritoryRule, type Verdict } from "./rules";

/** One version of a campaign's rules as recorded: its lists in their current version, who changed it and why. */
export type RuleVersion = Omit<EligibilityRule, "lists"> & {
  campaignId: number;
  lists: TerritorialList[];
  reason: string | null;
  createdByName: string | null;
  createdAt: Date;
};

export type RulesChange = {
  campaignId: number;
  /** The version the admin started from (0 for none): a version saved meanwhile is not overwritten. */
  basedOn?: number;
  allowedKinds: readonly StructureKind[];
  territory: TerritoryRule;
  listIds: readonly number[];
  franceServicesEverywhere: boolean;
  capCents: number | null;
  capUnits: number | null;
  reason: string | null;
  actorId: number | null;
  now: Date;
};

type RuleRow = Omit<RuleVersion, "lists"> & { listIds: string[] };

async function ruleVersions(campaignId: number, sql: Sql, latestOnly: boolean): Promise<RuleVersion[]> {
  // The lists are read with the rules, not after: one round trip for both.
  const [rows, allLists] = await Promise.all([
    sql<RuleRow[]>`
      select r.campaign_id, r.version, r.allowed_kinds, r.territory, r.france_services_everywhere, r.cap_cents, r.cap_units,
             r.reason, r.created_at, u.name as created_by_name,
             array(select l.list_id::text from eligibility_rule_lists l where l.rule_id = r.id order by l.list_id) as list_ids
      from eligibility_rules r left join users u on u.id = r.created_by
      where r.campaign_id = ${campaignId}
      order by r.version desc
      ${latestOnly ? sql`limit 1` : sql``}`,
    listTerritorialLists(sql),
  ]);
  const lists = new Map(allLists.map((list) => [list.id, list]));
  return rows.map(({ listIds, ...row }) => ({ ...row, lists: listIds.map((id) => lists.get(Number(id))!) }));
}

/** The rules in force for a campaign: its highest version, or undefined before the first. */
export async function currentRules(campaignId: number, sql: Sql = db): Promise<RuleVersion | undefined> {
  return (await ruleVersions(campaignId, sql, true))[0];
}

/** The current rules as anyone may read them: no author, no internal reason; each list with its source and validity. */
export type PublishedRules = Omit<EligibilityRule, "lists"> & { lists: PublishedList[]; since: Date };

export async function publishedRules(campaignId: number, sql: Sql = db): Promise<PublishedRules | null> {
  const rules = await currentRules(campaignId, sql);
  if (!rules) return null;
  const { version, allowedKinds, territory, franceServicesEverywhere, capCents, capUnits, createdAt } = rules;
  const lists = rules.lists.map(({ id, name, source, validFrom, isSample }) => ({ id, name, source, validFrom, isSample }));
  return { version, allowedKinds, territory, lists, franceServicesEverywhere, capCents, capUnits, since: createdAt };
}

/** Every version of a campaign's rules, the latest first. */
export async function rulesHistory(campaignId: number, sql: Sql = db): Promise<RuleVersion[]> {
  return ruleVersions(campaignId, sql, false);
}

function checkChange(change: RulesChange, knownListIds: ReadonlySet<number>) {
  if (change.allowedKinds.length === 0 || !change.allowedKinds.every((kind) => structureKinds.includes(kind)))
    throw new Refused("Cochez au moins un type de structure parmi ceux proposés.", "kinds");
  if (change.territory === "lists") {
    if (change.listIds.length === 0) throw new Refused("Cochez au moins une liste, ou choisissez « partout ».", "lists");
    if (!change.listIds.every((id) => knownListIds.has(id))) throw new Refused("Cochez des listes parmi celles proposées.", "lists");
  }
  for (const [value, field] of [
    [change.capCents, "capEuros"],
    [change.capUnits, "capUnits"],
  ] as const) {
    if (value !== null && !(Number.isSafeInteger(value) && value > 0)) throw new Refused("Le plafond est positif, ou laissez le champ vide.", field);
  }
  if (change.reason !== null && (change.reason.trim().length < 3 || change.reason.length > 500))
    throw new Refused("La raison compte de 3 à 500 caractères.", "reason");
}

/**
 * Records a new version of a campaign's rules: never an update, so an order checked against an
 * earlier version can still say what that version allowed. While ordering is open a change needs
 * its reason, kept with the version; before and after, the reason is optional.
 */
export async function setRules(change: RulesChange, sql: Sql = db): Promise<RuleVersion> {
  return transaction(sql, async (tx) => {
    // Locks the campaign: two changes at once take their turn and number their versions in order.
    const [campaign]: [{ opensAt: Date; closesAt: Date }?] = await tx`
      select opens_at, closes_at from distribution_campaigns where id = ${change.campaignId} for no key update`;
    if (!campaign) throw new NotFound("Campagne introuvable.");
    const [{ current }]: [{ current: number }] = await tx`
      select coalesce(max(version), 0) as current from eligibility_rules where campaign_id = ${change.campaignId}`;
    if (change.basedOn !== undefined && change.basedOn !== current) {
      throw new Conflict(
        `Les règles ont été modifiées pendant que vous les modifiiez (version ${current}) : rechargez la page pour partir de la dernière version.`,
      );
    }
    const everywhere = change.territory === "everywhere";
    const listIds = everywhere ? [] : [...new Set(change.listIds)];
    const known = await tx<
      { id: number }[]
    >`select id from territorial_lists where id = any(${listIds.filter(Number.isSafeInteger).map(String)}::bigint[])`;
    checkChange({ ...change, listIds }, new Set(known.map((list) => list.id)));
    if (orderingState(campaign, change.now) === "open" && !change.reason) {
      throw new Refused("Les commandes sont ouvertes : indiquez la raison du changement, elle est conservée avec la nouvelle version.", "reason");
    }
    const [rule]: [{ id: number; version: number }] = await tx`
      insert into eligibility_rules (campaign_id, version, allowed_kinds, territory, france_services_everywhere, cap_cents, cap_units,
                                     reason, created_by, created_at)
      values (${change.campaignId}, ${current + 1}, ${[...new Set(change.allowedKinds)]}, ${change.territory},
              ${!everywhere && change.franceServicesEverywhere}, ${change.capCents}, ${change.capUnits}, ${change.reason},
              ${change.actorId}, ${change.now})
      returning id, version`;
    if (listIds.length > 0) {
      await tx`insert into eligibility_rule_lists ${tx(listIds.map((listId) => ({ ruleId: rule.id, listId })))}`;
    }
    await appendAudit(tx, {
      actorId: change.actorId,
      action: "eligibility.rules_set",
      subject: `campaign:${change.campaignId}`,
      data: {
        version: rule.version,
        kinds: change.allowedKinds,
        territory: change.territory,
        lists: listIds,
        franceServicesEverywhere: !everywhere && change.franceServicesEverywhere,
        capCents: change.capCents,
        capUnits: change.capUnits,
        reason: change.reason,
      },
    });
    return (await currentRules(change.campaignId, tx))!;
  });
}

export type StructureEligibility = {
  campaign: Pick<Campaign, "id" | "name" | "opensAt" | "closesAt"> | null;
  rules: PublishedRules | null;
  verdict: Verdict;
};

/** What the verdict reads of a structure. */
export type EligibilityFacts = { kind: StructureKind; communeCode: string; communeName: string; status: StructureStatus };

/** The campaign asked for, or the latest unless told; undefined if there is none. */
export function askedCampaign(campaignId: number | undefined, sql: Sql = db): Promise<Campaign | undefined> {
  return campaignId === undefined ? latestCampaign(sql) : findCampaign(campaignId, sql);
}

/** Whether a structure may order in a campaign (the latest unless told), and if not, every rule that keeps it from ordering. */
export async function structureEligibility(structureId: number, campaignId?: number, sql: Sql = db): Promise<StructureEligibility> {
  const [[structure], campaign] = await Promise.all([
    sql<EligibilityFacts[]>`
      select s.kind, s.commune_code, c.name as commune_name, s.status
      from structures s join communes c on c.insee_code = s.commune_code
      where s.id = ${structureId}`,
    askedCampaign(campaignId, sql),
  ]);
  if (!structure) throw new NotFound("Structure introuvable.");
  return eligibilityIn(structure, { campaignId, campaign }, sql);
}

/**
 * The verdict for a structure and a campaign already read (askedCampaign): the campaign's rules
 * and the lists that contain the structure's commune are read at once.
 */
export async function eligibilityIn(
  structure: EligibilityFacts,
  asked: { campaignId: number | undefined; campaign: Campaign | undefined },
  sql: Sql = db,
): Promise<StructureEligibility> {
  const { campaign } = asked;
  if (!campaign) {
    if (asked.campaignId !== undefined) throw new NotFound("Campagne introuvable.");
    return { campaign: null, rules: null, verdict: noCampaignVerdict };
  }
  const [rules, lists] = await Promise.all([publishedRules(campaign.id, sql), listsContaining(structure.communeCode, sql)]);
  const verdict = evaluateEligibility(
    {
      kind: structure.kind,
      communeCode: structure.communeCode,
      communeName: structure.communeName,
      listIds: lists.map((list) => list.id),
      verification: structure.status,
    },
    rules,
  );
  const { id, name, opensAt, closesAt } = campaign;
  return { campaign: { id, name, opensAt, closesAt }, rules, verdict };
}
