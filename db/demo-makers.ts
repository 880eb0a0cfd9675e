// The demo's makers: a fablab in Rennes (35), a third-place in Aurillac (15) — the demo maker
// account's — and a company in Clermont-Ferrand delivering across Auvergne and Brittany, each
// approved for every catalogue kit, with its coverage and capacity declared through the domain.
import type postgres from "postgres";
import { hashPassword } from "../app/accounts/passwords.server";
import type { MakerKind } from "../app/makers/kinds";
import { declareSupply, decideKitRequest, listCatalogueKits, registerMaker, requestKits } from "../app/makers/makers.server";
import { demoAccount, demoSiret } from "./demo-structures";
import { DEMO_PASSWORD } from "./seed";

type DemoMaker = {
  /** The local part of the demo account that registered it: fabricant@demo.kits-inclusion.fr for "fabricant". */
  account: string;
  name: string;
  kind: MakerKind;
  commune: string;
  contactName: string;
  departements: string[];
  unitsPerMonth: number;
};

const demoMakers: DemoMaker[] = [
  {
    account: "fabricant2",
    name: "Fablab de Rennes (démo)",
    kind: "fablab",
    commune: "35238",
    contactName: "Gwenaëlle Morvan",
    departements: ["35"],
    unitsPerMonth: 15,
  },
  {
    account: "fabricant",
    name: "Tiers-lieu du Cantal (démo)",
    kind: "third_place",
    commune: "15014",
    contactName: "Bastien Delmas",
    departements: ["15"],
    unitsPerMonth: 10,
  },
  {
    account: "fabricant3",
    name: "Atelier Kits Massif central (démo)",
    kind: "company",
    commune: "63113",
    contactName: "Nadia Chabrier",
    departements: ["03", "15", "43", "63", "22", "29", "35", "56"],
    unitsPerMonth: 120,
  },
];

export async function seedDemoMakers(sql: postgres.Sql, adminId: number, now: Date) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const kitIds = (await listCatalogueKits(sql)).map((kit) => kit.id);
  for (const [index, demo] of demoMakers.entries()) {
    const account = await demoAccount(sql, { account: demo.account, name: demo.contactName, passwordHash });
    const makerId = await registerMaker(
      {
        siret: demoSiret(100 + index),
        name: demo.name,
        kind: demo.kind,
        commune: demo.commune,
        contactName: demo.contactName,
        contactPhone: `04${String(71000000 + index).padStart(8, "0")}`,
        actorId: account.id,
        now,
      },
      sql,
    );
    // The membership is now this maker's own, not a national 'maker' role.
    await sql`delete from memberships where user_id = ${account.id} and role = 'maker' and scope = '*'`;
    if (kitIds.length === 0) continue;
    await requestKits({ makerId, userId: account.id, kitIds, now }, sql);
    for (const kitId of kitIds) {
      await decideKitRequest({ makerId, kitId, status: "approved", reason: null, actorId: adminId, now }, sql);
      await declareSupply({ makerId, kitId, userId: account.id, departements: demo.departements, unitsPerMonth: demo.unitsPerMonth, now }, sql);
    }
  }
}
