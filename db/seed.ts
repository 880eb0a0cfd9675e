import type postgres from "postgres";
import { hashPassword } from "../app/accounts/passwords.server";
import type { Role } from "../app/accounts/roles";
import { appendAudit } from "../app/audit/audit.server";
import { seedDemoContest } from "./demo-contest";
import { seedDemoDistribution } from "./demo-distribution";
import { seedDemoJury } from "./demo-jury";

export const DEMO_PASSWORD = "kits-demo-2026";

// Fixed secrets so that the demo's one-time codes can be shown on the login page
// (only ever on the embedded database, see config.demo). The scope is national unless given.
export const demoAccounts: { email: string; name: string; role: Role; scope?: string; totpSecret?: string }[] = [
  { email: "gestionnaire@demo.kits-inclusion.fr", name: "Camille Gestionnaire", role: "admin", totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" },
  { email: "jury@demo.kits-inclusion.fr", name: "Dominique Juré", role: "juror", totpSecret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU" },
  { email: "candidat@demo.kits-inclusion.fr", name: "Alex Candidat", role: "designer" },
  { email: "candidat2@demo.kits-inclusion.fr", name: "Sam Conceptrice", role: "designer" },
  { email: "candidat3@demo.kits-inclusion.fr", name: "Lou Tiers-Lieu", role: "designer" },
  { email: "structure@demo.kits-inclusion.fr", name: "Noa Médiathécaire", role: "structure" },
  { email: "fabricant@demo.kits-inclusion.fr", name: "Fablab du Cantal", role: "maker" },
  {
    email: "instructeur@demo.kits-inclusion.fr",
    name: "Morgane Instructrice",
    role: "instructor",
    scope: "departement:35",
    totpSecret: "ACBHGQFFQMGK32AQED2IIYE4UMD3NXCI",
  },
];

/**
 * Creates the demo on an empty database — accounts for every role, then a contest in its submission
 * phase with proposals in various states, and the jury's contests (one in review, one with published
 * results), then the distribution (sample territorial lists, a campaign open for ordering) — and
 * returns the accounts, or null if there were users already. `now` dates the distribution's steps.
 */
export async function seedDemo(sql: postgres.Sql, now = new Date()) {
  const accounts = await seedDemoAccounts(sql);
  if (accounts) {
    await seedDemoContest(sql);
    await seedDemoJury(sql);
    const [admin] = await sql<{ id: number }[]>`select id from users where email = ${demoAccounts[0].email}`;
    await seedDemoDistribution(sql, admin.id, now);
  }
  return accounts;
}

async function seedDemoAccounts(sql: postgres.Sql) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return sql.begin(async (tx) => {
    // Serialises concurrent seeders (two processes starting together).
    await tx`lock table users in exclusive mode`;
    const [{ count }] = await tx<{ count: number }[]>`select count(*)::int as count from users`;
    if (count > 0) return null;
    for (const account of demoAccounts) {
      const [user] = await tx<{ id: number }[]>`
        insert into users (email, name, password_hash, email_confirmed_at, totp_secret, totp_enabled_at)
        values (${account.email}, ${account.name}, ${passwordHash}, now(),
                ${account.totpSecret ?? null}, ${account.totpSecret ? new Date() : null})
        returning id`;
      const scope = account.scope ?? "*";
      await tx`insert into memberships (user_id, role, scope) values (${user.id}, ${account.role}, ${scope})`;
      await appendAudit(tx, { actorId: null, action: "demo.account_created", subject: `user:${user.id}`, data: { role: account.role, scope } });
    }
    return demoAccounts.map(({ email, role, scope }) => ({ email, role, scope: scope ?? "*" }));
  });
}
