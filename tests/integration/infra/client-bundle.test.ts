// The browser bundle never calls server-only code. Remix empties `.server` modules in the browser,
// and drops `export const loader/action = withDomainErrors(…)/formAction(…)` only when the call is
// marked /* @__PURE__ */: without the mark the call stays, finds an empty module, and the page's
// script stops before hydrating (links and forms then fall back to full page loads, or do nothing).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const buildDir = path.resolve("public/build");

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? scripts(path.join(dir, entry.name)) : entry.name.endsWith(".js") ? [path.join(dir, entry.name)] : [],
  );
}

describe("the browser bundle (run `npx remix build` first)", () => {
  test("no route's script calls the server-side answer wrappers", () => {
    const files = scripts(buildDir);
    expect(files.length).toBeGreaterThan(20);
    const calling = files.filter((file) => /\(0,\s*[\w$]+\.(formAction|withDomainErrors)\)/.test(readFileSync(file, "utf8")));
    expect(calling.map((file) => path.relative(buildDir, file))).toEqual([]);
  });
});
