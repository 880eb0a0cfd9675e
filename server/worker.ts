// `npm run worker`: the job queue alone, for deployments that run workers apart from the web processes.
import { ConfigError, config } from "../app/infra/config.server";
import { db, guardAgainstPostgresCrash } from "../app/infra/db.server";
import { logger } from "../app/infra/logger.server";
import { startQueueWorker } from "../app/infra/queue.server";
import { crontab, taskList } from "../app/jobs.server";
import { migrate } from "../db/migrate";
import { loadEmbeddedPostgres } from "./embedded";

guardAgainstPostgresCrash();
let cfg;
try {
  cfg = config();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const embedded = cfg.embeddedDatabase
  ? await (await loadEmbeddedPostgres())({ dataDir: cfg.embeddedDatabase.dataDir, port: cfg.embeddedDatabase.port, database: "kits" })
  : null;
await migrate(db, { connectionString: cfg.databaseUrl });
const worker = await startQueueWorker({ connectionString: cfg.databaseUrl, taskList, crontab });
logger.info("worker démarré");

async function stop(signal: string) {
  logger.info("arrêt du worker", { signal });
  await worker.stop();
  await db.end({ timeout: 5 });
  await embedded?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
