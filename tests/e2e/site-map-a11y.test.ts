// The site map: the portal's second way to find a page besides the menu (RGAA 12.1), reached
// from every page's footer, each of its links leading to a page that exists.
import { describe, expect, test } from "vitest";
import { seriousAccessibilityViolations } from "../support/browser";
import { duringSubmissions } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";

const portal = clockedBrowser(duringSubmissions);

describe("the site map", () => {
  test("is reached from the footer, accessible, and each of its links leads to a page that exists", async () => {
    const page = await portal.pageAs(null);
    await page.goto(`${portal.server.url}/concours`);
    await page.locator("footer").getByRole("link", { name: "Plan du site", exact: true }).click();
    await page.locator("main h1", { hasText: /^Plan du site$/ }).waitFor();
    expect(await page.title()).toBe("Plan du site — Kits d'inclusion numérique");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const targets = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
    expect(targets).toEqual(expect.arrayContaining(["/", "/concours", "/laureats", "/accessibilite", "/candidat", "/jury", "/admin"]));
    for (const target of targets) {
      // Anonymous: a public page answers, a personal space sends to the login page; none is missing.
      const response = await fetch(portal.server.url + target, { redirect: "manual" });
      expect([200, 302, 303], target).toContain(response.status);
      if (response.status !== 200) expect(new URL(response.headers.get("Location")!, portal.server.url).pathname, target).toBe("/connexion");
    }
    await page.context().close();
  });

  test("has nothing to post to: a hostile body or query gets a 4xx", async () => {
    const url = `${portal.server.url}/plan-du-site?__proto__=1&q=%00`;
    const posted = await fetch(url, {
      method: "POST",
      headers: { Origin: portal.server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "constructor=%00&__proto__=1",
      redirect: "manual",
    });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);
    // A NUL byte in the address is refused; other odd keys are ignored.
    expect((await fetch(url)).status).toBe(400);
    expect((await fetch(`${portal.server.url}/plan-du-site?__proto__=1&constructor=1`)).status).toBe(200);
  });
});
