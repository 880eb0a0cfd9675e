// The juror's review, against a real PostgreSQL: the grid's rules, the review phase by the clock,
// the audit trail, and the conflict a juror declares while reviewing (with its replacement).
import { beforeAll, describe, expect, test } from "vitest";
import type { Contest } from "~/contest/contests.server";
import { db } from "~/infra/db.server";
import { parseForm } from "~/infra/forms";
import { missingScore, reviewFormSchema, scoreField, unknownCriterion } from "~/jury/review-schemas";
import {
  declareConflict,
  EntryNotFound,
  findEntryForJuror,
  jurySpace,
  noReplacementNote,
  ReviewInvalid,
  ReviewLocked,
  saveReview,
  submittedConflictRefusal,
} from "~/jury/reviews.server";
import { assign, auditOf, contestWithAdmin, createJuror, juryForms, submittedProposal } from "../../support/fixtures";
import { afterReview, beforeReview, duringReview, reviewCloses } from "../../support/calendar";

let contest: Contest;
let ids: string[];
const all = (score: number) => Object.fromEntries(ids.map((id) => [id, score]));

beforeAll(async () => {
  contest = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
  ids = contest.criteria.map((c) => String(c.id));
});

async function entryFor(jurorId: number) {
  const { proposalId } = await submittedProposal(db, contest.id);
  await assign(db, proposalId, jurorId, contest.id);
  return proposalId;
}

const review = (proposalId: number, jurorId: number, intent: "save" | "submit", scores: Record<string, number>, now = duringReview) =>
  saveReview({ proposalId, jurorId, intent, scores, commentForAdmins: "Solide.", commentForCandidate: "", now });

async function storedReview(proposalId: number, jurorId: number) {
  const [row] = await db<{ status: string; scores: Record<string, number>; submittedAt: Date | null; commentForAdmins: string }[]>`
    select status, scores, submitted_at, comment_for_admins from reviews where proposal_id = ${proposalId} and user_id = ${jurorId}`;
  return row;
}

