import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  domainAndParents,
  emailDomain,
  isOrganisationDomain,
  isPublicWebmail,
  nameTokens,
  normaliseDomain,
  normaliseName,
  normaliseOrganisationName,
  normalisePersonName,
} from "~/jury/identity-match";

// Words made of letters a candidate may type: accented Latin, ligatures, capitals.
const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæ".split(""));
const word = fc.string({ unit: letter, minLength: 1, maxLength: 8 });
const words = fc.array(word, { minLength: 1, maxLength: 4 });
const separator = fc.constantFrom(" ", "-", "  ", ", ", "'", "’", " - ", ".");

function join(parts: string[], separators: string[]) {
  return parts.map((part, i) => (i === 0 ? part : separators[i % separators.length] + part)).join("");
}

describe("names", () => {
  test("the same person however it is written", () => {
    const key = "dupont jean pierre";
    for (const written of ["Jean-Pierre DUPONT", "dupont jean pierre", "Dupont, Jean Pierre", "  JEAN  pierre-dupont ", "Jean–Pierre Dupont"]) {
      expect(normaliseName(written)).toBe(key);
    }
  });

  test("accents, ligatures and apostrophes", () => {
    expect(normaliseName("Hélène d’Œuvré-Lætitia")).toBe("d helene laetitia oeuvre");
    expect(normaliseName("Françoise Müller")).toBe(normaliseName("francoise muller"));
    expect(normaliseName("ÉLODIE")).toBe("elodie");
    expect(normaliseName("Søren Łukasz Straße")).toBe("lukasz soren strasse");
    expect(normaliseName("Ｊｅａｎ")).toBe("jean"); // full-width letters, NFKD
    expect(normaliseName("ﬁlou")).toBe("filou"); // the fi ligature
  });

  test("different people stay different", () => {
    expect(normaliseName("Jean Dupont")).not.toBe(normaliseName("Jean-Pierre Dupont"));
    expect(normaliseName("Anne Marie")).not.toBe(normaliseName("Annemarie"));
  });

  test("nothing but punctuation gives an empty key", () => {
    expect(normaliseName("")).toBe("");
    expect(normaliseName(" - , ' ")).toBe("");
    expect(nameTokens("--")).toEqual([]);
  });

  test("civilities are not part of a person's name", () => {
    expect(normalisePersonName("Mme Marie Curie")).toBe(normalisePersonName("Curie Marie"));
    expect(normalisePersonName("M. Jean Dupont")).toBe("dupont jean");
    expect(normalisePersonName("Dr. Jean Dupont")).toBe("dupont jean");
    expect(normalisePersonName("Me")).toBe("me"); // nothing else left: kept whole
  });

  test("legal forms are dropped from organisation names", () => {
    const key = normaliseOrganisationName("Fablab de Paris");
    for (const written of [
      "SAS Fablab de Paris",
      "Fablab de Paris (SARL)",
      "FABLAB DE PARIS, S.A.S.",
      "Association Fablab de Paris",
      "Fablab de Paris — association loi 1901",
      "Fondation Fablab de Paris",
      "Fablab de Paris SCIC",
      "Fablab de Paris, société par actions simplifiée",
    ]) {
      expect(normaliseOrganisationName(written), written).toBe(key);
    }
    expect(key).toBe("de fablab paris");
    expect(normaliseOrganisationName("Fonds de dotation Numérique pour tous")).toBe(normaliseOrganisationName("Numérique pour tous"));
    // "de" is only dropped as part of a legal-form phrase.
    expect(normaliseOrganisationName("Les Amis de la Terre")).toBe("amis de la les terre");
    // Only a legal form: kept whole rather than emptied (an empty key would match nothing anyway).
    expect(normaliseOrganisationName("Association")).toBe("association");
  });

  const wordsAndPermutation = words.chain((parts) =>
    fc.tuple(fc.constant(parts), fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length })),
  );

  test.prop([wordsAndPermutation, fc.array(separator, { minLength: 1, maxLength: 3 })])(
    "case, accents, separators and word order do not change the key",
    ([parts, shuffled], separators) => {
      const key = normaliseName(parts.join(" "));
      const variant = join(
        shuffled.map((part) => part.toUpperCase()),
        separators,
      );
      expect(normaliseName(variant)).toBe(key);
      const stripped = parts.map((part) => part.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae"));
      expect(normaliseName(stripped.join(" "))).toBe(key);
    },
  );

  test.prop([fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }))])(
    "the key is idempotent, lowercase, without marks, single-spaced and sorted",
    (input) => {
      const key = normaliseName(input);
      expect(normaliseName(key)).toBe(key);
      expect(key).toBe(key.trim());
      expect(key).not.toMatch(/ {2}|\p{M}|\p{Lu}/u);
      const tokens = key === "" ? [] : key.split(" ");
      expect(tokens).toEqual([...tokens].sort());
    },
  );
});

