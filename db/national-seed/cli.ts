// npm run db:seed:national [-- --scale 0.1 --seed 2026 --date 2026-12-01] — the national programme
// (issue 11) on an empty database: DATABASE_URL, or the embedded database when it is unset.
import { parseArgs } from "node:util";
import { config } from "../../app/infra/config.server";
import { db } from "../../app/infra/db.server";
import { blobStore } from "../../app/infra/blobs/index.server";
import { startEmbeddedPostgres } from "../embedded";
import { prepareDatabase } from "../migrate";
import { NATIONAL_ADMIN_EMAIL } from "./account-rows";
import { seedNational } from "./seed";

export const NATIONAL_PASSWORD = "kits-national-2026";

const { values } = parseArgs({
  options: { scale: { type: "string", default: "1" }, seed: { type: "string", default: "2026" }, date: { type: "string" } },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
const day = values.date ?? new Date().toISOString().slice(0, 10);
const now = new Date(`${day}T00:00:00Z`);
if (!Number.isSafeInteger(seed) || Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
  console.error("usage : tsx db/national-seed/cli.ts [--scale 1] [--seed 2026] [--date AAAA-MM-JJ]");
  process.exit(2);
}

const cfg = config();
const embedded = cfg.embeddedDatabase
  ? await startEmbeddedPostgres({ dataDir: cfg.embeddedDatabase.dataDir, port: cfg.embeddedDatabase.port, database: "kits" })
  : null;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
try {
  const applied = await prepareDatabase(db, { connectionString: cfg.databaseUrl });
  if (applied.length) console.log(`Migrations appliquées : ${applied.length}`);
  console.log(`Jeu de données national, échelle ${scale}, graine ${seed}, vu le ${day}.`);
  const report = await seedNational(db, {
    seed,
    scale,
    now,
    password: NATIONAL_PASSWORD,
    store: blobStore(),
    log: (m) => console.log(`  [${elapsed()}] ${m}`),
  });
  const rows = Object.values(report.counts).reduce((sum, count) => sum + count, 0);
  console.log(`Terminé en ${elapsed()} : ${rows.toLocaleString("fr-FR")} lignes dans ${Object.keys(report.counts).length} tables.`);
  console.log(
    `Comptes : ${NATIONAL_ADMIN_EMAIL} (administration), instruction-<département>@…, structure-<n>@…, mot de passe « ${NATIONAL_PASSWORD} ».`,
  );
  // The second factor of the admin, instructors and jurors: its secret, for an authenticator app.
  const [admin] = await db<{ totpSecret: string }[]>`select totp_secret from users where email = ${NATIONAL_ADMIN_EMAIL}`;
  console.log(
    `Secret TOTP de l'administration : ${admin!.totpSecret} (les autres : select email, totp_secret from users where totp_secret is not null).`,
  );
  console.log("Ces comptes ont un mot de passe et des secrets TOTP connus de qui connaît la graine : jamais sur une base exposée au public.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.end({ timeout: 5 });
  await embedded?.stop();
}
