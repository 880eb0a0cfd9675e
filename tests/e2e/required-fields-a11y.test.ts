// Required fields are said once per form, as the DSFR does (« Tous les champs sont obligatoires sauf
// mention contraire »), and each optional field says « (facultatif) » in its label (RGAA 11.10).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { duringReview, duringSubmissions } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";
import { assign, contestWithAdmin, createAccount, createJuror, createPerson, draftProposal, juryWorld } from "../support/fixtures";

const portal = clockedBrowser(duringSubmissions);

/** For each form in the page's main content: how many times it says which fields are required. */
function requiredNotesPerForm(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main form")]
      .filter((form) => form.querySelector("input:not([type=hidden]), textarea, select"))
      .map((form) => [...form.querySelectorAll("p")].filter((p) => /^Tous les champs sont obligatoires/.test(p.textContent ?? "")).length),
  );
}

async function visit(userId: number | null, url: string) {
  const page = await portal.pageAs(userId);
  await page.goto(portal.server.url + url);
  return page;
}

describe("required fields", () => {
  test("the account forms say it once each", async () => {
    const signedIn = await createAccount(portal.sql);
    for (const [who, url] of [
      [null, "/inscription"],
      [null, "/connexion"],
      [null, "/mot-de-passe-oublie"],
      [signedIn.id, "/compte/mot-de-passe"],
      [signedIn.id, "/compte/double-authentification"],
    ] as const) {
      const page = await visit(who, url);
      expect(await requiredNotesPerForm(page), url).toEqual([1]);
      await page.context().close();
    }
  });

  test("the proposal form says it once, for submission, and marks its optional fields", async () => {
    await portal.setClock(duringSubmissions);
    const { ownerId, proposalId } = await draftProposal(portal.sql);
    const page = await visit(ownerId, `/candidat/propositions/${proposalId}`);
    const proposal = page.locator("#formulaire-proposition");
    await expect(proposal.getByText(/^Tous les champs sont obligatoires pour déposer la proposition, sauf mention contraire/).count()).resolves.toBe(
      1,
    );
    for (const label of ["Nom de l'organisation (facultatif)", "Élément 1 : à quoi il sert (facultatif)", "Personne 1 : rôle (facultatif)"]) {
      await expect(page.getByLabel(label, { exact: true }).count(), label).resolves.toBe(1);
    }
    await page.context().close();
  });

  test("the juror's grid says it once, for submission, and marks its optional comments", async () => {
    await portal.setClock(duringReview);
    const world = await juryWorld(portal.sql, { entryCount: 1, jurorCount: 0 });
    const juror = await createJuror(portal.sql, world.contest.id);
    await assign(portal.sql, world.entries[0].id, juror.id, world.contest.id, world.adminId);
    const page = await visit(juror.id, `/jury/entrees/${world.entries[0].id}`);
    const grid = page.locator("#formulaire-evaluation");
    await expect(grid.getByText(/^Tous les champs sont obligatoires pour soumettre, sauf mention contraire/).count()).resolves.toBe(1);
    for (const label of ["Commentaire pour les gestionnaires du programme (facultatif)", "Commentaire pour le candidat (facultatif)"]) {
      await expect(page.getByLabel(label).count(), label).resolves.toBe(1);
    }
    await page.context().close();
  });

  test("the admin's contest and invitation forms say it once each, and mark their optional fields", async () => {
    await portal.setClock(duringSubmissions);
    const admin = await createPerson(portal.sql, { roles: ["admin"], totp: true });
    const { contest } = await contestWithAdmin(portal.sql);
    for (const url of ["/admin/concours/nouveau", `/admin/concours/${contest.slug}`, `/admin/concours/${contest.slug}/jury`]) {
      const page = await visit(admin.id, url);
      const notes = await requiredNotesPerForm(page);
      // Filters and per-juror settings hold optional fields only: they need not say it.
      expect(notes.filter((count) => count === 1).length, url).toBeGreaterThan(0);
      expect(
        notes.every((count) => count <= 1),
        url,
      ).toBe(true);
      if (url.endsWith("nouveau")) {
        // A label's hint is part of its name: the name starts with the label.
        for (const label of [/^Règlement \(facultatif\)/, /^Critère 1 : description \(facultatif\)/]) {
          await expect(page.getByLabel(label).count(), String(label)).resolves.toBe(1);
        }
      }
      await page.context().close();
    }
  });
});
