// npx tsx tests/bench/in-process.ts [rounds] — the CPU time one page costs inside Remix, without HTTP:
// the built portal's and the minimal Remix app's request handlers called in this process, one
// request after another, each body read to its end. No queueing, no sockets, no neighbour's
// scheduling: the figure to compare when the machine is shared. Prints ms of CPU per request.
// Each round runs, each in a new process, one after the other so under the same load: the minimal
// page (router as published), then the portal's pages with @remix-run/router as the portal loads it
// (matching caches, server/route-matching-cache.ts), then as published.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { startDemoPortal, type DemoPortal } from "./demo-portal";

const root = path.resolve(import.meta.dirname, "../..");
const minimalProject = path.join(import.meta.dirname, "minimal-remix");
// V8 keeps optimising for a few thousand requests: after 200 the minimal page still cost three times
// its settled figure (1.5–1.9 ms against 0.5), which made every ratio flatter the portal.
const WARMUP_REQUESTS = 2_000;
const MEASURED_REQUESTS = 1_000;

const pages: { path: string; who: keyof DemoPortal["cookies"] }[] = [
  { path: "/", who: "designer" },
  { path: "/candidat", who: "designer" },
  { path: "/jury", who: "juror" },
  { path: "/admin/utilisateurs", who: "admin" },
  { path: "/admin/concours", who: "admin" },
];

type Handler = (request: Request) => Promise<Response>;

/** CPU ms (user + system) per request over MEASURED_REQUESTS requests, after WARMUP_REQUESTS. */
async function cpuPerRequest(handle: Handler, url: string, headers: Record<string, string>) {
  const once = async () => {
    const response = await handle(new Request(url, { headers }));
    if (response.status !== 200) throw new Error(`${url} répond ${response.status}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < WARMUP_REQUESTS; i++) await once();
  const before = process.cpuUsage();
  for (let i = 0; i < MEASURED_REQUESTS; i++) await once();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000 / MEASURED_REQUESTS;
}

type Variant = "minimale" | "caches" | "publié";

/**
 * In a child process, so that every module reads the portal's configuration from its environment
 * at first use: the minimal page (its own process, the router as published, as in the HTTP bench),
 * or the portal's pages with the router as the portal loads it ("caches") or as published.
 * Prints the figures as one JSON line.
 */
async function measure(variant: Variant, cookies: DemoPortal["cookies"]) {
  // Before anything loads the router.
  if (variant === "caches") await import("../../server/route-matching-cache");
  const { createRequestHandler } = await import("@remix-run/node");
  if (variant === "minimale") {
    const minimalBuild = (await import(pathToFileURL(path.join(minimalProject, "build/index.js")).href)) as ServerBuild;
    const ms = await cpuPerRequest(createRequestHandler(minimalBuild, "production"), "http://127.0.0.1/", {});
    return console.log(JSON.stringify([ms]));
  }
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const { withOneSessionLookup } = await import("../../app/accounts/permissions.server");
  const portalHandler = createRequestHandler(build, "production");
  const handle: Handler = (request) => withOneSessionLookup(() => portalHandler(request, { cspNonce: "bench", clientIp: "127.0.0.1" }));
  const figures: number[] = [];
  for (const page of pages) figures.push(await cpuPerRequest(handle, `http://127.0.0.1${page.path}`, { Cookie: cookies[page.who] }));
  console.log(JSON.stringify(figures));
}

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  if (process.env.IN_PROCESS_COOKIES) return measure(process.argv[2] as Variant, JSON.parse(process.env.IN_PROCESS_COOKIES) as DemoPortal["cookies"]);
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], { cwd: root, stdio: "ignore" });
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build", minimalProject], {
    cwd: root,
    stdio: "ignore",
  });
  const portal = await startDemoPortal();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kits-in-process-"));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: portal.pg.url,
      PUBLIC_URL: "http://127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      IN_PROCESS_COOKIES: JSON.stringify(portal.cookies),
    };
    const run = (variant: Variant) =>
      JSON.parse(
        execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, variant], { cwd: root, env, encoding: "utf8" }),
      ) as number[];
    console.log(`ms CPU/requête (× la page minimale) : ${pages.map((page) => page.path).join(" · ")}`);
    for (let round = 1; round <= rounds; round++) {
      const [floor] = run("minimale");
      console.log(`tour ${round}/${rounds} — page minimale ${floor.toFixed(2)}`);
      for (const variant of ["caches", "publié"] as const) {
        const cells = run(variant).map((ms) => `${ms.toFixed(2)} (${(floor / ms).toFixed(2)}×)`);
        console.log(`  routeur ${variant.padEnd(7)} ${cells.join(" · ")}`);
      }
    }
  } finally {
    await portal.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