describe("the review grid", () => {
  test("a juror saves a partial draft, then submits every criterion; each change is audited", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    expect(await review(entry, me, "save", { [ids[0]]: 4 })).toEqual({ state: "in_progress" });
    expect(await storedReview(entry, me)).toMatchObject({ status: "in_progress", scores: { [ids[0]]: 4 }, submittedAt: null });

    expect(await review(entry, me, "submit", all(3))).toEqual({ state: "submitted" });
    const stored = await storedReview(entry, me);
    expect(stored).toMatchObject({ status: "submitted", scores: all(3), commentForAdmins: "Solide." });
    expect(stored.submittedAt?.toISOString()).toBe(duringReview.toISOString());

    const saved = (await auditOf(db, "review.saved")).filter((e) => e.subject === `proposal:${entry}`);
    const submitted = (await auditOf(db, "review.submitted")).filter((e) => e.subject === `proposal:${entry}`);
    expect(saved).toHaveLength(1);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ actorId: me, data: { jurorId: me, contestId: contest.id, scores: all(3) } });
  });

  test("submitting without every criterion scored is refused field by field, and nothing is stored", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    const refused = await review(entry, me, "submit", { [ids[0]]: 5 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ReviewInvalid);
    expect((refused as ReviewInvalid).errors).toEqual({ [scoreField(ids[1])]: missingScore, [scoreField(ids[2])]: missingScore });
    expect(await storedReview(entry, me)).toBeUndefined();
  });

  test.each([
    ["above 5", 6],
    ["below 0", -1],
    ["not an integer", 2.5],
    ["not a number", Number.NaN],
  ])("a score %s is refused by the domain", async (_, score) => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    const refused = await review(entry, me, "save", { [ids[0]]: score }).catch((e) => e);
    expect(refused).toBeInstanceOf(ReviewInvalid);
    expect(Object.keys((refused as ReviewInvalid).errors)).toEqual([scoreField(ids[0])]);
    expect(await storedReview(entry, me)).toBeUndefined();
  });

  test("a score for a criterion the contest does not have is refused", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    const refused = await review(entry, me, "submit", { ...all(2), 987654: 3 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ReviewInvalid);
    expect((refused as ReviewInvalid).errors).toEqual({ _form: unknownCriterion });
    expect(await storedReview(entry, me)).toBeUndefined();
  });

  test("the form keeps scores as typed and says what is wrong with each, in French", () => {
    const form = new FormData();
    form.append("intent", "submit");
    form.append(scoreField(ids[0]), "7");
    form.append(scoreField(ids[1]), "deux");
    form.append(scoreField(ids[2]), "");
    form.append("commentForAdmins", "x".repeat(5001));
    const parsed = parseForm(form, reviewFormSchema(contest.criteria));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[scoreField(ids[0])]).toBe("La note est un nombre entier de 0 à 5.");
    expect(parsed.errors[scoreField(ids[1])]).toBe("La note est un nombre entier de 0 à 5.");
    expect(parsed.errors[scoreField(ids[2])]).toBe(missingScore);
    expect(parsed.errors.commentForAdmins).toMatch(/ne peut pas dépasser 5\s000 caractères \(vous en avez saisi 5\s001\)/);
    expect(parsed.values[scoreField(ids[1])]).toBe("deux");

    const unknown = new FormData();
    unknown.append("intent", "save");
    unknown.append(scoreField(987654), "3");
    const refused = parseForm(unknown, reviewFormSchema(contest.criteria));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors._form).toBe(unknownCriterion);

    const draft = new FormData();
    draft.append("intent", "save");
    draft.append(scoreField(ids[1]), "0");
    draft.append("commentForCandidate", "  Bravo.\r\nÀ suivre.  ");
    expect(parseForm(draft, reviewFormSchema(contest.criteria))).toEqual({
      ok: true,
      data: { intent: "save", scores: { [ids[1]]: 0 }, commentForAdmins: "", commentForCandidate: "Bravo.\nÀ suivre." },
    });
  });

  test("a submitted review stays editable by submitting again until the phase closes, never by a draft save", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    await review(entry, me, "submit", all(2));
    const draft = await review(entry, me, "save", { [ids[0]]: 1 }).catch((e) => e);
    expect(draft).toBeInstanceOf(ReviewLocked);
    expect((draft as Error).message).toMatch(/déjà soumise/);
    const lastMinute = new Date(reviewCloses.getTime() - 60_000);
    await review(entry, me, "submit", all(4), lastMinute);
    expect(await storedReview(entry, me)).toMatchObject({ status: "submitted", scores: all(4), submittedAt: lastMinute });
    const resubmitted = (await auditOf(db, "review.submitted")).filter((e) => e.subject === `proposal:${entry}`);
    expect(resubmitted.map((e) => e.data.resubmitted ?? false)).toEqual([false, true]);
  });

  test("before the review opens and from its closing instant on, scores are read-only with a clear French message", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const entry = await entryFor(me);
    await review(entry, me, "save", all(5));

    const early = await review(entry, me, "save", all(1), beforeReview).catch((e) => e);
    expect(early).toBeInstanceOf(ReviewLocked);
    expect((early as Error).message).toBe("L'évaluation ouvrira le 1 avril 2026 à 09:00 (heure de Paris) : vous pourrez alors noter cette entrée.");

    for (const at of [reviewCloses, afterReview]) {
      const late = await review(entry, me, "submit", all(1), at).catch((e) => e);
      expect(late).toBeInstanceOf(ReviewLocked);
      expect((late as Error).message).toBe(
        "L'évaluation est close depuis le 1 mai 2026 à 18:00 (heure de Paris) : les notes ne peuvent plus être modifiées.",
      );
    }
    expect(await storedReview(entry, me)).toMatchObject({ status: "in_progress", scores: all(5) });

    const page = await findEntryForJuror({ proposalId: entry, jurorId: me, now: afterReview });
    expect(page).toMatchObject({ editable: false, phase: "deliberation", review: { state: "in_progress", scores: all(5) } });
    expect(page.lockedReason).toMatch(/close depuis le 1 mai 2026/);
    expect((await findEntryForJuror({ proposalId: entry, jurorId: me, now: duringReview })).editable).toBe(true);
  });

  test("once the scores are sealed, nothing changes even inside the review phase", async () => {
    const sealed = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const me = (await createJuror(db, sealed.id)).id;
    const { proposalId } = await submittedProposal(db, sealed.id);
    await assign(db, proposalId, me, sealed.id);
    await db`insert into score_seals (contest_id, sealed_at, snapshot, digest) values (${sealed.id}, ${duringReview}, '{}', ${"0".repeat(64)})`;
    const scores = Object.fromEntries(sealed.criteria.map((c) => [String(c.id), 3]));
    const refused = await saveReview({
      proposalId,
      jurorId: me,
      intent: "submit",
      scores,
      commentForAdmins: "",
      commentForCandidate: "",
      now: duringReview,
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(ReviewLocked);
    expect((refused as Error).message).toMatch(/scellées/);
  });

  test("the entry a juror reads carries no team, organisation or SIRET, even in the data sent to the browser", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const { proposalId } = await submittedProposal(db, contest.id, {
      draft: { team: [{ name: "Ophélie Brandouin", role: "Cheffe" }], organisationName: "Brandouin SAS", organisationSiret: "73282932000074" },
    });
    await assign(db, proposalId, me, contest.id);
    const entry = await findEntryForJuror({ proposalId, jurorId: me, now: duringReview });
    expect(entry.fields).toMatchObject({ team: [], organisationName: "", organisationSiret: "" });
    expect(JSON.stringify(entry)).not.toMatch(/Brandouin|73282932/);
    expect(entry.label).toBe(`Entrée n° ${proposalId}`);
  });
});

