import { dictionary } from "@zxcvbn-ts/language-common";

// The password rules, shown to people as they are enforced.
export const PASSWORD_MIN_LENGTH = 12;
// argon2 hashes any length, but a bound keeps a hostile megabyte-long "password" cheap to refuse.
export const PASSWORD_MAX_LENGTH = 256;

export const passwordRules = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Les mots de passe les plus courants sont refusés. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`;

let common: Set<string> | undefined;

/** The ~50,000 most frequent leaked passwords (zxcvbn's frequency list), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** What is wrong with a new password, in French, or null when it meets the policy. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  if (isCommonPassword(password)) {
    return "Ce mot de passe fait partie des plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
  }
  return null;
}
