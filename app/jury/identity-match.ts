// Normalising names and e-mail domains so that a juror's declared ties can be matched against the
// candidates' identity. Pure functions, no I/O; safe in the browser and on the server.
//
// A name becomes a key: lowercase, accents removed, ligatures expanded, punctuation turned into
// spaces, and its words sorted — « Jean-Pierre DUPONT », « dupont jean pierre » and
// « Dupont, Jean Pierre » all give "dupont jean pierre". Sorting the words is deliberate: forms and
// registers write "NOM Prénom" as often as "Prénom Nom".

// Letters that Unicode does not decompose into a base letter plus combining marks.
const UNDECOMPOSED: Record<string, string> = {
  œ: "oe",
  æ: "ae",
  ß: "ss",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join("")}]`, "gu");

/** The words of a name, in their original order: lowercase, no accents, no punctuation. */
export function nameTokens(input: string): string[] {
  const folded = input
    // NFKD rather than NFD: it also splits compatibility forms (the "ﬁ" ligature, full-width letters).
    // Lowercase in between: a compatibility form may decompose to capitals ("㎒" → "MHz"), and
    // lowercasing may add a combining mark ("İ" → "i" + dot above).
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(UNDECOMPOSED_RE, (letter) => UNDECOMPOSED[letter])
    // Hyphens, apostrophes (straight or curly), commas, dots, slashes… all separate words.
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return folded === "" ? [] : folded.split(" ");
}

/** Matching key for any name: normalised words, sorted, joined by one space ("" when nothing is left). */
export function normaliseName(input: string): string {
  return nameTokens(input).sort().join(" ");
}

// Civilities people put in front of a name; they say nothing about who it is.
const CIVILITIES = new Set([
  "m",
  "mr",
  "mme",
  "mlle",
  "melle",
  "monsieur",
  "madame",
  "mademoiselle",
  "dr",
  "docteur",
  "pr",
  "professeur",
  "me",
  "maitre",
]);

/** Matching key for a person: like normaliseName, without civilities (« Mme », « M. », « Dr »). */
export function normalisePersonName(input: string): string {
  const tokens = nameTokens(input);
  const kept = tokens.filter((token) => !CIVILITIES.has(token));
  // A name made only of civility-like words ("Me") is kept whole rather than emptied.
  return (kept.length > 0 ? kept : tokens).sort().join(" ");
}

// Legal forms, written as normalised words. Multi-word forms are removed as phrases, before the
// single words, so that « Fonds de dotation X » loses "fonds de dotation" but « X de Paris » keeps "de".
const LEGAL_FORM_PHRASES: string[][] = [
  "societe par actions simplifiee unipersonnelle",
  "societe par actions simplifiee",
  "societe a responsabilite limitee",
  "entreprise unipersonnelle a responsabilite limitee",
  "societe anonyme",
  "societe en nom collectif",
  "societe civile immobiliere",
  "societe cooperative et participative",
  "societe cooperative ouvriere de production",
  "societe cooperative d interet collectif",
  "societe d economie mixte",
  "societe publique locale",
  "groupement d interet public",
  "groupement d interet economique",
  "entreprise individuelle",
  "fonds de dotation",
  "loi 1901",
  "loi de 1901",
].map((phrase) => phrase.split(" "));

const LEGAL_FORM_WORDS = new Set([
  "sa",
  "sas",
  "sasu",
  "sarl",
  "sarlu",
  "eurl",
  "snc",
  "scs",
  "sca",
  "sci",
  "scop",
  "scic",
  "sem",
  "spl",
  "gie",
  "gip",
  "ei",
  "eirl",
  "association",
  "asso",
  "assoc",
  "fondation",
  "societe",
  "ste",
]);

/**
 * Matching key for an organisation: like normaliseName, without its legal form — « SAS Fablab de
 * Paris », « Fablab de Paris (SARL) » and « fablab de paris » give the same key. If nothing but
 * legal-form words is left (« Association »), the full key is kept rather than an empty one.
 */
export function normaliseOrganisationName(input: string): string {
  // Dotted acronyms are one word: « S.A.R.L. » is "sarl", not "s a r l".
  const tokens = nameTokens(input.replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (acronym) => acronym.replace(/\./g, "")));
  const withoutPhrases: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = LEGAL_FORM_PHRASES.find((words) => words.every((word, offset) => tokens[i + offset] === word));
    if (phrase) {
      i += phrase.length;
    } else {
      withoutPhrases.push(tokens[i]);
      i += 1;
    }
  }
  const kept = withoutPhrases.filter((token) => !LEGAL_FORM_WORDS.has(token));
  return (kept.length > 0 ? kept : tokens).sort().join(" ");
}

// Public webmail and consumer ISP domains: two people writing from gmail.com share nothing.
// Subdomains count too (xyz.free.fr hosts personal pages).
export const PUBLIC_WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.fr",
  "outlook.com",
  "hotmail.fr",
  "hotmail.com",
  "live.fr",
  "live.com",
  "msn.com",
  "yahoo.fr",
  "yahoo.com",
  "ymail.com",
  "aol.com",
  "aol.fr",
  "icloud.com",
  "me.com",
  "mac.com",
  "protonmail.com",
  "protonmail.ch",
  "proton.me",
  "pm.me",
  "tutanota.com",
  "tuta.io",
  "gmx.fr",
  "gmx.com",
  "gmx.net",
  "mail.com",
  "yandex.com",
  "zoho.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "sfr.fr",
  "neuf.fr",
  "cegetel.net",
  "club-internet.fr",
  "numericable.fr",
  "bbox.fr",
  "aliceadsl.fr",
  "infonie.fr",
  "netcourrier.com",
  "voila.fr",
  "dbmail.com",
  "mailo.com",
  "ecomail.fr",
  "posteo.net",
]);

// Shared public suffixes under which unrelated bodies register; a tie on one of them would match
// every candidate below it, so such a tie is ignored rather than trusted.
export const SHARED_SUFFIXES: ReadonlySet<string> = new Set([
  "gouv.fr",
  "asso.fr",
  "com.fr",
  "nom.fr",
  "presse.fr",
  "tm.fr",
  "prd.fr",
  "avocat.fr",
  "notaires.fr",
  "cci.fr",
  "co.uk",
  "org.uk",
  "ac.uk",
  "com.au",
  "co.jp",
]);

/** Unicode host to its ASCII (punycode) form, as browsers do; null when it is not a host name. */
function asciiHost(host: string): string | null {
  const trimmed = host.trim().replace(/\.+$/, "");
  if (trimmed === "" || /[\s/\\:?#@[\]<>%]/.test(trimmed)) return null;
  try {
    // The WHATWG URL parser applies IDNA (UTS #46): case folding, NFC, punycode; one code path in Node and browsers.
    const ascii = new URL(`http://${trimmed}`).hostname.replace(/\.+$/, "");
    if (ascii === "" || ascii.split(".").some((label) => label === "")) return null;
    return ascii;
  } catch {
    return null;
  }
}

