import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  conflictPairs,
  detectConflicts,
  indexCandidates,
  jurorConflictNotice,
  type CandidateIdentity,
  type ConflictKind,
  type JurorTies,
} from "~/jury/conflict-detection";
import { emailDomain, isOrganisationDomain, normaliseDomain, normaliseOrganisationName, normalisePersonName } from "~/jury/identity-match";
import { normaliseSiret } from "~/organisations/siret";

const ties = (jurorId: string, partial: Partial<Omit<JurorTies, "jurorId">>): JurorTies => ({
  jurorId,
  organisations: [],
  emailDomains: [],
  people: [],
  ...partial,
});
const candidate = (entryId: string, partial: Partial<Omit<CandidateIdentity, "entryId">>): CandidateIdentity => ({
  entryId,
  ownerName: `Porteur ${entryId}`,
  ownerEmail: `porteur.${entryId}@gmail.com`,
  teamNames: [],
  ...partial,
});
const kinds = (conflicts: ReturnType<typeof detectConflicts>) =>
  conflicts.map(({ jurorId, entryId, reasons }) => `${jurorId}/${entryId}:${reasons.map((r) => r.kind).join(",")}`);

describe("conflicts: SIRET", () => {
  test("the same SIRET, however it is spaced", () => {
    const conflicts = detectConflicts(
      [ties("j1", { organisations: [{ name: "Fablab de Paris", siret: "130 025 265 00013" }] })],
      [
        candidate("e1", { organisationName: "Tiers-lieu Bastille", organisationSiret: "13002526500013" }),
        candidate("e2", { organisationSiret: "73282932000074" }),
      ],
    );
    expect(kinds(conflicts)).toEqual(["j1/e1:siret"]);
    expect(conflicts[0].reasons[0].detail).toBe("même SIRET 130 025 265 00013 : organisation déclarée « Fablab de Paris »");
  });

  test("the same SIREN is the same company, even from another establishment", () => {
    const conflicts = detectConflicts(
      [
        ties("j1", { organisations: [{ name: "Fablab", siret: "13002526500013" }] }),
        ties("j2", { organisations: [{ name: "Fablab", siret: "130025265" }] }),
      ],
      [candidate("e1", { organisationSiret: "130 025 265 00021" })],
    );
    expect(kinds(conflicts)).toEqual(["j1/e1:siret", "j2/e1:siret"]);
    expect(conflicts[0].reasons[0].detail).toMatch(/^même SIREN 130 025 265 \(même entreprise, autre établissement\)/);
    expect(conflicts[0].reasons[0].detail).toContain("130 025 265 00021");
    expect(conflicts[1].reasons[0].detail).toMatch(/établissement non précisé/);
  });

  test("malformed or placeholder numbers match nothing", () => {
    const conflicts = detectConflicts(
      [
        ties("j1", {
          organisations: [
            { name: "X", siret: "1300252" },
            { name: "Y", siret: "000 000 000 00000" },
            { name: "Z", siret: "" },
          ],
        }),
      ],
      [
        candidate("e1", { organisationSiret: "1300252" }),
        candidate("e2", { organisationSiret: "00000000000000" }),
        candidate("e3", { organisationSiret: null }),
      ],
    );
    expect(conflicts).toEqual([]);
  });
});

