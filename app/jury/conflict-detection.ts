// Conflicts of interest: a juror's declared ties (organisations with their SIRET, e-mail domains,
// people) matched against each candidate's identity. Pure, no I/O.
//
// The candidates are indexed once by every key they can be matched on (SIREN, e-mail domain and its
// parents, normalised person and organisation names); each tie is then one map lookup. For 200 jurors
// × 5,000 entries that is O(E + total ties + matches), never a scan of every juror × entry × tie.
//
// What each side may see: `detectConflicts` returns reasons whose `detail` names the match — for the
// admins only. `jurorConflictNotice` is what a juror may be shown: that a conflict was found, never
// with whom, on which entry or through which tie (a juror never sees a candidate's identity:
// docs/architecture.md, Invariants).
import { normaliseSiret } from "~/organisations/siret";
import {
  domainAndParents,
  emailDomain,
  isOrganisationDomain,
  normaliseDomain,
  normaliseOrganisationName,
  normalisePersonName,
} from "./identity-match";

export type JurorTies = {
  jurorId: string;
  organisations: readonly { name: string; siret?: string | null }[];
  emailDomains: readonly string[];
  people: readonly string[];
};

export type CandidateIdentity = {
  entryId: string;
  ownerName: string;
  ownerEmail: string;
  teamNames: readonly string[];
  organisationName?: string | null;
  organisationSiret?: string | null;
};

export type ConflictKind = "siret" | "email_domain" | "person" | "organisation";

/** `detail` names the match (who, which SIRET, which domain): admins only. */
export type ConflictReason = { kind: ConflictKind; detail: string };

export type DetectedConflict = { jurorId: string; entryId: string; reasons: ConflictReason[] };

/** All a juror may learn: that some conflict was found. No entry, no kind, no count. */
export type JurorConflictNotice = { jurorId: string; message: "conflit détecté" };

/** 14 digits → the SIRET and its SIREN; 9 digits → a SIREN alone (a juror may know only that). */
function parseSiretOrSiren(input: string | null | undefined): { siret: string | null; siren: string } | null {
  if (!input) return null;
  const digits = normaliseSiret(input);
  // All zeros is a placeholder, not a company.
  if (/^0+$/.test(digits)) return null;
  if (/^\d{14}$/.test(digits)) return { siret: digits, siren: digits.slice(0, 9) };
  if (/^\d{9}$/.test(digits)) return { siret: null, siren: digits };
  return null;
}

const formatSiren = (siren: string) => `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6, 9)}`;
const formatSiret = (siret: string) => `${formatSiren(siret.slice(0, 9))} ${siret.slice(9)}`;
const quote = (text: string) => `« ${text.trim()} »`;

type Indexed = { index: number; original: string; role?: "owner" | "team" };

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The candidates' identity indexed by every matching key. Build once, query for every juror. */
export function indexCandidates(candidates: readonly CandidateIdentity[]) {
  const bySiren = new Map<string, (Indexed & { siret: string | null })[]>();
  // Under the candidate's domain and each parent, so that a tie "fablab.fr" finds "paris.fablab.fr".
  const byDomain = new Map<string, (Indexed & { domain: string })[]>();
  const byPerson = new Map<string, Indexed[]>();
  const byOrganisation = new Map<string, Indexed[]>();

  candidates.forEach((candidate, index) => {
    const company = parseSiretOrSiren(candidate.organisationSiret);
    if (company) push(bySiren, company.siren, { index, original: candidate.organisationSiret!, siret: company.siret });

    const domain = emailDomain(candidate.ownerEmail);
    if (domain && isOrganisationDomain(domain)) {
      for (const key of domainAndParents(domain)) push(byDomain, key, { index, original: candidate.ownerEmail, domain });
    }

    const people: Indexed[] = [
      { index, original: candidate.ownerName, role: "owner" },
      ...candidate.teamNames.map((name) => ({ index, original: name, role: "team" as const })),
    ];
    const seen = new Set<string>();
    for (const person of people) {
      const key = normalisePersonName(person.original);
      // The same person listed as owner and team member is one match, reported once.
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      push(byPerson, key, person);
    }

    if (candidate.organisationName) {
      const key = normaliseOrganisationName(candidate.organisationName);
      if (key !== "") push(byOrganisation, key, { index, original: candidate.organisationName });
    }
  });
  return { candidates, bySiren, byDomain, byPerson, byOrganisation };
}

