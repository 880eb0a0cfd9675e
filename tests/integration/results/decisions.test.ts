import { describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { decisionSchema, type DecisionInput } from "~/results/decision-schemas";
import { DecisionEntryNotFound, DecisionRefused, findDecisionEntry, recordDecision } from "~/results/decisions.server";
import { loadDeliberation } from "~/results/deliberation.server";
import { publishResults } from "~/results/publication.server";
import { sealScores } from "~/results/seal.server";
import { handWorkedReviews, juryWorld } from "../../support/fixtures";
import { afterReview } from "../../support/calendar";

const laureate: DecisionInput = {
  outcome: "laureate",
  motivation: "Un kit complet, simple à animer et accessible.",
  finalUnitPriceCents: 18_950,
  finalMonthlyCapacity: 250,
};
const notRetained: DecisionInput = {
  outcome: "not_retained",
  motivation: "Le kit demande une formation trop longue.",
  finalUnitPriceCents: null,
  finalMonthlyCapacity: null,
};

async function sealedWorld() {
  const world = await juryWorld(db);
  await handWorkedReviews(db, world);
  await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
  return world;
}

describe("the decision form", () => {
  test("a laureate needs a motivation, a final price and a monthly capacity; every problem is listed at once", () => {
    const empty = decisionSchema.safeParse({ outcome: "laureate" });
    expect(empty.success).toBe(false);
    const messages = Object.fromEntries(empty.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      motivation: "Rédigez la motivation que lira le candidat (10 caractères au moins).",
      finalUnitPrice: "Confirmez le prix unitaire final du kit lauréat, par exemple 189,50.",
      finalMonthlyCapacity: "Confirmez la capacité de production mensuelle du kit lauréat (nombre de kits par mois).",
    });
    const bad = decisionSchema.safeParse({
      outcome: "laureate",
      motivation: "Très bon kit, bravo.",
      finalUnitPrice: "12,345",
      finalMonthlyCapacity: "2,5",
    });
    const badMessages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(badMessages.finalUnitPrice).toMatch(/au plus deux chiffres après la virgule/);
    expect(badMessages.finalMonthlyCapacity).toMatch(/nombre entier de kits entre 1 et 1\s000\s000/);
    expect(
      decisionSchema.safeParse({ outcome: "laureate", motivation: "Très bon kit, bravo.", finalUnitPrice: "0", finalMonthlyCapacity: "10" }).error
        ?.issues[0].message,
    ).toBe("Le prix unitaire final doit être supérieur à zéro.");
    expect(decisionSchema.safeParse({ motivation: "Très bon kit, bravo." }).error?.issues[0]).toMatchObject({
      path: ["outcome"],
      message: "Choisissez « lauréat » ou « non retenu ».",
    });
  });

  test("French amounts and capacities are read as typed; a decision not to retain ignores them", () => {
    expect(
      decisionSchema.parse({
        outcome: "laureate",
        motivation: "  Très bon kit, bravo.  ",
        finalUnitPrice: "1 234,50 €",
        finalMonthlyCapacity: "1 200",
      }),
    ).toEqual({
      outcome: "laureate",
      motivation: "Très bon kit, bravo.",
      finalUnitPriceCents: 123_450,
      finalMonthlyCapacity: 1200,
    });
    expect(decisionSchema.parse({ outcome: "not_retained", motivation: "Pas assez accessible.", finalUnitPrice: "n'importe quoi" })).toEqual({
      outcome: "not_retained",
      motivation: "Pas assez accessible.",
      finalUnitPriceCents: null,
      finalMonthlyCapacity: null,
    });
  });
});

