// Starts the portal: configuration, database (embedded unless DATABASE_URL), migrations,
// demo seed, worker, then HTTP. Stops gracefully on SIGINT/SIGTERM.
// First: it loads @remix-run/router, with its matching caches, before anything else requires it.
import "./route-matching-cache";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { db } from "../app/infra/db.server";
import { logger } from "../app/infra/logger.server";
import { startQueueWorker } from "../app/infra/queue.server";
import { crontab, taskList } from "../app/jobs.server";
import { DEMO_PASSWORD, seedDemo } from "../db/seed";
import { describeScope, roleLabels, type Role } from "../app/accounts/roles";
import { createApp } from "./app";
import { bootDatabase, configOrExit, describeError, embeddedDatabasePort, ensurePortsFree, listenOn, StartupError, webPort } from "./boot";

async function main() {
  const startedAt = Date.now();
  const cfg = configOrExit();
  for (const line of cfg.defaults) logger.info(`valeur par défaut — ${line}`);
  // Before anything starts: a taken port must not leave a database running behind a failed start.
  await ensurePortsFree([webPort(cfg), embeddedDatabasePort(cfg)]);
  const database = await bootDatabase(cfg);

  let worker: Awaited<ReturnType<typeof startQueueWorker>> | null = null;
  const server = http.createServer();
  try {
    if (cfg.demo) {
      const demo = await seedDemo(db);
      if (demo) printDemoAccounts(demo);
    }
    if (cfg.runWorkerInline) worker = await startQueueWorker({ connectionString: cfg.databaseUrl, taskList, crontab });

    const buildPath = path.resolve(import.meta.dirname, "../build/index.js");
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    server.on("request", createApp(build, cfg));
    // The port may have been taken since it was checked.
    await listenOn(server, webPort(cfg));
  } catch (error) {
    await worker?.stop();
    await db.end({ timeout: 5 });
    await database.stopEmbedded();
    throw error;
  }
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : cfg.port;
  const url = cfg.publicUrl.port === String(port) || cfg.publicUrl.hostname !== "localhost" ? cfg.publicUrl.href : `http://localhost:${port}/`;
  logger.info("portail démarré", { url, ms: Date.now() - startedAt });
  console.log(`\n  Kits d'inclusion numérique : ${url}\n`);

  let stopping = false;
  // While stopping, a request that still arrives on an open keep-alive connection is answered, then
  // its connection closed. Prepended: it must run before Express may have answered synchronously.
  server.prependListener("request", (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader("Connection", "close");
  });
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info("arrêt demandé, fin des requêtes en cours", { signal });
    // Stop accepting, let in-flight requests finish, and close keep-alive sockets as soon as they are
    // idle: once at the start, then as each in-flight request ends (a sweep, since Node has no event for it).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 200);
    const force = setTimeout(() => {
      logger.warn("arrêt : des requêtes duraient encore après 10 s, leurs connexions sont fermées");
      server.closeAllConnections();
    }, 10_000);
    await closed;
    clearInterval(sweep);
    clearTimeout(force);
    await worker?.stop();
    await db.end({ timeout: 5 });
    await database.stopEmbedded();
    logger.info("arrêt terminé");
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

function printDemoAccounts(accounts: { email: string; role: Role; scope: string }[]) {
  console.log(`\n  Comptes de démonstration (mot de passe commun : « ${DEMO_PASSWORD} ») :`);
  for (const account of accounts) {
    const label = account.scope === "*" ? roleLabels[account.role] : `${roleLabels[account.role]} (${describeScope(account.scope)})`;
    console.log(`    ${label.padEnd(44)} ${account.email}`);
  }
  console.log("  Les codes à usage unique des comptes gestionnaire, jury et instructeur sont affichés sur la page de connexion.\n");
}

main().catch((error) => {
  if (error instanceof StartupError) {
    console.error(error.message);
  } else {
    const cause = describeError(error);
    logger.error("démarrage impossible", { error: cause, stack: error instanceof Error ? error.stack : undefined });
    console.error(`Démarrage impossible : ${cause}`);
  }
  process.exit(1);
});
