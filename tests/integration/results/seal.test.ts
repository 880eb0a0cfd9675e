import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server";
import { canonicalJson } from "~/audit/chain";
import { db } from "~/infra/db.server";
import { findSeal, sealHolds, SealRefused, sealScores } from "~/results/seal.server";
import { createJuror, handWorkedReviews, juryWorld, review } from "../../support/fixtures";
import { afterReview, duringReview } from "../../support/calendar";

describe("sealing the scores at review close", () => {
  test("the seal's digest is the SHA-256 of the canonical snapshot, and the audit log carries it", async () => {
    const world = await juryWorld(db, { entryCount: 3, jurorCount: 2, ineligible: 1 });
    await handWorkedReviews(db, world);
    // A draft review is not part of the snapshot.
    const third = await createJuror(db, world.contest.id, { name: "Juré 3" });
    await review(db, world, { juror: third.id, entry: world.entries[2].id, scores: { [world.usage]: 2 }, submitted: false });

    const seal = await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    const stored = (await findSeal(world.contest.id))!;
    const expected = createHash("sha256").update(canonicalJson(stored.snapshot), "utf8").digest("hex");
    expect(stored.digest).toBe(expected);
    expect(seal.digest).toBe(expected);
    expect(sealHolds(stored)).toBe(true);

    // What the snapshot holds: the criteria with their weights, the eligible entries, every submitted review.
    expect(stored.snapshot.criteria).toEqual([
      { id: world.usage, label: "Usage", weight: 2 },
      { id: world.design, label: "Conception", weight: 1 },
    ]);
    expect(stored.snapshot.entries).toEqual(world.entries.map((e) => e.id));
    expect(stored.snapshot.reviews.map((r) => [r.proposal, r.juror, r.scores])).toEqual([
      [world.entries[0].id, world.jurors[0], { [world.usage]: 4, [world.design]: 1 }],
      [world.entries[0].id, world.jurors[1], { [world.usage]: 1, [world.design]: 1 }],
      [world.entries[1].id, world.jurors[0], { [world.usage]: 5, [world.design]: 5 }],
      [world.entries[1].id, world.jurors[1], { [world.usage]: 3, [world.design]: 3 }],
      [world.entries[2].id, world.jurors[0], { [world.usage]: 1, [world.design]: 1 }],
    ]);
    expect(stored.sealedAt.toISOString()).toBe(afterReview.toISOString());

    const [entry] = await db<{ actorId: number; data: { digest: string; reviews: number; entries: number } }[]>`
      select actor_id, data from audit_log where action = 'scores.sealed' and subject = ${`contest:${world.contest.id}`}`;
    expect(entry.actorId).toBe(world.adminId);
    expect(entry.data).toMatchObject({ digest: expected, reviews: 5, entries: 3 });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("sealing twice is refused, and the first seal stays as it was", async () => {
    const world = await juryWorld(db, { entryCount: 2, jurorCount: 2 });
    await review(db, world, { juror: world.jurors[0], entry: world.entries[0].id, scores: { [world.usage]: 3, [world.design]: 4 } });
    const first = await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    const error = await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }).catch((e) => e);
    expect(error).toBeInstanceOf(SealRefused);
    expect(error.message).toMatch(/déjà scellées/);
    expect((await findSeal(world.contest.id))!.digest).toBe(first.digest);
    expect(await db`select 1 from audit_log where action = 'scores.sealed' and subject = ${`contest:${world.contest.id}`}`).toHaveLength(1);
    // Not even by hand.
    await expect(db`update score_seals set digest = ${"0".repeat(64)} where contest_id = ${world.contest.id}`).rejects.toThrow(
      /a seal never changes/,
    );
    await expect(db`delete from score_seals where contest_id = ${world.contest.id}`).rejects.toThrow(/a seal never changes/);
  });

  test("two admins sealing at once: one seal, one clear refusal", async () => {
    const world = await juryWorld(db, { entryCount: 1, jurorCount: 1 });
    const results = await Promise.allSettled([
      sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }),
      sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SealRefused);
  });

  test("before the review closes, sealing is refused: jurors may still change their scores", async () => {
    const world = await juryWorld(db, { entryCount: 1, jurorCount: 1 });
    const error = await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: duringReview }).catch((e) => e);
    expect(error).toBeInstanceOf(SealRefused);
    expect(error.message).toMatch(/se scellent à la fin de l'évaluation, le 1 mai 2026 à 18:00/);
    expect(await findSeal(world.contest.id)).toBeNull();
  });

  test("once sealed, the database refuses any change to the contest's reviews", async () => {
    const world = await juryWorld(db, { entryCount: 2, jurorCount: 2 });
    const [a, b] = world.jurors;
    await review(db, world, { juror: a, entry: world.entries[0].id, scores: { [world.usage]: 3, [world.design]: 4 } });
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${world.entries[1].id}, ${b}, ${world.contest.id})`;
    await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });

    const sealedError = /the scores of this contest are sealed/;
    await expect(
      db`update reviews set scores = ${db.json({ [world.usage]: 5, [world.design]: 5 })} where proposal_id = ${world.entries[0].id}`,
    ).rejects.toThrow(sealedError);
    await expect(db`delete from reviews where proposal_id = ${world.entries[0].id}`).rejects.toThrow(sealedError);
    await expect(
      db`insert into reviews (proposal_id, user_id, status, scores, submitted_at) values (${world.entries[1].id}, ${b}, 'submitted', '{}', now())`,
    ).rejects.toMatchObject({ code: "55000", constraint_name: "reviews_sealed" });
    // Removing the assignment would delete the review with it: refused too.
    await expect(db`delete from assignments where proposal_id = ${world.entries[0].id}`).rejects.toThrow(sealedError);
    const [row] = await db<{ scores: Record<string, number> }[]>`select scores from reviews where proposal_id = ${world.entries[0].id}`;
    expect(row.scores).toEqual({ [world.usage]: 3, [world.design]: 4 });
  });

  test("a review write in flight when the seal starts is either in the snapshot or refused, never lost", async () => {
    const world = await juryWorld(db, { entryCount: 1, jurorCount: 1 });
    const [juror] = world.jurors;
    const entry = world.entries[0].id;
    await review(db, world, { juror, entry, scores: { [world.usage]: 1, [world.design]: 1 } });
    // The juror's transaction holds its write, uncommitted, while the admin seals.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = db.begin(async (tx) => {
      await tx`update reviews set scores = ${tx.json({ [world.usage]: 5, [world.design]: 5 })} where proposal_id = ${entry} and user_id = ${juror}`;
      written();
      await held;
    });
    await wrote;
    const sealing = sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview });
    await expect
      .poll(async () => (await db`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    release();
    await writer;
    const seal = await sealing;
    expect(seal.snapshot.reviews[0].scores).toEqual({ [world.usage]: 5, [world.design]: 5 });
  });
});
