// Forms as a keyboard and screen-reader user meets them: after every failed submit, the same
// errors twice included, focus lands on the error summary, in view — on short forms and on the long
// ones (the proposal, the juror's grid), whose submit button lies thousands of pixels below the
// summary; the mobile menu says whether it is open.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { missingScore } from "~/jury/review-schemas";
import { launchBrowser } from "../support/browser";
import { duringReview, duringSubmissions } from "../support/calendar";
import { assign, createJuror, draftProposal, juryWorld, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let clockFile: string;

beforeAll(async () => {
  clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-e2e-keyboard-")), "now");
  await writeFile(clockFile, duringSubmissions.toISOString());
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile }), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
});
afterAll(async () => {
  await sql?.end();
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
  // The proposal form holds some hundred controls before its last button.
  for (let presses = 0; presses < 300; presses++) {
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
    // The second time the page looks the same, so only focus can tell it was refused.
    await failTwiceByKeyboard(page, button);
    await page.close();
  });
});

/** Submits the same failing form twice by keyboard; each time focus must land on the summary, in view. */
async function failTwiceByKeyboard(page: Page, button: string) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    await tabTo(page, button);
    expect(await focusOnSummaryInView(page)).toBe(false);
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.keyboard.press("Enter");
    await answered;
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);
  }
}

/** A browser page signed in as this person (a session as login leaves it). */
async function signedIn(userId: number) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 600 } });
  const [name, value] = (await sessionCookie(sql, userId)).split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  return context.newPage();
}

/** A juror's page of an entry assigned to them, in the review phase (criteria « Usage » and « Conception »). */
async function juryEntryPage() {
  await writeFile(clockFile, duringReview.toISOString());
  const world = await juryWorld(sql, { entryCount: 1, jurorCount: 0 });
  const juror = await createJuror(sql, world.contest.id);
  await assign(sql, world.entries[0].id, juror.id, world.contest.id, world.adminId);
  const page = await signedIn(juror.id);
  await page.goto(`${server.url}/jury/entrees/${world.entries[0].id}`);
  return page;
}

describe("a failed submit on a long form, by keyboard", () => {
  test("« Déposer cette version » with missing fields puts focus on the summary, in view, each time", async () => {
    await writeFile(clockFile, duringSubmissions.toISOString());
    const { ownerId, proposalId } = await draftProposal(sql);
    const page = await signedIn(ownerId);
    await page.goto(`${server.url}/candidat/propositions/${proposalId}`);
    await failTwiceByKeyboard(page, "Déposer cette version");
    expect(await page.locator("[data-error-summary]").textContent()).toContain("Titre du kit");
    await page.context().close();
  });

  test("« Soumettre » with no scores puts focus on the summary, in view, each time", async () => {
    const page = await juryEntryPage();
    await failTwiceByKeyboard(page, "Soumettre");
    expect(await page.locator("[data-error-summary]").textContent()).toContain("Usage");
    await page.context().close();
  });
});

describe("the juror's grid refused", () => {
  test("announces the summary alone, and each criterion's message is tied to its options and names it", async () => {
    const page = await juryEntryPage();
    await page.getByRole("button", { name: "Soumettre", exact: true }).click();
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);
    // Nothing else speaks up by itself: the summary is read because it takes focus.
    expect(await page.locator('[aria-live="assertive"], [role="alert"]').count()).toBe(0);
    const messages = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLFieldSetElement>("#formulaire-evaluation fieldset")].map((group) => {
        const legend = group.querySelector("legend")!.firstChild!.textContent!.trim();
        const options = [...group.querySelectorAll("input[type=radio]")];
        const described = new Set(options.map((option) => option.getAttribute("aria-describedby")));
        const [id] = described;
        return {
          legend,
          everyOptionDescribed: options.length > 0 && described.size === 1 && id !== null,
          message: id ? document.getElementById(id)?.textContent : null,
        };
      }),
    );
    expect(messages.map((m) => m.legend)).toEqual(["Usage", "Conception"]);
    for (const { legend, everyOptionDescribed, message } of messages) {
      expect(everyOptionDescribed).toBe(true);
      expect(message).toBe(`${legend} : ${missingScore}`);
    }
    await page.context().close();
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
