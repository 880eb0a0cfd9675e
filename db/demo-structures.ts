// The demo's structures: a dozen of several kinds and départements, in every verification state,
// each registered by its own contact (structure2@… to structure11@…, the demo password); the demo
// structure account registered two verified médiathèques, in Rennes (35) and Saint-Flour (15).
import type postgres from "postgres";
import { hashPassword } from "../app/accounts/passwords.server";
import { insertUser, markEmailConfirmed } from "../app/accounts/users.server";
import { luhnValid } from "../app/organisations/siret";
import type { StructureKind } from "../app/structures/kinds";
import type { StructureStatus } from "../app/structures/statuses";
import { registerStructure } from "../app/structures/structures.server";
import { rejectStructure, requestInformation, verifyStructure } from "../app/structures/verification.server";
import { DEMO_PASSWORD } from "./seed";

type DemoStructure = {
  /** The local part of the demo account that registered it: structure@demo.kits-inclusion.fr for "structure". */
  account: string;
  legalName: string;
  kind: StructureKind;
  commune: string;
  postal: string;
  address: string;
  contactName: string;
  status: StructureStatus;
  reason?: string;
};

export const demoStructures: DemoStructure[] = [
  {
    account: "structure",
    legalName: "Médiathèque de Bréquigny (démo)",
    kind: "library",
    commune: "35238",
    postal: "35200",
    address: "15 boulevard Albert 1er",
    contactName: "Yann Le Bihan",
    status: "verified",
  },
  {
    account: "structure2",
    legalName: "France Services de Saint-Malo (démo)",
    kind: "france_services",
    commune: "35288",
    postal: "35400",
    address: "3 rue de la Croix Désilles",
    contactName: "Maël Le Goff",
    status: "pending",
  },
  {
    account: "structure3",
    legalName: "CCAS de Vitré (démo)",
    kind: "social_action_centre",
    commune: "35360",
    postal: "35500",
    address: "2 place du Château",
    contactName: "Nadia Benali",
    status: "information_requested",
    reason: "Merci de joindre la délibération du conseil d'administration du CCAS désignant la personne à contacter.",
  },
  {
    account: "structure",
    legalName: "Médiathèque de Saint-Flour (démo)",
    kind: "library",
    commune: "15187",
    postal: "15100",
    address: "1 place d'Armes",
    contactName: "Jeanne Roux",
    status: "verified",
  },
  {
    account: "structure4",
    legalName: "Association Aurillac Numérique (démo)",
    kind: "association",
    commune: "15014",
    postal: "15000",
    address: "8 rue des Carmes",
    contactName: "Paul Vidal",
    status: "rejected",
    reason: "Le SIRET correspond à une entreprise de vente de matériel, pas à une association d'inclusion numérique.",
  },
  {
    account: "structure5",
    legalName: "Tiers-lieu La Fabrique du 11e (démo)",
    kind: "third_place",
    commune: "75056",
    postal: "75011",
    address: "12 rue Oberkampf",
    contactName: "Inès Moreau",
    status: "pending",
  },
  {
    account: "structure6",
    legalName: "Centre social de la Guillotière (démo)",
    kind: "social_centre",
    commune: "69123",
    postal: "69007",
    address: "24 rue Sébastien Gryphe",
    contactName: "Karim Haddad",
    status: "verified",
  },
  {
    account: "structure7",
    legalName: "Mairie d'Ajaccio (démo)",
    kind: "town_hall",
    commune: "2A004",
    postal: "20000",
    address: "Avenue Antoine Serafini",
    contactName: "Lisandru Santoni",
    status: "verified",
  },
  {
    account: "structure8",
    legalName: "EHPAD Les Flamboyants (démo)",
    kind: "care_home",
    commune: "97411",
    postal: "97400",
    address: "40 rue Juliette Dodu",
    contactName: "Marie-Claire Hoarau",
    status: "information_requested",
    reason: "L'adresse de livraison diffère de celle du répertoire SIRENE : confirmez-la, s'il vous plaît.",
  },
  {
    account: "structure9",
    legalName: "CCAS de Lille (démo)",
    kind: "social_action_centre",
    commune: "59350",
    postal: "59000",
    address: "Place Augustin Laurent",
    contactName: "Sophie Lefebvre",
    status: "rejected",
    reason: "Une inscription de la même structure, avec un autre établissement, a déjà été vérifiée.",
  },
  {
    account: "structure10",
    legalName: "France Services de Mende (démo)",
    kind: "france_services",
    commune: "48095",
    postal: "48000",
    address: "4 boulevard du Soubeyran",
    contactName: "Julien Pagès",
    status: "verified",
  },
  {
    account: "structure11",
    legalName: "Maison de quartier de Bellevue (démo)",
    kind: "other",
    commune: "29019",
    postal: "29200",
    address: "1 place Napoléon III",
    contactName: "Gwenaëlle Kerjean",
    status: "pending",
  },
];

/** A demo SIRET: thirteen digits from the index, completed by the Luhn key (fictitious, never a real establishment's). */
export function demoSiret(index: number): string {
  const prefix = `9990000${String(index).padStart(6, "0")}`;
  for (let key = 0; key < 10; key++) if (luhnValid(`${prefix}${key}`)) return `${prefix}${key}`;
  throw new Error("unreachable: one key always completes Luhn");
}

/** The demo account of that local part (its e-mail confirmed), created unless the seed has it already. */
export async function demoAccount(sql: postgres.Sql, input: { account: string; name: string; passwordHash: string }): Promise<{ id: number }> {
  const email = `${input.account}@demo.kits-inclusion.fr`;
  const [account]: [{ id: number }?] = await sql`select id from users where email = ${email}`;
  if (account) return account;
  const id = (await insertUser({ email, name: input.name, passwordHash: input.passwordHash }, sql))!;
  await markEmailConfirmed(id, sql);
  return { id };
}

export async function seedDemoStructures(sql: postgres.Sql, adminId: number, now: Date) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [index, demo] of demoStructures.entries()) {
    const account = await demoAccount(sql, { account: demo.account, name: demo.contactName, passwordHash });
    const phone = `0${(index % 5) + 1}${String(23456700 + index).padStart(8, "0")}`;
    const id = await registerStructure({ ...demo, siret: demoSiret(index + 1), contactPhone: phone, actorId: account.id, now }, sql);
    // The membership is now this structure's own, not a national 'structure' role.
    await sql`delete from memberships where user_id = ${account.id} and role = 'structure' and scope = '*'`;
    // Decided through the verification's own functions, so each has its history, audit and e-mails.
    const decision = { structureId: id, reviewer: { id: adminId, reach: "all" as const }, reviewsSeen: 0, now };
    if (demo.status === "verified") await verifyStructure(decision, sql);
    if (demo.status === "rejected") await rejectStructure({ ...decision, reason: demo.reason! }, sql);
    if (demo.status === "information_requested") await requestInformation({ ...decision, question: demo.reason! }, sql);
  }
}