describe("the juror's list", () => {
  test("shows assigned entries with progress, and never one in conflict, unassigned or of another contest", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const other = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const a = await entryFor(me);
    const b = await entryFor(me);
    const conflicted = await entryFor(me);
    await db`insert into conflicts (proposal_id, user_id, source) values (${conflicted}, ${me}, 'detected')`;
    const { proposalId: unassigned } = await submittedProposal(db, contest.id);
    const { proposalId: elsewhere } = await submittedProposal(db, other.id);
    await review(a, me, "submit", all(3));
    await review(b, me, "save", { [ids[0]]: 2 });

    const [space] = await jurySpace(me, duringReview);
    expect(space).toMatchObject({ id: contest.id, phase: "review", submitted: 1 });
    expect(space.entries.map((e) => [e.id, e.state])).toEqual([
      [a, "submitted"],
      [b, "in_progress"],
    ]);
    for (const hidden of [conflicted, unassigned, elsewhere]) {
      await expect(findEntryForJuror({ proposalId: hidden, jurorId: me, now: duringReview })).rejects.toBeInstanceOf(EntryNotFound);
      await expect(review(hidden, me, "save", {})).rejects.toBeInstanceOf(EntryNotFound);
    }
  });
});

describe("a conflict declared while reviewing", () => {
  test("removes the entry from the juror, discards their draft, and hands it to the least-loaded free juror", async () => {
    const c = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const declaring = (await createJuror(db, c.id, { name: "Déclarant" })).id;
    const alreadyOn = (await createJuror(db, c.id, { name: "Déjà affecté" })).id;
    const busy = (await createJuror(db, c.id, { name: "Chargé" })).id;
    const light = (await createJuror(db, c.id, { name: "Peu chargé" })).id;
    const lightToo = (await createJuror(db, c.id, { name: "Peu chargé aussi" })).id;
    const conflicted = (await createJuror(db, c.id, { name: "En conflit" })).id;
    await createJuror(db, c.id, { name: "Complet", maxLoad: 0 });
    const { proposalId: entry } = await submittedProposal(db, c.id);
    await assign(db, entry, declaring, c.id);
    await assign(db, entry, alreadyOn, c.id);
    await db`insert into conflicts (proposal_id, user_id, source) values (${entry}, ${conflicted}, 'detected')`;
    for (const [who, load] of [
      [busy, 2],
      [light, 1],
      [lightToo, 1],
    ] as const) {
      for (let i = 0; i < load; i++) {
        const { proposalId } = await submittedProposal(db, c.id);
        await assign(db, proposalId, who, c.id);
      }
    }
    const scores = { [String(c.criteria[0].id)]: 4 };
    await saveReview({
      proposalId: entry,
      jurorId: declaring,
      intent: "save",
      scores,
      commentForAdmins: "",
      commentForCandidate: "",
      now: duringReview,
    });

    expect(await declareConflict({ proposalId: entry, jurorId: declaring, now: duringReview })).toEqual({ replacementId: light });

    const [conflict] = await db<{ source: string; reasons: unknown; createdBy: number; liftedAt: Date | null }[]>`
      select source, reasons, created_by, lifted_at from conflicts where proposal_id = ${entry} and user_id = ${declaring}`;
    expect(conflict).toEqual({
      source: "juror",
      reasons: [{ kind: "declared", detail: "déclaré par le membre du jury" }],
      createdBy: declaring,
      liftedAt: null,
    });
    const assigned = await db<{ userId: number }[]>`select user_id from assignments where proposal_id = ${entry} order by user_id`;
    expect(assigned.map((r) => r.userId)).toEqual([alreadyOn, light].sort((x, y) => x - y));
    expect(await db`select 1 from reviews where proposal_id = ${entry} and user_id = ${declaring}`).toHaveLength(0);

    const [audit] = (await auditOf(db, "conflict.declared_by_juror")).filter((e) => e.subject === `proposal:${entry}`);
    expect(audit).toMatchObject({
      actorId: declaring,
      data: { contestId: c.id, jurorId: declaring, replacementJurorId: light, draftReviewDiscarded: true },
    });
    expect(audit.data.note).toBeUndefined();

    const [space] = await jurySpace(declaring, duringReview);
    expect(space.entries).toEqual([]);
    await expect(findEntryForJuror({ proposalId: entry, jurorId: declaring, now: duringReview })).rejects.toBeInstanceOf(EntryNotFound);
    expect((await jurySpace(light, duringReview))[0].entries.map((e) => e.id)).toContain(entry);
    const [mail] = await db<{ toAddress: string; textBody: string }[]>`
      select m.to_address, m.text_body from mail_outbox m join users u on u.email = m.to_address
      where u.id = ${light} order by m.id desc limit 1`;
    expect(mail?.textBody).toContain(`l'entrée n° ${entry}`);
  });

  test("with no juror free to take it, the entry is left a review short and the audit entry says so", async () => {
    const c = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const declaring = (await createJuror(db, c.id)).id;
    const other = (await createJuror(db, c.id)).id;
    const { proposalId: entry } = await submittedProposal(db, c.id);
    await assign(db, entry, declaring, c.id);
    await assign(db, entry, other, c.id);
    expect(await declareConflict({ proposalId: entry, jurorId: declaring, now: beforeReview })).toEqual({ replacementId: null });
    const [audit] = (await auditOf(db, "conflict.declared_by_juror")).filter((e) => e.subject === `proposal:${entry}`);
    expect(audit.data).toMatchObject({ replacementJurorId: null, note: noReplacementNote, draftReviewDiscarded: false });
    expect(await db`select user_id from assignments where proposal_id = ${entry}`).toEqual([{ userId: other }]);
  });

  test("is refused once the juror has submitted their review, and after the review closes; nothing changes", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const submitted = await entryFor(me);
    await review(submitted, me, "submit", all(3));
    const refused = await declareConflict({ proposalId: submitted, jurorId: me, now: duringReview }).catch((e) => e);
    expect(refused).toBeInstanceOf(ReviewLocked);
    expect((refused as Error).message).toBe(submittedConflictRefusal);

    const late = await entryFor(me);
    await expect(declareConflict({ proposalId: late, jurorId: me, now: afterReview })).rejects.toBeInstanceOf(ReviewLocked);

    for (const entry of [submitted, late]) {
      expect(await db`select 1 from conflicts where proposal_id = ${entry}`).toHaveLength(0);
      expect(await db`select 1 from assignments where proposal_id = ${entry} and user_id = ${me}`).toHaveLength(1);
    }
  });

  test("a conflict an admin had lifted comes back into force when the juror declares it", async () => {
    const c = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const me = (await createJuror(db, c.id)).id;
    const { proposalId: entry } = await submittedProposal(db, c.id);
    await db`insert into conflicts (proposal_id, user_id, source, lifted_at, lift_reason) values (${entry}, ${me}, 'detected', now(), 'Homonyme.')`;
    await assign(db, entry, me, c.id);
    await declareConflict({ proposalId: entry, jurorId: me, now: duringReview });
    expect(await db`select source, lifted_at, lift_reason from conflicts where proposal_id = ${entry} and user_id = ${me}`).toEqual([
      { source: "juror", liftedAt: null, liftReason: null },
    ]);
  });
});
