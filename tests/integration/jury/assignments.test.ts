// Assignment through the database: the automatic run (as many distinct jurors per eligible entry as asked, never a
// conflicted one, loads within one, the seed recorded and reproducing the same assignment), the
// explanation when none exists (and nothing written), changes by hand, and reminders by e-mail.
import { describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { addAssignment, removeAssignment, runAutomaticAssignment, sendReminders } from "~/jury/assignments.server";
import { JuryRefusal } from "~/jury/jurors.server";
import { auditOf, contestWithAdmin, createEntry, createJuror, juryForms, pairsOf, setReview } from "../../support/fixtures";
import { afterReview, duringReview } from "../../support/calendar";

const THEMES = ["Réseaux sociaux", "Achats en ligne", "Télétravail"];

/** 12 eligible entries, 2 that are not, 5 jurors with themes, and conflicts on a few pairs. */
async function panel() {
  const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
  const jurors = [];
  for (let j = 0; j < 5; j++) jurors.push(await createJuror(db, contest.id, { name: `Juré ${j}`, themes: [THEMES[j % 3]] }));
  const eligible = [];
  for (let e = 0; e < 12; e++) eligible.push(await createEntry(db, contest.id, { fields: { themes: [THEMES[e % 3]] } }));
  const others = [await createEntry(db, contest.id, { status: "submitted" }), await createEntry(db, contest.id, { status: "ineligible" })];
  const conflicts = [
    [eligible[0].id, jurors[0].id],
    [eligible[0].id, jurors[1].id],
    [eligible[5].id, jurors[2].id],
    [eligible[7].id, jurors[4].id],
  ];
  for (const [proposalId, userId] of conflicts) {
    await db`insert into conflicts (proposal_id, user_id, source, reasons, created_by) values (${proposalId}, ${userId}, 'admin', '[]', ${adminId})`;
  }
  // A lifted conflict does not count.
  await db`insert into conflicts (proposal_id, user_id, source, lifted_at, lift_reason) values (${eligible[1].id}, ${jurors[0].id}, 'detected', now(), 'Homonyme.')`;
  return { contest, adminId, jurors, eligible, others, conflicts };
}

async function clearAssignments(contestId: number) {
  await db`delete from assignments where contest_id = ${contestId}`;
}

describe("automatic assignment", () => {
  test("gives every eligible entry the distinct jurors asked, never a conflicted one, loads within one; the run and its seed are recorded", async () => {
    const p = await panel();
    const outcome = await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 3, seed: 42, actorId: p.adminId });
    expect(outcome).toMatchObject({ ok: true, seed: 42, reviewsPerProposal: 3, added: 36, kept: 0 });
    if (!outcome.ok) return;

    const rows = await db<{ proposalId: number; userId: number; runId: number; createdBy: number }[]>`
      select proposal_id, user_id, run_id, created_by from assignments where contest_id = ${p.contest.id}`;
    const byEntry = new Map<number, number[]>();
    for (const row of rows) byEntry.set(row.proposalId, [...(byEntry.get(row.proposalId) ?? []), row.userId]);
    expect([...byEntry.keys()].sort((a, b) => a - b)).toEqual(p.eligible.map((e) => e.id));
    for (const jurors of byEntry.values()) {
      expect(jurors).toHaveLength(3);
      expect(new Set(jurors).size).toBe(3);
    }
    for (const [proposalId, userId] of p.conflicts) expect(byEntry.get(proposalId)).not.toContain(userId);
    const loads = p.jurors.map((juror) => rows.filter((row) => row.userId === juror.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(rows.every((row) => row.runId === outcome.runId && row.createdBy === p.adminId)).toBe(true);

    const [run] = await db<{ seed: number; reviewsPerEntry: number; totalCost: number; createdBy: number }[]>`
      select seed, reviews_per_entry, total_cost, created_by from assignment_runs where id = ${outcome.runId}`;
    expect(run).toEqual({ seed: 42, reviewsPerEntry: 3, totalCost: outcome.totalCost, createdBy: p.adminId });
    const [audit] = (await auditOf(db, "assignment.run")).filter((e) => e.subject === `contest:${p.contest.id}`);
    expect(audit).toMatchObject({ actorId: p.adminId, data: { runId: outcome.runId, seed: 42, reviewsPerProposal: 3, added: 36 } });
  });

  test("the same inputs and the same seed give the same assignment; a seed drawn at random is recorded and reproduces it too", async () => {
    const p = await panel();
    await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 2, seed: 2026, actorId: p.adminId });
    const first = await pairsOf(db, p.contest.id);
    await clearAssignments(p.contest.id);
    await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 2, seed: 2026, actorId: p.adminId });
    expect(await pairsOf(db, p.contest.id)).toEqual(first);

    // Other seeds break the ties differently (at least one of a few).
    const others = [];
    for (const seed of [1, 2, 3, 4]) {
      await clearAssignments(p.contest.id);
      await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 2, seed, actorId: p.adminId });
      others.push((await pairsOf(db, p.contest.id)).join());
    }
    expect(others.some((pairs) => pairs !== first.join())).toBe(true);

    await clearAssignments(p.contest.id);
    const drawn = await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 2, actorId: p.adminId });
    if (!drawn.ok) throw new Error(drawn.summary);
    const [recorded] = await db<{ seed: number }[]>`select seed from assignment_runs where id = ${drawn.runId}`;
    expect(recorded.seed).toBe(drawn.seed);
    const drawnPairs = await pairsOf(db, p.contest.id);
    await clearAssignments(p.contest.id);
    await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 2, seed: recorded.seed, actorId: p.adminId });
    expect(await pairsOf(db, p.contest.id)).toEqual(drawnPairs);
  });

  test("keeps the assignments already made and completes only what is missing; caps are respected", async () => {
    const p = await panel();
    await db`update jurors set max_load = 5 where user_id = ${p.jurors[3].id}`;
    await addAssignment({ contestId: p.contest.id, proposalId: p.eligible[3].id, userId: p.jurors[3].id, actorId: p.adminId });
    const outcome = await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 3, seed: 7, actorId: p.adminId });
    expect(outcome).toMatchObject({ ok: true, added: 35, kept: 1 });
    const pairs = await pairsOf(db, p.contest.id);
    expect(pairs).toContain(`${p.eligible[3].id}:${p.jurors[3].id}`);
    expect(pairs.filter((pair) => pair.endsWith(`:${p.jurors[3].id}`))).toHaveLength(5);
    const [manual] = await db<
      { runId: number | null }[]
    >`select run_id from assignments where proposal_id = ${p.eligible[3].id} and user_id = ${p.jurors[3].id}`;
    expect(manual.runId).toBeNull();

    // Run again: nothing is missing any more.
    const again = await runAutomaticAssignment({ contestId: p.contest.id, reviewsPerProposal: 3, seed: 8, actorId: p.adminId });
    expect(again).toMatchObject({ ok: true, added: 0, kept: 36 });
  });

  test("when no assignment exists, says why entry by entry in French, and writes nothing", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const a = await createJuror(db, contest.id, { name: "Anne Seule" });
    const b = await createJuror(db, contest.id, { name: "Benoît Seul" });
    await createJuror(db, contest.id, { name: "Carole Seule" });
    const blocked = await createEntry(db, contest.id, { fields: { title: "Kit bloqué" } });
    await createEntry(db, contest.id);
    for (const juror of [a, b]) await db`insert into conflicts (proposal_id, user_id, source) values (${blocked.id}, ${juror.id}, 'admin')`;

    const outcome = await runAutomaticAssignment({ contestId: contest.id, reviewsPerProposal: 2, seed: 5, actorId: adminId });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.seed).toBe(5);
    expect(outcome.summary).toMatch(/^L'affectation automatique est impossible/);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatchObject({ kind: "entry-short", entryIds: [blocked.id] });
    expect(outcome.problems[0].message).toBe(
      `Entrée « n° ${blocked.id} — Kit bloqué » : seulement 1 membre du jury disponible sans conflit (2 en conflit sur 3), 2 évaluations requises.`,
    );
    expect(await db`select 1 from assignments where contest_id = ${contest.id}`).toHaveLength(0);
    expect(await db`select 1 from assignment_runs where contest_id = ${contest.id}`).toHaveLength(0);
    expect((await auditOf(db, "assignment.run")).filter((e) => e.subject === `contest:${contest.id}`)).toHaveLength(0);

    // Too few jurors for four reviews per proposal.
    const short = await runAutomaticAssignment({ contestId: contest.id, reviewsPerProposal: 4, seed: 5, actorId: adminId });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.problems.map((problem) => problem.message).join(" ")).toMatch(/n° \d+/);
  });

  test("a contest without eligible entries is refused with a French message", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    await createJuror(db, contest.id);
    await createEntry(db, contest.id, { status: "submitted" });
    const refused = await runAutomaticAssignment({ contestId: contest.id, reviewsPerProposal: 3, actorId: adminId }).catch((e) => e);
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused.message).toMatch(/^Aucune proposition n'est recevable/);
  });
});

