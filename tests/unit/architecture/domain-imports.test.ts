// The layers of app/ (docs/architecture.md, Domains): infra at the bottom, http and ui on it,
// the domains above, routes on top. Read from the import lines themselves, so a new import that
// breaks the layering or closes a cycle between domains fails here, not in a review.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const appDir = path.resolve("app");
const base = new Set(["infra", "http", "ui"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Folder → folders it imports from (by `~/folder/…` or a relative path leaving the folder). */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of readdirSync(appDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "routes")) {
    const targets = new Set<string>();
    for (const file of sources(path.join(appDir, folder.name))) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        const resolved = specifier.startsWith("~/")
          ? path.join(appDir, specifier.slice(2))
          : specifier.startsWith(".")
            ? path.resolve(path.dirname(file), specifier)
            : null;
        if (!resolved || !resolved.startsWith(appDir + path.sep)) continue;
        const target = path.relative(appDir, resolved).split(path.sep)[0];
        if (target !== folder.name) targets.add(target);
      }
    }
    graph.set(folder.name, targets);
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (trail.includes(next)) found.add([...trail.slice(trail.indexOf(next)), next].join(" → "));
      else visit(next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...found].sort();
}

describe("the layers of app/", () => {
  const graph = importGraph();

  test("infra imports no other folder; http and ui import only infra", () => {
    const below = (folder: string) => [...(graph.get(folder) ?? [])].filter((target) => target !== "infra");
    expect({ infra: [...(graph.get("infra") ?? [])], http: below("http"), ui: below("ui") }).toEqual({ infra: [], http: [], ui: [] });
  });

  test("no import cycle between domains", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("the graph is read (a broken reader would pass the tests above)", () => {
    expect([...graph.keys()].filter((folder) => !base.has(folder)).length).toBeGreaterThan(8);
    expect(graph.get("results")).toContain("contest");
  });
});
