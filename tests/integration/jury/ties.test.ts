// A juror's declared ties, against a real PostgreSQL: validated and normalised, per contest, the
// declaration date set, every change audited, and nothing of any candidate ever handed back.
import { beforeAll, describe, expect, test } from "vitest";
import type { Contest } from "~/contest/contests.server";
import { db } from "~/infra/db.server";
import { parseForm } from "~/infra/forms";
import { tieFormSchema, type TieInput } from "~/jury/review-schemas";
import { addTie, confirmTies, JurorSeatNotFound, listTiesOfJuror, removeTie, TieRefused } from "~/jury/ties.server";
import { auditOf, contestWithAdmin, createDesigner, createJuror, createPerson, juryForms, submittedProposal } from "../../support/fixtures";
import { afterReview, duringReview } from "../../support/calendar";

let contest: Contest;

beforeAll(async () => {
  contest = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
});

function tieForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return parseForm(form, tieFormSchema);
}

function valid(fields: Record<string, string>): TieInput {
  const parsed = tieForm(fields);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

async function declaredAt(contestId: number, userId: number) {
  const [row] = await db<
    { tiesDeclaredAt: Date | null }[]
  >`select ties_declared_at from jurors where contest_id = ${contestId} and user_id = ${userId}`;
  return row.tiesDeclaredAt;
}

describe("the ties form", () => {
  test("normalises what a juror types: a SIRET or SIREN in digits, an e-mail domain from an address or a link", () => {
    expect(valid({ kind: "organisation", label: "  Fablab   de Paris ", siret: "732 829 320 00074" })).toEqual({
      kind: "organisation",
      label: "Fablab de Paris",
      siret: "73282932000074",
    });
    expect(valid({ kind: "organisation", label: "Fablab de Paris", siret: "732.829.320" })).toEqual({
      kind: "organisation",
      label: "Fablab de Paris",
      siret: "732829320",
    });
    expect(valid({ kind: "organisation", label: "Fablab de Paris", siret: "" })).toEqual({
      kind: "organisation",
      label: "Fablab de Paris",
      siret: null,
    });
    expect(valid({ kind: "email_domain", label: "Contact@Fablab-Exemple.FR" })).toEqual({
      kind: "email_domain",
      label: "fablab-exemple.fr",
      siret: null,
    });
    expect(valid({ kind: "email_domain", label: "https://www.fablab-exemple.fr/contact" }).label).toBe("fablab-exemple.fr");
    expect(valid({ kind: "person", label: "Mme Jeanne Dupont" })).toEqual({ kind: "person", label: "Mme Jeanne Dupont", siret: null });
  });

  test.each([
    [{ kind: "organisation", label: "Fablab", siret: "73282932000075" }, "siret", /clé de contrôle/],
    [{ kind: "organisation", label: "Fablab", siret: "732829321" }, "siret", /SIREN n'est pas valide/],
    [{ kind: "organisation", label: "Fablab", siret: "1234567890" }, "siret", /14 chiffres.*ou un SIREN \(9 chiffres\)/],
    [{ kind: "organisation", label: "F", siret: "" }, "label", /entre 2 et 200 caractères/],
    [{ kind: "email_domain", label: "gmail.com" }, "label", /ne désigne pas une organisation/],
    [{ kind: "email_domain", label: "pas un domaine !" }, "label", /par exemple fablab-exemple.fr/],
    [{ kind: "person", label: " - " }, "label", /prénom et le nom/],
    [{ kind: "bureau", label: "x" }, "kind", /nature du lien/],
  ])("refuses %o with a French message by the field", (fields, field, message) => {
    const parsed = tieForm(fields as Record<string, string>);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toMatch(message);
  });
});

describe("declaring ties", () => {
  test("adding and removing ties sets the declaration date and audits each change", async () => {
    const me = (await createJuror(db, contest.id)).id;
    expect(await declaredAt(contest.id, me)).toBeNull();
    const org = await addTie({
      contestId: contest.id,
      userId: me,
      tie: valid({ kind: "organisation", label: "Fablab de Paris", siret: "73282932000074" }),
      now: duringReview,
    });
    await addTie({ contestId: contest.id, userId: me, tie: valid({ kind: "email_domain", label: "fablab-exemple.fr" }), now: duringReview });
    await addTie({ contestId: contest.id, userId: me, tie: valid({ kind: "person", label: "Jeanne Dupont" }), now: duringReview });
    expect(await declaredAt(contest.id, me)).toEqual(duringReview);

    const [seat] = await listTiesOfJuror(me, duringReview);
    expect(seat).toMatchObject({ id: contest.id, editable: true });
    expect(seat.ties.map((t) => [t.kind, t.label, t.siret])).toEqual([
      ["email_domain", "fablab-exemple.fr", null],
      ["organisation", "Fablab de Paris", "73282932000074"],
      ["person", "Jeanne Dupont", null],
    ]);

    const later = new Date(duringReview.getTime() + 3_600_000);
    await removeTie({ contestId: contest.id, userId: me, tieId: org, now: later });
    expect((await listTiesOfJuror(me, later))[0].ties).toHaveLength(2);
    expect(await declaredAt(contest.id, me)).toEqual(later);

    const audit = (await auditOf(db, "juror.ties_updated")).filter((e) => e.actorId === me);
    expect(audit.map((e) => [e.subject, e.data.change, e.data.kind])).toEqual([
      [`contest:${contest.id}`, "added", "organisation"],
      [`contest:${contest.id}`, "added", "email_domain"],
      [`contest:${contest.id}`, "added", "person"],
      [`contest:${contest.id}`, "removed", "organisation"],
    ]);
    expect(audit[0].data).toMatchObject({ label: "Fablab de Paris", siret: "73282932000074", ties: 1 });
  });

  test("the same tie twice is refused, however it is written", async () => {
    const me = (await createJuror(db, contest.id)).id;
    await addTie({
      contestId: contest.id,
      userId: me,
      tie: valid({ kind: "organisation", label: "SAS Fablab de Paris", siret: "" }),
      now: duringReview,
    });
    await addTie({ contestId: contest.id, userId: me, tie: valid({ kind: "person", label: "Jean-Pierre Dupont" }), now: duringReview });
    for (const tie of [
      valid({ kind: "organisation", label: "fablab de paris", siret: "" }),
      valid({ kind: "person", label: "DUPONT Jean Pierre" }),
    ]) {
      const refused = await addTie({ contestId: contest.id, userId: me, tie, now: duringReview }).catch((e) => e);
      expect(refused).toBeInstanceOf(TieRefused);
      expect(refused).toMatchObject({ message: "Ce lien est déjà déclaré.", field: "label" });
    }
    expect((await listTiesOfJuror(me, duringReview))[0].ties).toHaveLength(2);
  });

  test("a juror with no tie confirms so; the declaration date is set and audited", async () => {
    const me = (await createJuror(db, contest.id)).id;
    await confirmTies({ contestId: contest.id, userId: me, now: duringReview });
    expect(await declaredAt(contest.id, me)).toEqual(duringReview);
    const [audit] = (await auditOf(db, "juror.ties_updated")).filter((e) => e.actorId === me);
    expect(audit.data).toEqual({ change: "confirmed", ties: 0 });
  });

  test("ties are per contest: a juror on two contests declares for each, and cannot touch a contest they do not sit on", async () => {
    const second = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const elsewhere = (await contestWithAdmin(db, juryForms.threeCriteria)).contest;
    const me = (await createJuror(db, contest.id)).id;
    await db`insert into memberships (user_id, role, scope) values (${me}, 'juror', ${`contest:${second.id}`})`;
    await db`insert into jurors (contest_id, user_id) values (${second.id}, ${me})`;
    await addTie({ contestId: second.id, userId: me, tie: valid({ kind: "person", label: "Jeanne Dupont" }), now: duringReview });
    const seats = await listTiesOfJuror(me, duringReview);
    expect(seats.map((s) => [s.id, s.ties.length]).sort()).toEqual(
      [
        [contest.id, 0],
        [second.id, 1],
      ].sort(),
    );

    await expect(
      addTie({ contestId: elsewhere.id, userId: me, tie: valid({ kind: "person", label: "Jeanne Dupont" }), now: duringReview }),
    ).rejects.toBeInstanceOf(JurorSeatNotFound);
    await expect(confirmTies({ contestId: elsewhere.id, userId: me, now: duringReview })).rejects.toBeInstanceOf(JurorSeatNotFound);

    // A jurors row without the role (revoked) is no seat either.
    const revoked = (await createPerson(db, { totp: true })).id;
    await db`insert into jurors (contest_id, user_id) values (${contest.id}, ${revoked})`;
    expect(await listTiesOfJuror(revoked, duringReview)).toEqual([]);
    await expect(confirmTies({ contestId: contest.id, userId: revoked, now: duringReview })).rejects.toBeInstanceOf(JurorSeatNotFound);
  });

  test("a juror cannot remove another juror's tie", async () => {
    const owner = (await createJuror(db, contest.id)).id;
    const other = (await createJuror(db, contest.id)).id;
    const tieId = await addTie({ contestId: contest.id, userId: owner, tie: valid({ kind: "person", label: "Jeanne Dupont" }), now: duringReview });
    await expect(removeTie({ contestId: contest.id, userId: other, tieId, now: duringReview })).rejects.toBeInstanceOf(JurorSeatNotFound);
    expect((await listTiesOfJuror(owner, duringReview))[0].ties).toHaveLength(1);
  });

  test("once the review has closed, the declaration no longer changes", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const refused = await addTie({
      contestId: contest.id,
      userId: me,
      tie: valid({ kind: "person", label: "Jeanne Dupont" }),
      now: afterReview,
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(TieRefused);
    expect((refused as Error).message).toMatch(/close/);
    expect((await listTiesOfJuror(me, afterReview))[0]).toMatchObject({ editable: false, ties: [] });
  });

  test("a tie matching a candidate tells the juror nothing: they get back exactly what they typed", async () => {
    const me = (await createJuror(db, contest.id)).id;
    const owner = (await createDesigner(db, { name: "Honorine Vautrelle", email: "honorine@vautrelle-design.fr" })).id;
    await submittedProposal(db, contest.id, { ownerId: owner, draft: { organisationName: "Vautrelle Design", organisationSiret: "73282932000074" } });
    await addTie({ contestId: contest.id, userId: me, tie: valid({ kind: "email_domain", label: "vautrelle-design.fr" }), now: duringReview });
    await addTie({
      contestId: contest.id,
      userId: me,
      tie: valid({ kind: "organisation", label: "Autre structure", siret: "732829320" }),
      now: duringReview,
    });
    const seen = JSON.stringify(await listTiesOfJuror(me, duringReview));
    expect(seen).not.toMatch(/honorine|Vautrelle Design|73282932000074/i);
  });
});
