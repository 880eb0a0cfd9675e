// The job worker alone (`server/worker.ts`, what `npm run worker` runs) in a child process, against
// a database the caller provides: for tests where web processes run with WORKER=off.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type WorkerProcess = { stop: () => Promise<void> };

/** Resolves once the worker says it has started (it logs at info level); rejects with its output if it exits first. */
export async function startWorkerProcess(options: { databaseUrl: string; env?: Record<string, string> }): Promise<WorkerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kits-worker-"));
  await chmod(dataDir, 0o755);
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: options.databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: "info", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  // The deadline only tells a hang from a slow machine.
  const started = await new Promise<boolean>((resolve) => {
    const deadline = setTimeout(() => resolve(false), 60_000);
    const onOutput = () => {
      if (!output.includes('"message":"worker démarré"')) return;
      clearTimeout(deadline);
      child.stdout.off("data", onOutput);
      resolve(true);
    };
    child.stdout.on("data", onOutput);
    void exited.then(() => resolve(false));
  });
  if (!started) {
    await stop();
    throw new Error(`le worker n'a pas démarré :\n${output}`);
  }
  return { stop };
}
