// A port already taken (another program, a second checkout on the same machine) stops the start
// with a French message naming the port and the variable that changes it, a non-zero exit, and
// nothing left running: no embedded PostgreSQL, no half-started portal.
import { spawn } from "node:child_process";
import { access, chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { freePort } from "../../support/ports";

const root = path.resolve(import.meta.dirname, "../../..");
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A listening socket on `host:port`, bound the way PostgreSQL (127.0.0.1) or Express (HOST) would. */
async function occupy(port: number, host: string) {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
}

/** The portal as `npm start` runs it, on the embedded database in a fresh data folder (no DATABASE_URL). */
async function startPortal(env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kits-startup-"));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
  const { DATABASE_URL: _ignored, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...inherited, NODE_ENV: "production", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    exited,
    output: () => output,
    /** Resolves once the output contains `text`. */
    printed: (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      }),
  };
}

type Portal = Awaited<ReturnType<typeof startPortal>>;

/** Processes started with `-D <dataDir>/postgres`: the embedded PostgreSQL of that data folder. */
async function postgresProcessesOf(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = (await readFile(`/proc/${entry}/cmdline`, "utf8")).split("\0");
      if (args.includes(path.join(dataDir, "postgres"))) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** Refused with the French message naming the port and its variable, exit 1, and no PostgreSQL left running. */
async function expectPortRefused(portal: Portal, port: number, use: string, variable: string) {
  expect(await portal.exited).toBe(1);
  expect(portal.output()).toContain(`le port ${port} (${use}) est déjà utilisé`);
  expect(portal.output()).toContain(`Choisissez un autre port avec la variable ${variable}`);
  expect(portal.output()).not.toContain("exception non rattrapée");
  expect(await postgresProcessesOf(portal.dataDir)).toEqual([]);
}

async function exists(file: string) {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe("a port already taken at start", () => {
  test("the embedded PostgreSQL's port: EMBEDDED_PG_PORT is named, nothing starts, the exit is non-zero", { timeout: 120_000 }, async () => {
    const [pgPort, webPort] = [await freePort(), await freePort()];
    await occupy(pgPort, "127.0.0.1");
    const portal = await startPortal({ EMBEDDED_PG_PORT: String(pgPort), PORT: String(webPort) });

    await expectPortRefused(portal, pgPort, "base de données embarquée", "EMBEDDED_PG_PORT");
    expect(portal.output()).not.toContain("undefined");
    // Not even initialised: the check ran before the database.
    expect(await exists(path.join(portal.dataDir, "postgres", "PG_VERSION"))).toBe(false);
  });

  test("the web port: PORT is named before the database starts, the exit is non-zero", { timeout: 120_000 }, async () => {
    const [pgPort, webPort] = [await freePort(), await freePort()];
    // The default HOST, 0.0.0.0, as a second copy of the portal would hold it.
    await occupy(webPort, "0.0.0.0");
    const portal = await startPortal({ EMBEDDED_PG_PORT: String(pgPort), PORT: String(webPort) });

    await expectPortRefused(portal, webPort, "serveur web", "PORT");
    expect(await exists(path.join(portal.dataDir, "postgres", "PG_VERSION"))).toBe(false);
  });

  test("the web port taken once the database has started: the same message, and the database is stopped", { timeout: 180_000 }, async () => {
    const [pgPort, webPort] = [await freePort(), await freePort()];
    const portal = await startPortal({ EMBEDDED_PG_PORT: String(pgPort), PORT: String(webPort), HOST: "127.0.0.1" });
    // Migrations are logged long before the web server listens (the demo accounts are created in between).
    await portal.printed("migrations appliquées");
    expect(await postgresProcessesOf(portal.dataDir)).not.toEqual([]);
    await occupy(webPort, "127.0.0.1");

    await expectPortRefused(portal, webPort, "serveur web", "PORT");
  });
});
