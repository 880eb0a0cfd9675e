// A photo's description, written by its candidate, is the image's text alternative wherever the
// photo is shown: the candidate's page, the juror's page and the public laureates' page. A link's
// title always contains the link's accessible name (RGAA 6.1.5).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { recordDecision } from "~/results/decisions.server";
import { publishResults } from "~/results/publication.server";
import { sealScores } from "~/results/seal.server";
import { afterReview, duringReview, duringSubmissions } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";
import { addReadyPhoto, assign, contestWithAdmin, createJuror, draftProposal, setReview, submittedProposal } from "../support/fixtures";

const DESCRIPTION = "Une malle ouverte : une tablette, un casque et des fiches plastifiées en gros caractères.";

const portal = clockedBrowser(duringReview);

async function pageOf(userId: number | null, url: string) {
  const page = await portal.pageAs(userId);
  await page.goto(portal.server.url + url);
  return page;
}

/** Links and buttons whose title leaves out their accessible name (text, with images' alternatives). */
function titlesMissingTheirName(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("a[title], button[title]")]
      .map((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        copy.querySelectorAll("img").forEach((img) => img.replaceWith(` ${img.alt} `));
        copy.querySelectorAll("br").forEach((br) => br.replaceWith(" "));
        const name = (element.getAttribute("aria-label") ?? copy.textContent ?? "").replace(/\s+/g, " ").trim();
        return { name, title: element.title.replace(/\s+/g, " ") };
      })
      .filter(({ name, title }) => !title.includes(name)),
  );
}

describe("a photo's description", () => {
  test("is its alt for the candidate, the juror and the public, and each link's title contains its name", async () => {
    const { sql } = portal;
    await portal.setClock(duringReview);
    const { contest, adminId } = await contestWithAdmin(sql);
    const { proposalId, ownerId } = await submittedProposal(sql, contest.id, {
      addFiles: (id) => addReadyPhoto(sql, id, DESCRIPTION),
      eligibleBy: adminId,
    });
    const juror = await createJuror(sql, contest.id);
    await assign(sql, proposalId, juror.id, contest.id, adminId);
    const scores = Object.fromEntries(contest.criteria.map((c) => [String(c.id), 4]));
    await setReview(sql, proposalId, juror.id, "submitted", scores, { at: duringReview });

    const candidate = await pageOf(ownerId, `/candidat/propositions/${proposalId}`);
    await expect(candidate.getByRole("img", { name: DESCRIPTION, exact: true }).count()).resolves.toBe(1);
    expect(await titlesMissingTheirName(candidate)).toEqual([]);

    const jury = await pageOf(juror.id, `/jury/entrees/${proposalId}`);
    await expect(jury.getByRole("img", { name: DESCRIPTION, exact: true }).count()).resolves.toBe(1);
    // The link opening the large copy: named by the description, its title saying where it opens.
    const enlarge = jury.getByRole("link", { name: `${DESCRIPTION} (agrandir)`, exact: true });
    await expect(enlarge.getAttribute("title")).resolves.toBe(`${DESCRIPTION} (agrandir) — nouvelle fenêtre`);
    expect(await titlesMissingTheirName(jury)).toEqual([]);

    await portal.setClock(afterReview);
    await sealScores({ contestId: contest.id, actorId: adminId, now: afterReview }, sql);
    const decision = { outcome: "laureate", motivation: "Complet et accessible.", finalUnitPriceCents: 18_950, finalMonthlyCapacity: 100 } as const;
    await recordDecision({ contestId: contest.id, proposalId, decision, actorId: adminId, now: afterReview }, sql);
    await publishResults({ contestId: contest.id, actorId: adminId, now: afterReview }, sql);

    // Published outside the web process: the page's short cache may hold the empty list a moment.
    const visitor = await pageOf(null, "/laureats");
    await expect
      .poll(async () => (await visitor.reload(), visitor.getByRole("img", { name: DESCRIPTION, exact: true }).count()), { timeout: 30_000 })
      .toBe(1);
    await expect(visitor.getByRole("link", { name: `${DESCRIPTION} (agrandir)`, exact: true }).count()).resolves.toBe(1);
    expect(await titlesMissingTheirName(visitor)).toEqual([]);

    for (const page of [candidate, jury, visitor]) await page.context().close();
  });

  test("missing, gives way to a text that says so, never to a bare file name or a made-up caption", async () => {
    const { sql } = portal;
    await portal.setClock(duringSubmissions);
    // A draft's photo the candidate has not described yet.
    const { ownerId, proposalId } = await draftProposal(sql);
    await addReadyPhoto(sql, proposalId, null);
    const candidate = await pageOf(ownerId, `/candidat/propositions/${proposalId}`);
    await expect(candidate.getByRole("img", { name: "Photo « kit.jpg », sans description", exact: true }).count()).resolves.toBe(1);
    await candidate.context().close();
  });
});
