// A juror who sits on several contests sees one table of entries per contest, each named by its
// contest (RGAA 5.5: a table's title identifies its content; the scrolling regions' names differ).
import { describe, expect, test } from "vitest";
import { insertMembership } from "~/accounts/users.server";
import { duringReview } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";
import { assign, contestWithAdmin, createJuror, submittedProposal } from "../support/fixtures";

const portal = clockedBrowser(duringReview);

describe("the juror's tables of entries", () => {
  test("are each named by their contest", async () => {
    const { sql } = portal;
    const titles = ["Concours kits 2026 — session de printemps", "Concours kits 2026 — session d'automne"];
    const contests = [];
    for (const title of titles) contests.push(await contestWithAdmin(sql, { title }));
    const juror = await createJuror(sql, contests[0].contest.id);
    // The same person also sits on the second contest's jury.
    await insertMembership({ userId: juror.id, role: "juror", scope: `contest:${contests[1].contest.id}` }, sql);
    await sql`insert into jurors (contest_id, user_id, themes) values (${contests[1].contest.id}, ${juror.id}, ${[]})`;
    for (const { contest, adminId } of contests) {
      const { proposalId } = await submittedProposal(sql, contest.id, { eligibleBy: adminId });
      await assign(sql, proposalId, juror.id, contest.id, adminId);
    }
    const page = await portal.pageAs(juror.id);
    await page.goto(`${portal.server.url}/jury`);
    const captions = await page.locator("main table caption").allTextContents();
    expect(captions.sort()).toEqual(titles.map((title) => `Entrées qui vous sont attribuées — ${title}`).sort());
    await page.context().close();
  });
});