describe("assignments by hand", () => {
  test("an admin adds and removes a pair, each audited; the database's refusal of a conflicted pair reads in French", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Denis Main", maxLoad: 2 });
    const [e1, e2, e3] = [await createEntry(db, contest.id), await createEntry(db, contest.id), await createEntry(db, contest.id)];
    const conflicted = await createEntry(db, contest.id);
    const ineligible = await createEntry(db, contest.id, { status: "ineligible" });
    await db`insert into conflicts (proposal_id, user_id, source) values (${conflicted.id}, ${juror.id}, 'admin')`;

    await addAssignment({ contestId: contest.id, proposalId: e1.id, userId: juror.id, actorId: adminId });
    const [added] = (await auditOf(db, "assignment.added")).filter((e) => e.subject === `proposal:${e1.id}`);
    expect(added).toMatchObject({ actorId: adminId, data: { contestId: contest.id, userId: juror.id } });

    const twice = await addAssignment({ contestId: contest.id, proposalId: e1.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(twice).toMatchObject({ field: "proposalId", message: `La proposition n° ${e1.id} est déjà affectée à Denis Main.` });

    const inConflict = await addAssignment({ contestId: contest.id, proposalId: conflicted.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(inConflict).toBeInstanceOf(JuryRefusal);
    expect(inConflict.message).toBe(
      `Denis Main est en conflit d'intérêts avec la proposition n° ${conflicted.id} : elle ne peut pas lui être affectée. Levez d'abord le conflit (page « Conflits d'intérêts ») si vous l'estimez infondé.`,
    );

    const notEligible = await addAssignment({ contestId: contest.id, proposalId: ineligible.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(notEligible.message).toMatch(/n'est pas recevable \(statut « Irrecevable »\)/);

    await addAssignment({ contestId: contest.id, proposalId: e2.id, userId: juror.id, actorId: adminId });
    const capped = await addAssignment({ contestId: contest.id, proposalId: e3.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(capped).toMatchObject({ field: "userId" });
    expect(capped.message).toMatch(/^Denis Main a atteint son plafond de 2 évaluations/);

    await setReview(db, e1.id, juror.id, "in_progress");
    await removeAssignment({ contestId: contest.id, proposalId: e1.id, userId: juror.id, actorId: adminId });
    expect(await db`select 1 from assignments where proposal_id = ${e1.id}`).toHaveLength(0);
    expect(await db`select 1 from reviews where proposal_id = ${e1.id}`).toHaveLength(0);
    const [removed] = (await auditOf(db, "assignment.removed")).filter((e) => e.subject === `proposal:${e1.id}`);
    expect(removed).toMatchObject({ actorId: adminId, data: { userId: juror.id, reviewStatus: "in_progress" } });

    await setReview(db, e2.id, juror.id, "submitted", { "1": 3 });
    const submitted = await removeAssignment({ contestId: contest.id, proposalId: e2.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(submitted.message).toBe(
      `Denis Main a déjà soumis son évaluation de la proposition n° ${e2.id} : l'affectation ne peut plus être retirée.`,
    );
    expect(await db`select 1 from assignments where proposal_id = ${e2.id}`).toHaveLength(1);
  });

  test("once the scores are sealed, assignments no longer change", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const entry = await createEntry(db, contest.id);
    await db`insert into score_seals (contest_id, sealed_at, snapshot, digest) values (${contest.id}, now(), '{}', ${"0".repeat(64)})`;
    await expect(addAssignment({ contestId: contest.id, proposalId: entry.id, userId: juror.id, actorId: adminId })).rejects.toThrow(/scellées/);
    await expect(runAutomaticAssignment({ contestId: contest.id, reviewsPerProposal: 1, actorId: adminId })).rejects.toThrow(/scellées/);
  });
});

describe("reminders", () => {
  test("one e-mail per juror with reviews left, with their counts and the deadline; audited; none for those who are done", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const late = await createJuror(db, contest.id, { name: "Léa Retard" });
    const halfway = await createJuror(db, contest.id, { name: "Hugo Moitié" });
    const done = await createJuror(db, contest.id, { name: "Fanny Finie" });
    await createJuror(db, contest.id, { name: "Rémi Rien" });
    const entries = [await createEntry(db, contest.id), await createEntry(db, contest.id)];
    for (const entry of entries) {
      for (const juror of [late, halfway, done])
        await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    }
    await setReview(db, entries[0].id, halfway.id, "submitted");
    await setReview(db, entries[1].id, halfway.id, "in_progress");
    for (const entry of entries) await setReview(db, entry.id, done.id, "submitted");

    expect(await sendReminders({ contestId: contest.id, actorId: adminId, now: duringReview })).toEqual({ sent: 2 });
    const mails = await db<{ toAddress: string; subject: string; textBody: string }[]>`
      select to_address, subject, text_body from mail_outbox where subject like 'Rappel%' and text_body like ${`%${contest.title}%`} order by id`;
    expect(mails.map((mail) => mail.toAddress)).toEqual([late.email, halfway.email]);
    expect(mails[0].subject).toBe(`Rappel : 2 évaluations à terminer — concours « ${contest.title} »`);
    expect(mails[0].textBody).toContain("0 évaluation est soumise, 0 en cours et 2 pas encore commencées");
    expect(mails[1].textBody).toContain("1 évaluation est soumise, 1 en cours et 0 pas encore commencée");
    expect(mails[1].textBody).toContain("L'évaluation se termine le 1 mai 2026 à 18:00 (heure de Paris)");
    const [audit] = (await auditOf(db, "jury.reminders_sent")).filter((e) => e.subject === `contest:${contest.id}`);
    expect(audit).toMatchObject({ actorId: adminId, data: { sent: 2, userIds: [late.id, halfway.id] } });
  });

  test("outside the review phase, reminders are refused with the dates", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const refused = await sendReminders({ contestId: contest.id, actorId: adminId, now: afterReview }).catch((e) => e);
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused.message).toBe(
      "Les relances ne s'envoient que pendant l'évaluation (du 1 avril 2026 à 09:00 au 1 mai 2026 à 18:00) ; phase actuelle : « Délibération ».",
    );
  });
});