describe("recording decisions", () => {
  test("refused before the seal: decisions are taken on the sealed scores", async () => {
    const world = await juryWorld(db);
    const error = await recordDecision({
      contestId: world.contest.id,
      proposalId: world.entries[0].id,
      decision: laureate,
      actorId: world.adminId,
      now: afterReview,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DecisionRefused);
    expect(error.message).toMatch(/Scellez d'abord les notes/);
    expect(await db`select 1 from decisions`).toHaveLength(0);
  });

  test("recorded, audited, and editable until publication", async () => {
    const world = await sealedWorld();
    const [e1, e2] = world.entries;
    await recordDecision({ contestId: world.contest.id, proposalId: e1.id, decision: laureate, actorId: world.adminId, now: afterReview });
    const entry = await findDecisionEntry(world.contest.id, e1.id);
    expect(entry.decision).toMatchObject({
      outcome: "laureate",
      motivation: laureate.motivation,
      finalUnitPriceCents: 18_950,
      finalMonthlyCapacity: 250,
      decidedByName: "Gestionnaire",
    });
    expect(entry.fields.unitPrice).toBe(10_000); // what the candidate estimated, shown beside

    // Changed: the row is replaced, the audit log keeps both.
    await recordDecision({ contestId: world.contest.id, proposalId: e1.id, decision: notRetained, actorId: world.adminId, now: afterReview });
    expect((await findDecisionEntry(world.contest.id, e1.id)).decision).toMatchObject({
      outcome: "not_retained",
      finalUnitPriceCents: null,
      finalMonthlyCapacity: null,
    });
    const audit = await db<{ action: string; data: Record<string, unknown> }[]>`
      select action, data from audit_log where subject = ${`proposal:${e1.id}`} and action like 'decision.%' order by id`;
    expect(audit).toEqual([
      {
        action: "decision.recorded",
        data: {
          contestId: world.contest.id,
          outcome: "laureate",
          motivation: laureate.motivation,
          finalUnitPriceCents: 18_950,
          finalMonthlyCapacity: 250,
        },
      },
      {
        action: "decision.changed",
        data: { contestId: world.contest.id, outcome: "not_retained", previousOutcome: "laureate", motivation: notRetained.motivation },
      },
    ]);

    await recordDecision({ contestId: world.contest.id, proposalId: e2.id, decision: laureate, actorId: world.adminId, now: afterReview });
    await recordDecision({
      contestId: world.contest.id,
      proposalId: world.entries[2].id,
      decision: notRetained,
      actorId: world.adminId,
      now: afterReview,
    });
    expect((await loadDeliberation(world.contest, afterReview)).canPublish).toBe(true);
    await publishResults({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });

    const late = await recordDecision({
      contestId: world.contest.id,
      proposalId: e1.id,
      decision: laureate,
      actorId: world.adminId,
      now: afterReview,
    }).catch((e) => e);
    expect(late).toBeInstanceOf(DecisionRefused);
    expect(late.message).toBe("Les résultats sont publiés : les décisions ne se modifient plus.");
    // The database holds it too, whatever the code does.
    await expect(db`update decisions set motivation = 'Changée après coup.' where proposal_id = ${e1.id}`).rejects.toThrow(
      /decisions no longer change/,
    );
    await expect(db`delete from decisions where proposal_id = ${e1.id}`).rejects.toThrow(/decisions no longer change/);
  });

  test("a laureate without a final price or capacity is refused by the database itself", async () => {
    const world = await sealedWorld();
    await expect(
      db`insert into decisions (proposal_id, contest_id, outcome, motivation) values (${world.entries[0].id}, ${world.contest.id}, 'laureate', 'Un très bon kit.')`,
    ).rejects.toMatchObject({ code: "23514" });
  });

  test("only eligible entries of this contest can be decided on", async () => {
    const world = await juryWorld(db, { entryCount: 1, ineligible: 1 });
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    const [ineligible] = await db<{ id: number }[]>`select id from proposals where contest_id = ${world.contest.id} and status = 'ineligible'`;
    for (const proposalId of [ineligible.id, 999_999]) {
      const error = await recordDecision({
        contestId: world.contest.id,
        proposalId,
        decision: notRetained,
        actorId: world.adminId,
        now: afterReview,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(DecisionEntryNotFound);
    }
    const other = await juryWorld(db, { entryCount: 1 });
    const error = await recordDecision({
      contestId: world.contest.id,
      proposalId: other.entries[0].id,
      decision: notRetained,
      actorId: world.adminId,
      now: afterReview,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DecisionEntryNotFound);
    await expect(findDecisionEntry(world.contest.id, ineligible.id)).rejects.toBeInstanceOf(DecisionEntryNotFound);
  });
});
