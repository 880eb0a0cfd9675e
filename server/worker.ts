// `npm run worker`: the job queue alone, for deployments that run workers apart from the web processes.
import { db } from "../app/infra/db.server";
import { logger } from "../app/infra/logger.server";
import { startQueueWorker } from "../app/infra/queue.server";
import { crontab, taskList } from "../app/jobs.server";
import { bootDatabase, configOrExit } from "./boot";

const cfg = configOrExit();
const database = await bootDatabase(cfg);
const worker = await startQueueWorker({ connectionString: cfg.databaseUrl, taskList, crontab });
logger.info("worker démarré");

async function stop(signal: string) {
  logger.info("arrêt du worker", { signal });
  await worker.stop();
  await db.end({ timeout: 5 });
  await database.stopEmbedded();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
