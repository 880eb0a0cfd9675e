// Whether a structure may order in a campaign, judged from plain facts and one version of the
// campaign's rules: no I/O, so the structure's page, the public page and (next) the order all
// read the same verdict and the same French sentences.
import { formatEuros } from "~/money/euros";
import type { StructureKind } from "~/structures/kinds";
import { plural } from "~/ui/plural";
import type { StructureStatus } from "~/structures/statuses";

export type TerritoryRule = "everywhere" | "lists";

/** A list as a rule names it, in its current version. */
export type RuleList = { id: number; name: string };

/** A list as the rules are published: where it comes from, since when, and whether it is only a sample. */
export type PublishedList = RuleList & { source: string; validFrom: string; isSample: boolean };

/** One version of a campaign's rules. */
export type EligibilityRule = {
  version: number;
  allowedKinds: readonly StructureKind[];
  territory: TerritoryRule;
  /** The lists whose communes may order when `territory` is "lists". */
  lists: readonly RuleList[];
  franceServicesEverywhere: boolean;
  capCents: number | null;
  capUnits: number | null;
};

/** What the rules look at in a structure. */
export type StructureFacts = {
  kind: StructureKind;
  communeCode: string;
  communeName: string;
  /** The lists, in their current version, that contain the structure's commune. */
  listIds: readonly number[];
  verification: StructureStatus;
};

/** Each rule that keeps a structure from ordering, with the sentence that says so. */
export type Exclusion = { rule: "campaign" | "rules" | "verification" | "kind" | "territory"; message: string };

export type Verdict = { eligible: boolean; exclusions: Exclusion[] };

// Each kind as a plural noun and its gender: the sentences agree the participle with it.
const kindNouns: Record<StructureKind, { plural: string; feminine: boolean }> = {
  library: { plural: "bibliothèques et médiathèques", feminine: true },
  town_hall: { plural: "mairies", feminine: true },
  social_action_centre: { plural: "CCAS et CIAS", feminine: false },
  care_home: { plural: "EHPAD et résidences autonomie", feminine: false },
  association: { plural: "associations", feminine: true },
  social_centre: { plural: "centres sociaux", feminine: false },
  third_place: { plural: "tiers-lieux", feminine: false },
  france_services: { plural: "espaces France Services", feminine: false },
  other: { plural: "autres structures", feminine: true },
};

const notVerified: Record<Exclude<StructureStatus, "verified">, string> = {
  pending: "La structure n'est pas encore vérifiée : elle pourra commander une fois sa vérification faite.",
  information_requested: "La structure n'est pas encore vérifiée : l'instructeur attend les informations demandées.",
  rejected: "La vérification de la structure a été refusée : elle ne peut pas commander.",
};

/** « « A », « B » et « C » » */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `« ${name} »`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} et ${quoted.at(-1)}`;
}

/**
 * The verdict of one rule version on one structure: eligible, or every rule that excludes it.
 * A structure not yet verified is not eligible yet, whatever the rules say, and is told so.
 */
export function evaluateEligibility(facts: StructureFacts, rule: EligibilityRule | null): Verdict {
  const exclusions: Exclusion[] = [];
  if (facts.verification !== "verified") exclusions.push({ rule: "verification", message: notVerified[facts.verification] });
  if (!rule) {
    exclusions.push({ rule: "rules", message: "Les règles d'éligibilité de la campagne ne sont pas encore publiées." });
    return { eligible: false, exclusions };
  }
  if (!rule.allowedKinds.includes(facts.kind)) {
    const { plural, feminine } = kindNouns[facts.kind];
    exclusions.push({ rule: "kind", message: `Les ${plural} ne sont pas ${feminine ? "retenues" : "retenus"} pour cette campagne.` });
  }
  const anywhere = rule.territory === "everywhere" || (rule.franceServicesEverywhere && facts.kind === "france_services");
  if (!anywhere && !rule.lists.some((list) => facts.listIds.includes(list.id))) {
    exclusions.push({
      rule: "territory",
      message:
        `La commune de ${facts.communeName} (${facts.communeCode}) ne figure dans aucune des listes retenues : ${quotedList(rule.lists.map((l) => l.name))}.` +
        (rule.franceServicesEverywhere ? " Hors de ces listes, seuls les espaces France Services peuvent commander." : ""),
    });
  }
  return { eligible: exclusions.length === 0, exclusions };
}

/** The verdict when no campaign exists to judge by. */
export const noCampaignVerdict: Verdict = {
  eligible: false,
  exclusions: [{ rule: "campaign", message: "Aucune campagne de distribution n'est ouverte pour le moment." }],
};

/** The rules in plain French, one sentence each, as the public page and the structure's page show them. */
export function describeRule(rule: EligibilityRule): string[] {
  const sentences = [`Peuvent commander : ${rule.allowedKinds.map((kind) => `les ${kindNouns[kind].plural}`).join(", ")}.`];
  if (rule.territory === "everywhere") sentences.push("Partout en France, outre-mer compris.");
  else {
    sentences.push(`Dans les communes qui figurent sur l'une des listes suivantes : ${quotedList(rule.lists.map((l) => l.name))}.`);
    if (rule.franceServicesEverywhere) sentences.push("Les espaces France Services peuvent commander où qu'ils soient.");
  }
  return sentences;
}

/** What one structure may order at most over the campaign, in plain French. */
export function describeCap(rule: Pick<EligibilityRule, "capCents" | "capUnits">): string {
  const limits = [rule.capCents === null ? null : formatEuros(rule.capCents), rule.capUnits === null ? null : plural(rule.capUnits, "kit")];
  const set = limits.filter((limit): limit is string => limit !== null);
  return set.length === 0
    ? "Pas de plafond par structure : seule la dotation du département limite les commandes."
    : `Chaque structure commande au plus ${set.join(" et ")} pendant la campagne.`;
}