/**
 * The domain of an e-mail address, lowercased and in ASCII (IDN → punycode), taken after the last
 * "@", without a trailing dot: « Jean@Café.FR. » → "xn--caf-dma.fr". Null when there is none.
 */
export function emailDomain(email: string): string | null {
  const trimmed = email.trim().replace(/>$/, "");
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return null;
  return asciiHost(trimmed.slice(at + 1));
}

/**
 * A domain as a juror declares it: « @Fablab.fr », « www.fablab.fr », « https://fablab.fr/contact »
 * or « contact@fablab.fr » all give "fablab.fr". Null when nothing usable is left.
 */
export function normaliseDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  text = text.replace(/[/?#].*$/, "");
  const at = text.lastIndexOf("@");
  if (at >= 0) text = text.slice(at + 1);
  const ascii = asciiHost(text);
  return ascii === null ? null : ascii.replace(/^www\./, "");
}

/** The domain and its parents down to two labels: "a.paris.fablab.fr" → itself, "paris.fablab.fr", "fablab.fr". */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split(".");
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join("."));
  return out.length > 0 ? out : [domain];
}

/** True for gmail.com, orange.fr… and their subdomains: sharing one is not a tie. */
export function isPublicWebmail(domain: string): boolean {
  return domainAndParents(domain).some((candidate) => PUBLIC_WEBMAIL_DOMAINS.has(candidate));
}

/** True when a shared domain can stand for an organisation: at least two labels, not webmail, not a shared suffix. */
export function isOrganisationDomain(domain: string): boolean {
  return domain.includes(".") && !isPublicWebmail(domain) && !SHARED_SUFFIXES.has(domain);
}