export type CandidateIndex = ReturnType<typeof indexCandidates>;

/**
 * Every (juror, entry) pair in conflict, with its reasons, in the order of the jurors then of the
 * candidates as given. Pass a prebuilt `indexCandidates(...)` to reuse it across calls.
 */
export function detectConflicts(jurorTies: readonly JurorTies[], candidates: readonly CandidateIdentity[] | CandidateIndex): DetectedConflict[] {
  const index = Array.isArray(candidates) ? indexCandidates(candidates as readonly CandidateIdentity[]) : (candidates as CandidateIndex);
  const out: DetectedConflict[] = [];

  for (const juror of jurorTies) {
    // entry index → reasons, deduplicated by kind + detail.
    const found = new Map<number, Map<string, ConflictReason>>();
    const add = (entryIndex: number, reason: ConflictReason) => {
      let reasons = found.get(entryIndex);
      if (!reasons) found.set(entryIndex, (reasons = new Map()));
      reasons.set(`${reason.kind}\u0000${reason.detail}`, reason);
    };

    for (const organisation of juror.organisations) {
      const company = parseSiretOrSiren(organisation.siret);
      if (company) {
        for (const hit of index.bySiren.get(company.siren) ?? []) {
          const sameSiret = company.siret !== null && hit.siret === company.siret;
          add(hit.index, {
            kind: "siret",
            detail: sameSiret
              ? `même SIRET ${formatSiret(company.siret!)} : organisation déclarée ${quote(organisation.name)}`
              : `même SIREN ${formatSiren(company.siren)} (même entreprise, ${hit.siret && company.siret ? "autre établissement" : "établissement non précisé"}) : organisation déclarée ${quote(organisation.name)}, SIRET du candidat ${hit.siret ? formatSiret(hit.siret) : formatSiren(company.siren)}`,
          });
        }
      }
      const key = normaliseOrganisationName(organisation.name);
      if (key !== "") {
        for (const hit of index.byOrganisation.get(key) ?? []) {
          add(hit.index, {
            kind: "organisation",
            detail: `organisation déclarée ${quote(organisation.name)}, organisation du candidat ${quote(hit.original)}`,
          });
        }
      }
    }

    for (const declared of juror.emailDomains) {
      const domain = normaliseDomain(declared);
      if (!domain || !isOrganisationDomain(domain)) continue;
      for (const hit of index.byDomain.get(domain) ?? []) {
        add(hit.index, {
          kind: "email_domain",
          detail:
            hit.domain === domain
              ? `même domaine de courriel ${quote(domain)} : porteur ${quote(hit.original)}`
              : `domaine de courriel ${quote(hit.domain)} du porteur ${quote(hit.original)}, sous-domaine du domaine déclaré ${quote(domain)}`,
        });
      }
    }

    for (const person of juror.people) {
      const key = normalisePersonName(person);
      if (key === "") continue;
      for (const hit of index.byPerson.get(key) ?? []) {
        const role = hit.role === "owner" ? "porteur du projet" : "membre de l'équipe";
        add(hit.index, { kind: "person", detail: `personne déclarée ${quote(person)}, ${role} ${quote(hit.original)}` });
      }
    }

    for (const entryIndex of [...found.keys()].sort((a, b) => a - b)) {
      out.push({ jurorId: juror.jurorId, entryId: index.candidates[entryIndex].entryId, reasons: [...found.get(entryIndex)!.values()] });
    }
  }
  return out;
}

/**
 * What a juror may be shown about their own detected conflicts: at most « conflit détecté », and
 * null when there is none. Deliberately no entry id, no count and no kind: any of those, set
 * against the ties they just typed, would tell them who applied.
 */
export function jurorConflictNotice(conflicts: readonly DetectedConflict[], jurorId: string): JurorConflictNotice | null {
  return conflicts.some((conflict) => conflict.jurorId === jurorId) ? { jurorId, message: "conflit détecté" } : null;
}

/** Juror id → entry ids they must not review: the shape an assignment needs. */
export function conflictPairs(conflicts: readonly DetectedConflict[]): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (const { jurorId, entryId } of conflicts) {
    let entries = pairs.get(jurorId);
    if (!entries) pairs.set(jurorId, (entries = new Set()));
    entries.add(entryId);
  }
  return pairs;
}
