import { access, constants, mkdir } from "node:fs/promises";
import { config } from "./config.server";
import { db, pingDatabase } from "./db.server";
import { logger } from "./logger.server";
import { singleton } from "./singleton.server";

export type Health = { status: "ok" | "degraded"; db: "ok" | "down"; storage: "ok" | "down" };

export async function checkStorage(): Promise<boolean> {
  try {
    await mkdir(config().blobDir, { recursive: true });
    await access(config().blobDir, constants.W_OK | constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export async function checkHealth(): Promise<Health> {
  const [dbOk, storageOk] = await Promise.all([pingDatabase(db), checkStorage()]);
  if (dbOk) databaseStatus.markUp();
  return {
    status: dbOk && storageOk ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    storage: storageOk ? "ok" : "down",
  };
}

/**
 * Whether the database is known to be unreachable. Set when a request fails for that reason;
 * a probe then checks every second and clears it as soon as PostgreSQL answers again.
 */
class DatabaseStatus {
  private down = false;
  private probe: NodeJS.Timeout | null = null;

  isDown() {
    return this.down;
  }

  markDown() {
    if (this.down) return;
    this.down = true;
    logger.warn("base de données injoignable : les pages répondent 503 jusqu'à son retour");
    this.probe = setInterval(async () => {
      if (await pingDatabase(db, 1000)) this.markUp();
    }, 1000);
    this.probe.unref();
  }

  markUp() {
    if (!this.down) return;
    this.down = false;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    logger.info("base de données de nouveau joignable");
  }
}

export const databaseStatus = singleton("database-status", () => new DatabaseStatus());
