// Builds and serves the minimal Remix app (tests/bench/minimal-remix) in its own process, so the
// portal's pages can be compared with the framework's own floor in the same run.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../support/ports";

const root = path.resolve(import.meta.dirname, "../..");
const project = path.join(import.meta.dirname, "minimal-remix");

export async function startMinimalRemix(options: { nodeArgs?: string[] } = {}) {
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build", project], { cwd: root, stdio: "ignore" });
  const port = await freePort();
  const script = `
    import express from "express";
    import { createRequestHandler } from "@remix-run/express";
    const build = await import(${JSON.stringify(path.join(project, "build/index.js"))});
    const app = express();
    app.all("*", createRequestHandler({ build, mode: "production" }));
    app.listen(${port}, "127.0.0.1", () => console.log("prêt"));
    process.on("SIGINT", () => process.exit(0));`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid!,
    /** Resolves once the process has ended (and written its CPU profile, if asked for). */
    async stop() {
      child.kill("SIGINT");
      await exited;
    },
  };
}
