import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, seriousAccessibilityViolations, watchScriptErrors } from "../support/browser";
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

  test("the header's and footer's links open pages without reloading the document, and the menu marks the page shown", async () => {
    const page = await browser.newPage();
    const errors = watchScriptErrors(page);
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.getAttribute("data-fr-js") === "true");
    const current = page.locator('#navigation-principale a[aria-current="page"]');
    await expect(current.getAttribute("href")).resolves.toBe("/");
    // A document loaded again would lose this mark.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.locator('#navigation-principale a[href="/concours"]').click();
    await page.waitForURL(new URL("/concours", server.url).href);
    await expect.poll(() => current.getAttribute("href")).toBe("/concours");
    await page.locator('footer a[href="/mentions-legales"]').click();
    await page.getByRole("heading", { level: 1, name: "Mentions légales" }).waitFor();
    await expect.poll(() => current.count()).toBe(0);
    await page.locator('header a[href="/connexion"]').first().click();
    await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // A hydration mismatch of the header or footer would be reported here.
    expect(errors).toEqual([]);
  });
});
