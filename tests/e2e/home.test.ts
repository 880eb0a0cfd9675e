import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("public pages", () => {
  test("the home page explains the programme, with the DSFR header and footer, and no serious accessibility violation", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(server.url);
    await expect(page.locator("header .fr-header__service-title").textContent()).resolves.toBe("Kits d'inclusion numérique");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Kits d'inclusion numérique");
    for (const href of ["/mentions-legales", "/accessibilite", "/donnees-personnelles"]) {
      expect(await page.locator(`footer a[href="${href}"]`).count()).toBe(1);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);

    // Reloading revalidates the cached page (304): its scripts must still be allowed to run.
    const revalidation = page.waitForRequest((request) => new URL(request.url()).pathname === "/");
    await page.reload();
    expect((await (await revalidation).allHeaders())["if-none-match"]).toMatch(/^W\//);
    await page.waitForFunction(() => document.documentElement.getAttribute("data-fr-js") === "true");
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
