// npx tsx tests/bench/profile.ts [path|minimal] [role] — a CPU profile (node --cpu-prof) of the web process while
// autocannon loads one signed-in page at 50 connections, summarised as the top self-time entries
// and the share of each package. Only the samples taken during the load are counted (not start-up,
// not shutdown). The raw .cpuprofile is kept for Chrome DevTools; its path is printed.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { startDemoPortal, type DemoPortal } from "./demo-portal";
import { startMinimalRemix } from "./minimal-remix-server";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const CONNECTIONS = 50;
const DURATION_S = 10;

async function main() {
  const [page = "/candidat", role = "designer"] = process.argv.slice(2);
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-profile-"));
  const nodeArgs = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  let server: { url: string; headers: Record<string, string>; stop: () => Promise<void>; cleanUp: () => Promise<void> };
  if (page === "minimal") {
    const minimal = await startMinimalRemix({ nodeArgs });
    server = { url: minimal.url, headers: {}, stop: minimal.stop, cleanUp: async () => {} };
  } else {
    const portal = await startDemoPortal({ nodeArgs });
    const cookie = portal.cookies[role as keyof DemoPortal["cookies"]];
    if (!cookie) throw new Error(`rôle inconnu : ${role} (designer, juror ou admin)`);
    server = { url: `${portal.app.url}${page}`, headers: { Cookie: cookie }, stop: portal.app.stop, cleanUp: portal.stop };
  }
  let loadStart: number;
  let loadEnd: number;
  let exitAt: number;
  try {
    const check = await fetch(server.url, { headers: server.headers, redirect: "manual" });
    if (check.status !== 200) throw new Error(`${page} répond ${check.status}`);
    await autocannon({ url: server.url, connections: CONNECTIONS, duration: 2, headers: server.headers });
    loadStart = performance.now();
    const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, headers: server.headers });
    loadEnd = performance.now();
    console.log(
      `${page} (${role}) : ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
    );
  } finally {
    await server.stop();
    exitAt = performance.now();
    await server.cleanUp();
  }
  const { file, profile } = await readMainProfile(dir);
  // The profile ends at the process's exit: count back from there to the load's window.
  const windowEnd = profile.endTime - (exitAt - loadEnd) * 1000;
  const windowStart = profile.endTime - (exitAt - loadStart) * 1000;
  summarise(profile, windowStart, windowEnd);
  console.log(`\nProfil brut : ${file}`);
}

/** Prints the top functions and packages of the samples taken between `from` and `to` (profile µs; all by default). */
export function summarise(profile: CpuProfile, from = profile.startTime, to = profile.endTime) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < from || at > to) return;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const key = label(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + delta);
    // Each function once per sample, however deep the recursion.
    const onStack = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) onStack.add(label(byId.get(node)!));
    for (const frame of onStack) inclusive.set(frame, (inclusive.get(frame) ?? 0) + delta);
    const { functionName, url } = byId.get(id)!.callFrame;
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + delta);
    total += delta;
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  console.log(`\nFenêtre de charge : ${(total / 1e6).toFixed(1)} s échantillonnées.`);
  console.log("\nTemps propre par fonction (les 25 premières) :");
  console.log(top(self, 25).join("\n"));
  console.log("\nTemps inclusif par fonction nommée (les 40 premières) :");
  const named = new Map([...inclusive].filter(([key]) => !key.startsWith("(")));
  console.log(top(named, 40).join("\n"));
  console.log("\nTemps propre par paquet :");
  console.log(top(packages, 15).join("\n"));
}

function label({ callFrame: { functionName, url, lineNumber } }: ProfileNode) {
  const where = url ? `${shorten(url)}:${lineNumber + 1}` : "";
  return `${functionName || "(anonyme)"} ${where}`.trim();
}

function shorten(url: string) {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/(build|app|server)\//, "$1/");
}

function packageOf(url: string, functionName: string) {
  if (!url) return functionName.startsWith("(") ? functionName : "(natif)";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith("node:")) return "node (noyau)";
  return "portail";
}

/** The main thread's profile written in `dir` (tsx's loader thread writes its own, with a higher thread number). */
export async function readMainProfile(dir: string) {
  const [file] = (await readdir(dir)).filter((name) => name.endsWith(".cpuprofile")).sort();
  return { file: path.join(dir, file), profile: JSON.parse(await readFile(path.join(dir, file), "utf8")) as CpuProfile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
