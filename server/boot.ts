// What every process of the portal does first (web, worker): read the configuration, start the
// embedded PostgreSQL when no DATABASE_URL is given, apply the migrations. And how a start that
// cannot go on says why.
import net from "node:net";
import { inspect } from "node:util";
import { ConfigError, config, type Config } from "../app/infra/config.server";
import { db, guardAgainstPostgresCrash } from "../app/infra/db.server";
import { logger } from "../app/infra/logger.server";
import { prepareDatabase } from "../db/migrate";
import { EmbeddedPostgresStartError, startEmbeddedPostgres } from "../db/embedded";

/** A start that cannot go on, with a French message saying what to change. */
export class StartupError extends Error {}

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

/** A port this process will listen on, and the variable that chooses it. */
export type PortClaim = { port: number; host: string; variable: "PORT" | "EMBEDDED_PG_PORT"; use: string };

export function webPort(cfg: Config): PortClaim {
  return { port: cfg.port, host: cfg.host, variable: "PORT", use: "serveur web" };
}

// The portal reaches the embedded PostgreSQL on 127.0.0.1: that address must be free on its port.
export function embeddedDatabasePort(cfg: Config): PortClaim | null {
  if (!cfg.embeddedDatabase) return null;
  return { port: cfg.embeddedDatabase.port, host: "127.0.0.1", variable: "EMBEDDED_PG_PORT", use: "base de données embarquée" };
}

function portTaken(claim: PortClaim) {
  return new StartupError(
    `Démarrage impossible : le port ${claim.port} (${claim.use}) est déjà utilisé sur ${claim.host}, ` +
      `par un autre programme ou une autre copie du portail.\n` +
      `Choisissez un autre port avec la variable ${claim.variable}, par exemple : ${claim.variable}=${claim.port + 1} npm start`,
  );
}

/** Listens as the real server will, and turns "address in use" into the message that says what to change. */
export function listenOn(server: net.Server, claim: PortClaim): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? portTaken(claim) : error);
    server.once("error", refused);
    server.listen(claim.port, claim.host, () => {
      server.removeListener("error", refused);
      resolve();
    });
  });
}

/**
 * Checks, before anything starts, that every port is free (a listen, closed at once): a taken port
 * must not leave a database started, or a half-started portal. The real listen still handles a port
 * taken in between.
 */
export async function ensurePortsFree(claims: (PortClaim | null)[]) {
  for (const claim of claims) {
    // Port 0 asks the system for any free port: nothing to check.
    if (!claim || claim.port === 0) continue;
    const probe = net.createServer();
    await listenOn(probe, claim);
    await new Promise((resolve) => probe.close(resolve));
  }
}

export async function bootDatabase(cfg: Config) {
  guardAgainstPostgresCrash();
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  if (cfg.embeddedDatabase) {
    const { dataDir, port } = cfg.embeddedDatabase;
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port, database: "kits" });
    } catch (error) {
      if (error instanceof EmbeddedPostgresStartError && error.portTaken) {
        throw portTaken(embeddedDatabasePort(cfg)!);
      }
      throw error;
    }
  }
  const stopEmbedded = async () => embedded?.stop();
  try {
    const applied = await prepareDatabase(db, { connectionString: cfg.databaseUrl });
    if (applied.length) logger.info("migrations appliquées", { applied });
  } catch (error) {
    await db.end({ timeout: 5 });
    await stopEmbedded();
    throw error;
  }
  return { stopEmbedded };
}

/**
 * What went wrong, in words, whatever was thrown: a value that is not an Error, an Error without
 * message, an AggregateError (each of its errors), and the chain of causes.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    return typeof error === "string" ? error : `valeur levée : ${inspect(error, { depth: 2, breakLength: Infinity })}`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  let text = error.message || (code ? `${error.name} ${code}` : `${error.name} sans message`);
  if (error instanceof AggregateError) {
    for (const inner of error.errors) text += `\n  - ${describeError(inner).replace(/\n/g, "\n    ")}`;
  }
  if (error.cause !== undefined) text += `\n  cause : ${describeError(error.cause).replace(/\n/g, "\n  ")}`;
  return text;
}