describe("conflicts: e-mail domains", () => {
  const candidates = [
    candidate("same", { ownerEmail: "anne@Fablab.fr" }),
    candidate("sub", { ownerEmail: "paul@paris.fablab.fr" }),
    candidate("lookalike", { ownerEmail: "lea@notfablab.fr" }),
    candidate("webmail", { ownerEmail: "zoe@gmail.com" }),
    candidate("idn", { ownerEmail: "max@café.fr" }),
    candidate("state", { ownerEmail: "eve@numerique.gouv.fr" }),
  ];

  test("the same domain, and a subdomain of a declared domain", () => {
    const conflicts = detectConflicts([ties("j1", { emailDomains: ["@fablab.fr"] })], candidates);
    expect(kinds(conflicts)).toEqual(["j1/same:email_domain", "j1/sub:email_domain"]);
    expect(conflicts[0].reasons[0].detail).toBe("même domaine de courriel « fablab.fr » : porteur « anne@Fablab.fr »");
    expect(conflicts[1].reasons[0].detail).toBe(
      "domaine de courriel « paris.fablab.fr » du porteur « paul@paris.fablab.fr », sous-domaine du domaine déclaré « fablab.fr »",
    );
  });

  test("a subdomain tie does not reach the parent domain", () => {
    // Declared "paris.fablab.fr": only that establishment's addresses are ties, not the whole network's.
    expect(kinds(detectConflicts([ties("j1", { emailDomains: ["paris.fablab.fr"] })], candidates))).toEqual(["j1/sub:email_domain"]);
  });

  test("sharing a public webmail or a shared suffix is no tie", () => {
    expect(detectConflicts([ties("j1", { emailDomains: ["gmail.com", "GMAIL.COM", "gouv.fr", "fr", "", "n'importe quoi"] })], candidates)).toEqual(
      [],
    );
    expect(kinds(detectConflicts([ties("j1", { emailDomains: ["numerique.gouv.fr"] })], candidates))).toEqual(["j1/state:email_domain"]);
  });

  test("an internationalised domain matches in either form", () => {
    expect(kinds(detectConflicts([ties("j1", { emailDomains: ["xn--caf-dma.fr"] }), ties("j2", { emailDomains: ["CAFÉ.fr"] })], candidates))).toEqual(
      ["j1/idn:email_domain", "j2/idn:email_domain"],
    );
  });
});

describe("conflicts: people and organisations", () => {
  test("a person however their name is written, as owner or team member", () => {
    const conflicts = detectConflicts(
      [ties("j1", { people: ["jean pierre dupont", "Mme Élodie Bréval"] })],
      [
        candidate("e1", { ownerName: "DUPONT, Jean-Pierre" }),
        candidate("e2", { ownerName: "Léa Martin", teamNames: ["Paul Roux", "BREVAL Elodie"] }),
        candidate("e3", { ownerName: "Jean Dupont" }),
      ],
    );
    expect(kinds(conflicts)).toEqual(["j1/e1:person", "j1/e2:person"]);
    expect(conflicts[0].reasons[0].detail).toBe("personne déclarée « jean pierre dupont », porteur du projet « DUPONT, Jean-Pierre »");
    expect(conflicts[1].reasons[0].detail).toBe("personne déclarée « Mme Élodie Bréval », membre de l'équipe « BREVAL Elodie »");
  });

  test("an organisation whatever its legal form", () => {
    const conflicts = detectConflicts(
      [ties("j1", { organisations: [{ name: "Les Petits Débrouillards" }, { name: "Atelier Numérique S.A.R.L." }] })],
      [
        candidate("e1", { organisationName: "Association les petits debrouillards" }),
        candidate("e2", { organisationName: "Petits Débrouillards Bretagne" }),
        candidate("e3", { organisationName: "SARL l'Atelier numérique" }),
        candidate("e4", { organisationName: "Atelier numérique SARL" }),
      ],
    );
    expect(kinds(conflicts)).toEqual(["j1/e1:organisation", "j1/e4:organisation"]);
    expect(conflicts[0].reasons[0].detail).toBe(
      "organisation déclarée « Les Petits Débrouillards », organisation du candidat « Association les petits debrouillards »",
    );
  });

  test("several ties to one entry make one conflict with every reason, each once", () => {
    const conflicts = detectConflicts(
      [
        ties("j1", {
          organisations: [{ name: "Fablab de Paris SAS", siret: "13002526500013" }],
          emailDomains: ["fablab.fr", "fablab.fr"],
          people: ["Anne Durand", "DURAND Anne"],
        }),
      ],
      [
        candidate("e1", {
          ownerName: "Anne Durand",
          ownerEmail: "anne@fablab.fr",
          teamNames: ["anne durand"],
          organisationName: "Fablab de Paris",
          organisationSiret: "13002526500013",
        }),
      ],
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].reasons.map((r) => r.kind)).toEqual(["siret", "organisation", "email_domain", "person", "person"]);
    // Two spellings declared: two details, the same person once on the candidate's side (owner, not team too).
    expect(conflicts[0].reasons.filter((r) => r.kind === "person").every((r) => r.detail.includes("porteur du projet"))).toBe(true);
  });

  test("an index built once answers like the list", () => {
    const candidates = [candidate("e1", { ownerName: "Anne Durand" }), candidate("e2", { organisationSiret: "13002526500013" })];
    const jurors = [ties("j1", { people: ["durand anne"] }), ties("j2", { organisations: [{ name: "x", siret: "130025265" }] })];
    expect(detectConflicts(jurors, indexCandidates(candidates))).toEqual(detectConflicts(jurors, candidates));
    expect(conflictPairs(detectConflicts(jurors, candidates))).toEqual(
      new Map([
        ["j1", new Set(["e1"])],
        ["j2", new Set(["e2"])],
      ]),
    );
  });
});

