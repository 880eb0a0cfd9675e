// Criterion weights read the same on /concours, in the admin's form and in the deliberation, over
// HTTP against the built portal (run `npx remix build` first).
import { describe, expect, test } from "vitest";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { createContest } from "~/contest/contests.server";
import { weightedMean } from "~/results/scoring";
import { portalForThisFile } from "../../support/portal";
import { PortalClient } from "../accounts/http-client";
import { contestInput, createAccount } from "../../support/fixtures";

const portal = portalForThisFile();

const labels = ["Pertinence pédagogique", "Accessibilité", "Sobriété"];

async function contestWeighted(slug: string, weights: string[]) {
  const admin = await createAccount(portal.sql, { roles: ["admin"] });
  return createContest(
    contestInput({ slug, criterionLabel: labels, criterionDescription: ["", "", ""], criterionWeight: weights }),
    admin.id,
    portal.sql,
  );
}

/** The share /concours shows for each criterion, in the criteria's order. */
async function publishedShares() {
  const html = await (await new PortalClient(portal.server.url).get("/concours")).text();
  return labels.map((label) => {
    const row = html.match(new RegExp(`<td>${label}</td><td>[^<]*</td><td>(\\d+) %</td>`));
    expect(row, label).not.toBeNull();
    return Number(row![1]);
  });
}

describe("criterion weights are relative, and every page reads them alike", () => {
  test("weights adding to 160: /concours shows the shares the deliberation computes with", async () => {
    const contest = await contestWeighted("poids-160", ["90", "50", "20"]);
    const shares = await publishedShares();
    expect(shares).toEqual([56, 31, 13]);

    // A review giving 5 to one criterion and 0 to the others totals what that criterion's share says
    // (to the rounding of a whole percent; read as raw percentages, 90 would give 4.5 instead of 2.81).
    const criteria = contest.criteria.map((c) => ({ id: String(c.id), weight: c.weight }));
    criteria.forEach((criterion, i) => {
      const scores = Object.fromEntries(criteria.map((c) => [c.id, c.id === criterion.id ? 5 : 0]));
      expect(Math.abs(weightedMean(criteria, scores)! - (5 * shares[i]) / 100)).toBeLessThan(0.05);
    });
  });

  test("the admin's form shows each weight's share beside it", async () => {
    const contest = await contestWeighted("poids-formulaire", ["90", "50", "20"]);
    const secret = newTotpSecret();
    const admin = await createAccount(portal.sql, { roles: ["admin"], totpSecret: secret });
    const client = new PortalClient(portal.server.url);
    await client.post("/connexion", { email: admin.email, password: admin.password });
    expect((await client.post("/connexion/code", { code: totpCode(secret) })).status).toBe(302);
    const html = await (await client.get(`/admin/concours/${contest.slug}`)).text();
    expect(html).toContain("Les poids sont relatifs");
    for (const share of [56, 31, 13]) expect(html).toContain(`${share} % de la note`);
  });
});
