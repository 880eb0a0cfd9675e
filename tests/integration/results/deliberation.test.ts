import { describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { loadDeliberation, loadEntryDeliberation } from "~/results/deliberation.server";
import { sealScores } from "~/results/seal.server";
import { handWorkedReviews, juryWorld, review } from "../../support/fixtures";
import { afterReview, duringReview } from "../../support/calendar";

const SQRT1_2 = Math.SQRT1_2;

describe("the deliberation, from the sealed snapshot", () => {
  test("before the seal there is nothing to rank; during the review the seal is not offered", async () => {
    const world = await juryWorld(db);
    await handWorkedReviews(db, world);
    const during = await loadDeliberation(world.contest, duringReview);
    expect(during).toMatchObject({ phase: "review", seal: null, canSeal: false, canDecide: false, canPublish: false });
    const after = await loadDeliberation(world.contest, afterReview);
    expect(after).toMatchObject({ phase: "deliberation", seal: null, canSeal: true, canDecide: false });
  });

  test("ranking, normalised scores, disagreement, jurors' severity and alpha match the hand-worked example", async () => {
    const world = await juryWorld(db);
    await handWorkedReviews(db, world);
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    // A change made behind the seal's back (the trigger aside) would not move a figure: the deliberation reads the snapshot.
    await db`alter table reviews disable trigger reviews_sealed`;
    await db`update reviews set scores = ${db.json({ [world.usage]: 0, [world.design]: 0 })}`;
    await db`alter table reviews enable trigger reviews_sealed`;

    const view = await loadDeliberation(world.contest, afterReview);
    const seal = view.seal!;
    const [e1, e2, e3] = world.entries;
    const [a, b] = world.jurors;

    expect(seal.ranking.map((e) => [e.rank, e.proposalId, e.title, e.candidateName])).toEqual([
      [1, e2.id, e2.title, "Candidat 2"],
      [2, e1.id, e1.title, "Candidat 1"],
      [3, e3.id, e3.title, "Candidat 3"],
    ]);
    const [first, second, third] = seal.ranking;
    expect(first.rawMean).toBeCloseTo(4, 12);
    expect(first.normalisedZ).toBeCloseTo((1 + SQRT1_2) / 2, 12);
    expect(first.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(first).toMatchObject({ reviewCount: 2, disagreement: true });
    expect(first.criterionMeans).toEqual({ [world.usage]: 4, [world.design]: 4 });
    expect(second.rawMean).toBeCloseTo(2, 12);
    expect(second.normalisedZ).toBeCloseTo(-SQRT1_2 / 2, 12);
    expect(second.range).toBeCloseTo(2, 12);
    expect(second).toMatchObject({ reviewCount: 2, disagreement: true });
    expect(second.criterionMeans).toEqual({ [world.usage]: 2.5, [world.design]: 1 });
    expect(third.rawMean).toBeCloseTo(1, 12);
    expect(third.normalisedZ).toBeCloseTo(-1, 12);
    expect(third).toMatchObject({ reviewCount: 1, sd: null, disagreement: false });
    // Normalised, read back on 0–5: panel mean 13/5 = 2.6 + z̄ × panel sd √(11.2/4).
    const panelSd = Math.sqrt(2.8);
    expect(seal.panel.mean).toBeCloseTo(2.6, 12);
    expect(seal.panel.sd).toBeCloseTo(panelSd, 12);
    expect(first.normalised).toBeCloseTo(2.6 + ((1 + SQRT1_2) / 2) * panelSd, 12);

    expect(seal.jurors.map((j) => [j.userId, j.name, j.count])).toEqual([
      [a, "Juré 1", 3],
      [b, "Juré 2", 2],
    ]);
    expect(seal.jurors[0].mean).toBeCloseTo(3, 12);
    expect(seal.jurors[0].sd).toBeCloseTo(2, 12);
    expect(seal.jurors[0].severity).toBeCloseTo(2, 12);
    expect(seal.jurors[1].mean).toBeCloseTo(2, 12);
    expect(seal.jurors[1].sd).toBeCloseTo(Math.SQRT2, 12);
    expect(seal.jurors[1].severity).toBeCloseTo(-2, 12);

    expect(seal.agreement.alpha).toBeCloseTo(0.25, 12);
    expect(seal.agreement).toMatchObject({ level: "weak", pairableUnits: 2, pairableValues: 4 });
    expect(seal.agreement.interpretation).toMatch(/^α = 0,250 : accord faible/);
    expect(view).toMatchObject({ canSeal: false, canDecide: true, canPublish: false, decidedCount: 0 });
    expect(view.undecided.map((u) => u.proposalId)).toEqual([e1.id, e2.id, e3.id]);
  });

  test("an entry's sealed reviews, with their totals, z-scores and comments, for the decision page", async () => {
    const world = await juryWorld(db);
    await handWorkedReviews(db, world);
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    const { entry, reviews } = await loadEntryDeliberation(world.contest, world.entries[0].id, afterReview);
    expect(entry?.rank).toBe(2);
    expect(reviews).toEqual([
      {
        jurorName: "Juré 1",
        total: 3,
        z: 0,
        scores: { [world.usage]: 4, [world.design]: 1 },
        commentForAdmins: "",
        commentForCandidate: "Une belle idée, à simplifier.",
      },
      {
        jurorName: "Juré 2",
        total: 1,
        z: expect.closeTo(-SQRT1_2, 12),
        scores: { [world.usage]: 1, [world.design]: 1 },
        commentForAdmins: "",
        commentForCandidate: "",
      },
    ]);
  });

  test("an eligible entry nobody reviewed is still ranked, last", async () => {
    const world = await juryWorld(db, { entryCount: 2, jurorCount: 1 });
    await review(db, world, { juror: world.jurors[0], entry: world.entries[1].id, scores: { [world.usage]: 2, [world.design]: 2 } });
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    const seal = (await loadDeliberation(world.contest, afterReview)).seal!;
    expect(seal.ranking.map((e) => [e.proposalId, e.reviewCount, e.rawMean])).toEqual([
      [world.entries[1].id, 1, 2],
      [world.entries[0].id, 0, null],
    ]);
    expect(seal.agreement.alpha).toBeNull();
    expect(seal.agreement.interpretation).toMatch(/non calculable/);
  });
});