describe("e-mail domains", () => {
  test("the part after the last @, lowercased, without a trailing dot", () => {
    expect(emailDomain("Jean.Dupont@FabLab.FR")).toBe("fablab.fr");
    expect(emailDomain("jean@fablab.fr.")).toBe("fablab.fr");
    expect(emailDomain('"a@b"@fablab.fr')).toBe("fablab.fr");
    expect(emailDomain("Jean Dupont <jean@paris.fablab.fr>")).toBe("paris.fablab.fr");
    expect(emailDomain("  jean@fablab.fr  ")).toBe("fablab.fr");
  });

  test("internationalised domains compare in their ASCII form", () => {
    expect(emailDomain("jean@café.fr")).toBe("xn--caf-dma.fr");
    expect(emailDomain("jean@CAFÉ.fr")).toBe("xn--caf-dma.fr");
    expect(emailDomain("jean@xn--caf-dma.fr")).toBe("xn--caf-dma.fr");
  });

  test("no domain, no answer", () => {
    for (const bad of ["", "jean", "jean@", "jean@ ", "jean@a b.fr", "jean@a..fr", "jean@a/b.fr", "jean@.", "jean@exa%41.fr"]) {
      expect(emailDomain(bad), bad).toBeNull();
    }
  });

  test("a declared domain however the juror types it", () => {
    for (const written of [
      "fablab.fr",
      "@fablab.fr",
      "FabLab.fr",
      "www.fablab.fr",
      "https://www.fablab.fr/contact?x=1",
      "contact@fablab.fr",
      " fablab.fr. ",
    ]) {
      expect(normaliseDomain(written), written).toBe("fablab.fr");
    }
    expect(normaliseDomain("")).toBeNull();
    expect(normaliseDomain("pas un domaine")).toBeNull();
  });

  test("public webmail is not an organisation, nor are shared suffixes", () => {
    for (const domain of [
      "gmail.com",
      "outlook.fr",
      "hotmail.fr",
      "yahoo.fr",
      "orange.fr",
      "free.fr",
      "laposte.net",
      "wanadoo.fr",
      "sfr.fr",
      "icloud.com",
      "protonmail.com",
      "perso.free.fr",
    ]) {
      expect(isPublicWebmail(domain), domain).toBe(true);
      expect(isOrganisationDomain(domain), domain).toBe(false);
    }
    expect(isOrganisationDomain("gouv.fr")).toBe(false);
    expect(isOrganisationDomain("fr")).toBe(false);
    expect(isOrganisationDomain("numerique.gouv.fr")).toBe(true);
    expect(isOrganisationDomain("fablab.fr")).toBe(true);
    expect(isPublicWebmail("orange.com")).toBe(false); // the company, not the ISP's mailboxes
  });

  test("a domain and its parents, down to two labels", () => {
    expect(domainAndParents("a.paris.fablab.fr")).toEqual(["a.paris.fablab.fr", "paris.fablab.fr", "fablab.fr"]);
    expect(domainAndParents("fablab.fr")).toEqual(["fablab.fr"]);
    expect(domainAndParents("localhost")).toEqual(["localhost"]);
  });

  test.prop([fc.domain(), fc.emailAddress()])("domains come out lowercase ASCII without a trailing dot", (domain, email) => {
    for (const result of [emailDomain(`x@${domain.toUpperCase()}.`), emailDomain(email), normaliseDomain(domain)]) {
      if (result === null) continue;
      expect(result).toMatch(/^[a-z0-9_.-]+$/);
      expect(result.endsWith(".")).toBe(false);
    }
    expect(emailDomain(`Someone@${domain.toUpperCase()}`)).toBe(emailDomain(`someone@${domain}`));
  });
});
