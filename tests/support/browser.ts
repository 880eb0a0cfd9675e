// Real-browser tests drive the system Chromium (Debian's `chromium`) through playwright-core.
// No browser is ever downloaded; a missing one is a failure, never a skip.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

const require = createRequire(import.meta.url);

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error("Chromium introuvable : installez le paquet Debian « chromium » (apt-get install -y chromium) ou indiquez CHROMIUM_PATH.");
  }
  return found;
}

/** Headless Chromium with the flags this sandbox needs; playwright gives it a fresh profile each time. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core in the page; returns the serious and critical violations (the tests expect none). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() runs outside the page's CSP, which (rightly) refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * A page in a fresh browser context carrying a session cookie ("name=value") for `url`, and the
 * errors it reports (watchScriptErrors).
 */
export async function pageWithSession(
  browser: Browser,
  url: string,
  cookie: string,
  options: { refusedForms?: boolean } = {},
): Promise<{ page: Page; scriptErrors: string[] }> {
  const context = await browser.newContext();
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  return { page, scriptErrors: watchScriptErrors(page, options) };
}

/**
 * The script errors and console errors a page reports from now on (a hydration mismatch among
 * them), for the test to check at the end. With `refusedForms`, the 400 answer of a form the test
 * submits wrong on purpose (which the browser logs) is no error.
 */
export function watchScriptErrors(page: Page, options: { refusedForms?: boolean } = {}): string[] {
  const scriptErrors: string[] = [];
  page.on("pageerror", (error) => scriptErrors.push(error.message));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (options.refusedForms && m.text().includes("status of 400 (Bad Request)")) return;
    scriptErrors.push(m.text());
  });
  return scriptErrors;
}
