// Forms as a keyboard and screen-reader user meets them: after every failed submit, the same
// errors twice included, focus lands on the error summary, in view — on short forms and on the long
// ones (the proposal, the juror's grid), whose submit button lies thousands of pixels below the
// summary; the mobile menu says whether it is open.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { missingScore } from "~/jury/review-schemas";
import { duringReview, duringSubmissions } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";
import { assign, createJuror, createPerson, draftProposal, juryWorld } from "../support/fixtures";

const portal = clockedBrowser(duringSubmissions);
const viewport = { viewport: { width: 1024, height: 600 } };

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
    const page = await portal.pageAs(null, viewport);
    await page.goto(portal.server.url + path);
    // The second time the page looks the same, so only focus can tell it was refused.
    await failTwiceByKeyboard(page, button);
    await page.context().close();
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

/** A juror's page of an entry assigned to them, in the review phase (criteria « Usage » and « Conception »). */
async function juryEntryPage() {
  await portal.setClock(duringReview);
  const world = await juryWorld(portal.sql, { entryCount: 1, jurorCount: 0 });
  const juror = await createJuror(portal.sql, world.contest.id);
  await assign(portal.sql, world.entries[0].id, juror.id, world.contest.id, world.adminId);
  const page = await portal.pageAs(juror.id, viewport);
  await page.goto(`${portal.server.url}/jury/entrees/${world.entries[0].id}`);
  return page;
}

describe("a failed submit on a long form, by keyboard", () => {
  test("« Déposer cette version » with missing fields puts focus on the summary, in view, each time", async () => {
    await portal.setClock(duringSubmissions);
    const { ownerId, proposalId } = await draftProposal(portal.sql);
    const page = await portal.pageAs(ownerId, viewport);
    await page.goto(`${portal.server.url}/candidat/propositions/${proposalId}`);
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

describe("a failed submit on the distribution's registration forms, by keyboard", () => {
  test.each([
    { path: "/structure/inscription", button: "Inscrire la structure", field: "SIRET" },
    { path: "/fabricant/inscription", button: "Inscrire le fabricant", field: "SIRET" },
  ])("on $path, Enter on the submit button with nothing filled puts focus on the summary, in view, each time", async ({ path, button, field }) => {
    const person = await createPerson(portal.sql);
    const page = await portal.pageAs(person.id, viewport);
    await page.goto(portal.server.url + path);
    await failTwiceByKeyboard(page, button);
    expect(await page.locator("[data-error-summary]").textContent()).toContain(field);
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
    const page = await portal.pageAs(null, { viewport: { width: 375, height: 700 } });
    await page.goto(portal.server.url + "/");
    const menu = page.locator("#bouton-menu");
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
    await menu.click();
    await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 15_000 }).toBe("true");
    await page.locator("#menu-principal .fr-btn--close").click();
    await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 15_000 }).toBe("false");
    await page.context().close();
  });
});
