// npm run db:migrate | db:seed — against DATABASE_URL, or the embedded database when it is unset.
import { config } from "../app/infra/config.server";
import { db } from "../app/infra/db.server";
import { startEmbeddedPostgres } from "./embedded";
import { prepareDatabase } from "./migrate";
import { seedDemo } from "./seed";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage : tsx db/cli.ts migrate|seed");
  process.exit(2);
}

const cfg = config();
const embedded = cfg.embeddedDatabase
  ? await startEmbeddedPostgres({ dataDir: cfg.embeddedDatabase.dataDir, port: cfg.embeddedDatabase.port, database: "kits" })
  : null;
try {
  const applied = await prepareDatabase(db, { connectionString: cfg.databaseUrl });
  console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Base à jour : aucune migration en attente.");
  if (command === "seed") {
    if (!cfg.embeddedDatabase) {
      console.warn(
        "Attention : les comptes de démonstration ont un mot de passe et des secrets TOTP publics (db/seed.ts). " +
          "Ne les créez jamais sur une base exposée au public.",
      );
    }
    const accounts = await seedDemo(db);
    console.log(
      accounts
        ? `Comptes de démonstration créés : ${accounts.map((a) => a.email).join(", ")}`
        : "La base contient déjà des comptes : rien n'a été ajouté.",
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.end({ timeout: 5 });
  await embedded?.stop();
}