describe("conflicts: what a juror may see", () => {
  const candidates = [
    candidate("e1", {
      ownerName: "Anne Durand",
      ownerEmail: "anne@fablab.fr",
      organisationName: "Fablab de Paris",
      organisationSiret: "13002526500013",
    }),
  ];
  const conflicts = detectConflicts(
    [
      ties("j1", { people: ["Anne Durand"], emailDomains: ["fablab.fr"], organisations: [{ name: "Fablab de Paris", siret: "13002526500013" }] }),
      ties("j2", {}),
    ],
    candidates,
  );

  test("at most « conflit détecté »: no entry, no kind, no name", () => {
    expect(jurorConflictNotice(conflicts, "j1")).toEqual({ jurorId: "j1", message: "conflit détecté" });
    expect(jurorConflictNotice(conflicts, "j2")).toBeNull();
  });

  test("whereas the admins' details name the match", () => {
    const details = conflicts.flatMap((c) => c.reasons.map((r) => r.detail)).join("\n");
    expect(details).toContain("Anne Durand");
    expect(details).toContain("fablab.fr");
    expect(details).toContain("130 025 265 00013");
  });
});

// A reference with no index: every juror × candidate × tie, straight from the rules.
function bruteForce(jurors: JurorTies[], candidates: CandidateIdentity[]): string[] {
  const siren = (input: string | null | undefined) => {
    const digits = normaliseSiret(input ?? "");
    return /^\d{9}(\d{5})?$/.test(digits) && !/^0+$/.test(digits) ? digits.slice(0, 9) : null;
  };
  const out: string[] = [];
  for (const juror of jurors) {
    for (const c of candidates) {
      const found = new Set<ConflictKind>();
      for (const organisation of juror.organisations) {
        const s = siren(organisation.siret);
        if (s !== null && s === siren(c.organisationSiret)) found.add("siret");
        const key = normaliseOrganisationName(organisation.name);
        if (key !== "" && c.organisationName && key === normaliseOrganisationName(c.organisationName)) found.add("organisation");
      }
      const domain = emailDomain(c.ownerEmail);
      for (const declared of juror.emailDomains) {
        const tie = normaliseDomain(declared);
        if (tie && domain && isOrganisationDomain(tie) && isOrganisationDomain(domain) && (domain === tie || domain.endsWith(`.${tie}`)))
          found.add("email_domain");
      }
      for (const person of juror.people) {
        const key = normalisePersonName(person);
        if (key !== "" && [c.ownerName, ...c.teamNames].some((name) => normalisePersonName(name) === key)) found.add("person");
      }
      if (found.size > 0) out.push(`${juror.jurorId}/${c.entryId}:${[...found].sort().join(",")}`);
    }
  }
  return out;
}

