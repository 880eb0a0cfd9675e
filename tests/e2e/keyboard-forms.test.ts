// Forms as a keyboard and screen-reader user meets them: after every failed submit, the same
// errors twice included, focus lands on the error summary, in view; the mobile menu says whether
// it is open.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser";
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

/** Whether the focused element is the error summary and lies within the viewport. */
function focusOnSummaryInView(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || !focused.hasAttribute("data-error-summary")) return false;
    // Its top edge within the viewport (focus may leave it half a pixel above).
    const top = Math.round(focused.getBoundingClientRect().top);
    return top >= 0 && top < window.innerHeight;
  });
}

/** Presses Tab until the submit button named `name` has focus (a header link may share its name). */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element instanceof HTMLButtonElement && element.type === "submit" ? element.textContent?.trim() : null;
    });
    if (focused === name) return;
  }
  throw new Error(`« ${name} » never received focus by Tab`);
}

describe("a failed submit, by keyboard", () => {
  test.each([
    { path: "/inscription", button: "Créer mon compte" },
    { path: "/connexion", button: "Se connecter" },
  ])("on $path, Enter with errors puts focus on the summary, and again on the same errors", async ({ path, button }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 600 } });
    await page.goto(server.url + path);
    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await page.locator("[data-error-summary]").waitFor();
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);

    // The same mistake again: the page looks the same, so only focus can tell it was refused.
    await tabTo(page, button);
    expect(await focusOnSummaryInView(page)).toBe(false);
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.keyboard.press("Enter");
    await answered;
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);
    await page.close();
  });
});

describe("the mobile menu", () => {
  test("its button says whether the menu is open", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
    await page.goto(server.url + "/");
    const menu = page.locator("#bouton-menu");
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
    await menu.click();
    await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 15_000 }).toBe("true");
    await page.locator("#menu-principal .fr-btn--close").click();
    await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 15_000 }).toBe("false");
    await page.close();
  });
});
