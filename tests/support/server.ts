// Starts the built portal in a child process, on a free port, against its own fresh database.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
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

export async function startTestServer(pgAdminUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase(pgAdminUrl);
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kits-e2e-"));
  await chmod(dataDir, 0o755);
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur de test s'est arrêté :\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`le serveur de test ne répond pas :\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    databaseUrl: database.url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
