// Invented people and organisations for the national seed: French names, SIRETs with a valid key,
// phone numbers. None is real; every address ends in .test, a domain that never receives mail.
import { luhnValid } from "../../app/organisations/siret";
import type { Draws } from "./draws";

const firstNames = [
  "Camille",
  "Dominique",
  "Claude",
  "Alex",
  "Sacha",
  "Morgane",
  "Yannick",
  "Maëlle",
  "Hugo",
  "Léa",
  "Nathalie",
  "Karim",
  "Sophie",
  "Thomas",
  "Inès",
  "Julien",
  "Aurélie",
  "Mehdi",
  "Chloé",
  "Pierre",
  "Fatou",
  "Louis",
  "Émilie",
  "Antoine",
  "Nadia",
  "Gaëlle",
  "Bruno",
  "Céline",
  "Olivier",
  "Sarah",
  "Youssef",
  "Isabelle",
  "Mathieu",
  "Anaïs",
  "Rémi",
  "Lucie",
];
const lastNames = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Mercier",
  "Le Gall",
  "Kerboriou",
  "Benali",
  "Nguyen",
  "Da Silva",
  "Rakotomalala",
  "Lebreton",
  "Castel",
  "Marchand",
  "Aubry",
];

export function personName(draw: Draws): string {
  return `${draw.pick(firstNames)} ${draw.pick(lastNames)}`;
}

export const SEED_MAIL_DOMAIN = "national.kits-inclusion.test";

export function seedEmail(localPart: string): string {
  return `${localPart}@${SEED_MAIL_DOMAIN}`;
}

/** A 14-digit SIRET with a valid Luhn key, different for every `serial` of one `prefix` (1–9). */
export function seedSiret(prefix: number, serial: number): string {
  const head = `${prefix}${String(serial).padStart(12, "0")}`;
  for (let key = 0; key <= 9; key++) if (luhnValid(`${head}${key}`)) return `${head}${key}`;
  throw new Error("unreachable: one of ten keys always completes a Luhn sum");
}

export function phoneNumber(draw: Draws): string {
  return `0${draw.pick(["1", "2", "3", "4", "5", "6", "7", "9"])}${String(draw.int(0, 99_999_999)).padStart(8, "0")}`;
}

const streets = [
  "rue de la Mairie",
  "place de l'Église",
  "avenue de la République",
  "rue Victor-Hugo",
  "rue des Écoles",
  "boulevard Jean-Jaurès",
  "rue du Moulin",
  "chemin des Vignes",
  "rue de la Gare",
  "place du Marché",
  "allée des Tilleuls",
];

export function streetAddress(draw: Draws): string {
  return `${draw.int(1, 120)} ${draw.pick(streets)}`;
}

/** A TOTP secret (20 bytes, base32) drawn from the seed: known to whoever knows the seed, so never on a public database. */
export function totpSecret(draw: Draws): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from({ length: 32 }, () => alphabet[draw.int(0, 31)]).join("");
}