const people = ["Jean Dupont", "DUPONT Jean", "Jean-Pierre Dupont", "Élodie Bréval", "elodie breval", "Mme Marie Curie", "Paul"];
const organisations = [
  "SAS Fablab de Paris",
  "Fablab de Paris",
  "Association Les Petits Débrouillards",
  "les petits debrouillards",
  "Emmaüs Connect",
  "SARL",
];
const sirets = ["13002526500013", "130 025 265 00021", "130025265", "73282932000074", "35600000000048", "356000000", "123", "00000000000000"];
const emails = [
  "a@fablab.fr",
  "b@paris.fablab.fr",
  "c@gmail.com",
  "d@notfablab.fr",
  "e@café.fr",
  "f@numerique.gouv.fr",
  "g@mail.perso.free.fr",
  "pas-un-courriel",
];
const domains = [
  "fablab.fr",
  "paris.fablab.fr",
  "gmail.com",
  "@xn--caf-dma.fr",
  "gouv.fr",
  "numerique.gouv.fr",
  "fr",
  "free.fr",
  "https://www.fablab.fr/",
];

const jurorsArb = fc.array(
  fc.record({
    organisations: fc.array(
      fc.record({ name: fc.constantFrom(...organisations), siret: fc.option(fc.constantFrom(...sirets), { nil: undefined }) }),
      { maxLength: 2 },
    ),
    emailDomains: fc.array(fc.constantFrom(...domains), { maxLength: 2 }),
    people: fc.array(fc.constantFrom(...people), { maxLength: 2 }),
  }),
  { maxLength: 5 },
);
const candidatesArb = fc.array(
  fc.record({
    ownerName: fc.constantFrom(...people),
    ownerEmail: fc.constantFrom(...emails),
    teamNames: fc.array(fc.constantFrom(...people), { maxLength: 2 }),
    organisationName: fc.option(fc.constantFrom(...organisations), { nil: null }),
    organisationSiret: fc.option(fc.constantFrom(...sirets), { nil: null }),
  }),
  { maxLength: 8 },
);

describe("conflicts: properties", () => {
  test.prop([jurorsArb, candidatesArb])("the index finds exactly what a juror × candidate scan finds", (rawJurors, rawCandidates) => {
    const jurors = rawJurors.map((tie, i) => ({ jurorId: `j${i}`, ...tie }));
    const candidates = rawCandidates.map((identity, i) => ({ entryId: `e${i}`, ...identity }));
    const conflicts = detectConflicts(jurors, candidates);
    expect(
      conflicts.map(({ jurorId, entryId, reasons }) => `${jurorId}/${entryId}:${[...new Set(reasons.map((r) => r.kind))].sort().join(",")}`),
    ).toEqual(bruteForce(jurors, candidates));
    for (const conflict of conflicts) expect(conflict.reasons.length).toBeGreaterThan(0);
  });

  test.prop([jurorsArb, candidatesArb])("a juror's notice never contains a candidate's identity", (rawJurors, rawCandidates) => {
    const jurors = rawJurors.map((tie, i) => ({ jurorId: `j${i}`, ...tie }));
    const candidates = rawCandidates.map((identity, i) => ({ entryId: `e${i}`, ...identity }));
    const conflicts = detectConflicts(jurors, candidates);
    for (const juror of jurors) {
      const notice = jurorConflictNotice(conflicts, juror.jurorId);
      if (notice === null) {
        expect(conflicts.some((c) => c.jurorId === juror.jurorId)).toBe(false);
        continue;
      }
      expect(Object.keys(notice).sort()).toEqual(["jurorId", "message"]);
      expect(notice.message).toBe("conflit détecté");
    }
  });
});
