// What every process of the portal does first (web, worker): read the configuration, start the
// embedded PostgreSQL when no DATABASE_URL is given, apply the migrations.
import { ConfigError, config, type Config } from "../app/infra/config.server";
import { db, guardAgainstPostgresCrash } from "../app/infra/db.server";
import { logger } from "../app/infra/logger.server";
import { migrate } from "../db/migrate";
import { startEmbeddedPostgres } from "../db/embedded";

/** The configuration, or a French message naming the bad variable and exit 1. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function bootDatabase(cfg: Config) {
  guardAgainstPostgresCrash();
  const embedded = cfg.embeddedDatabase
    ? await startEmbeddedPostgres({ dataDir: cfg.embeddedDatabase.dataDir, port: cfg.embeddedDatabase.port, database: "kits" })
    : null;
  const applied = await migrate(db, { connectionString: cfg.databaseUrl });
  if (applied.length) logger.info("migrations appliquées", { applied });
  return { stopEmbedded: async () => embedded?.stop() };
}
