// The admin's side of the jury, against a real PostgreSQL: inviting by e-mail (new and existing
// accounts), a juror never a candidate of the same contest (both ways, even at the same instant),
// preferred themes and caps, and removal before any review is submitted.
import { describe, expect, test } from "vitest";
import { isResetTokenValid, resetPassword } from "~/accounts/password-reset.server";
import { db } from "~/infra/db.server";
import { parseForm } from "~/infra/forms";
import { jurorChangeSchema } from "~/jury/admin-schemas";
import { INVITATION_LINK_DAYS, inviteJuror, JuryRefusal, listJurors, removeJuror, updateJurorSettings } from "~/jury/jurors.server";
import { createProposal, JurorCannotApply, ProposalLocked } from "~/submissions/proposals.server";
import { auditOf, contestWithAdmin, createDesigner, createEntry, createJuror, createPerson, juryForms, setReview } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

async function lastMailTo(email: string) {
  const [mail] = await db<{ subject: string; textBody: string }[]>`
    select subject, text_body from mail_outbox where to_address = ${email} order by id desc limit 1`;
  return mail;
}

async function membershipsOf(userId: number) {
  return db<{ role: string; scope: string }[]>`select role, scope from memberships where user_id = ${userId} order by role, scope`;
}

describe("inviting a juror", () => {
  test("an unknown address gets an account with an unusable password, the juror role on the contest, and a link to choose a password", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const invitation = await inviteJuror({
      contestId: contest.id,
      email: "  Claire.Moreau@Exemple-Jury.FR ",
      name: "Claire Moreau",
      actorId: adminId,
    });
    expect(invitation.accountCreated).toBe(true);

    const [user] = await db<{ email: string; name: string; passwordHash: string; emailConfirmedAt: Date | null }[]>`
      select email, name, password_hash, email_confirmed_at from users where id = ${invitation.userId}`;
    expect(user).toMatchObject({ email: "claire.moreau@exemple-jury.fr", name: "Claire Moreau", emailConfirmedAt: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await membershipsOf(invitation.userId)).toEqual([{ role: "juror", scope: `contest:${contest.id}` }]);
    expect(
      await db`select 1 from jurors where contest_id = ${contest.id} and user_id = ${invitation.userId} and invited_by = ${adminId}`,
    ).toHaveLength(1);

    const mail = await lastMailTo("claire.moreau@exemple-jury.fr");
    expect(mail.subject).toBe(`Invitation au jury du concours « ${contest.title} »`);
    expect(mail.textBody).toContain(`valable ${INVITATION_LINK_DAYS} jours`);
    const link = new URL(mail.textBody.match(/https?:\/\/\S+mot-de-passe\/nouveau\S+/)![0]);
    const token = link.searchParams.get("jeton")!;
    expect(await isResetTokenValid(token)).toBe(true);
    const [expiry] = await db<{ days: number }[]>`
      select extract(epoch from expires_at - now()) / 86400 as days from user_tokens where user_id = ${invitation.userId} and used_at is null`;
    expect(Number(expiry.days)).toBeGreaterThan(INVITATION_LINK_DAYS - 0.01);

    // Following the link sets the password and proves the address.
    await resetPassword({ token, password: "un-jury-bien-compose-2026" });
    const [after] = await db<{ emailConfirmedAt: Date | null }[]>`select email_confirmed_at from users where id = ${invitation.userId}`;
    expect(after.emailConfirmedAt).not.toBeNull();

    const [created] = (await auditOf(db, "account.created")).filter((e) => e.subject === `user:${invitation.userId}`);
    expect(created).toMatchObject({ actorId: adminId, data: { role: "juror" } });
    const [invited] = (await auditOf(db, "juror.invited")).filter((e) => e.subject === `contest:${contest.id}`);
    expect(invited).toMatchObject({
      actorId: adminId,
      data: { userId: invitation.userId, email: "claire.moreau@exemple-jury.fr", accountCreated: true },
    });
  });

  test("an existing account is linked as it is: same person, same name and password, a login link rather than a password link", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const existing = await createDesigner(db, { name: "Bruno Lefort", email: "bruno.lefort@exemple-jury.fr" });
    const [before] = await db<{ passwordHash: string }[]>`select password_hash from users where id = ${existing.id}`;
    const invitation = await inviteJuror({ contestId: contest.id, email: "bruno.lefort@exemple-jury.fr", name: "Autre Nom", actorId: adminId });
    expect(invitation).toEqual({ userId: existing.id, accountCreated: false });
    const [user] = await db<{ name: string; passwordHash: string }[]>`select name, password_hash from users where id = ${existing.id}`;
    expect(user).toEqual({ name: "Bruno Lefort", passwordHash: before.passwordHash });
    expect(await membershipsOf(existing.id)).toEqual([
      { role: "designer", scope: "*" },
      { role: "juror", scope: `contest:${contest.id}` },
    ]);
    const mail = await lastMailTo("bruno.lefort@exemple-jury.fr");
    expect(mail.textBody).toContain("Bonjour Bruno Lefort");
    expect(mail.textBody).toContain("/connexion?redirectTo=%2Fjury");
    expect(mail.textBody).not.toContain("jeton=");
    expect(await db`select 1 from user_tokens where user_id = ${existing.id}`).toHaveLength(0);
    expect((await auditOf(db, "account.created")).filter((e) => e.subject === `user:${existing.id}`)).toHaveLength(0);
  });

  test("inviting the same person twice is refused by the e-mail field", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    await inviteJuror({ contestId: contest.id, email: "deux.fois@exemple-jury.fr", name: "Deux Fois", actorId: adminId });
    const refused = await inviteJuror({ contestId: contest.id, email: "deux.fois@exemple-jury.fr", name: "Deux Fois", actorId: adminId }).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused).toMatchObject({ field: "email", message: "Deux Fois (deux.fois@exemple-jury.fr) est déjà membre du jury de ce concours." });
  });

  test("a person with a proposal in the contest is refused, and nothing is written or sent", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const candidate = await createPerson(db, { name: "Inès Candidate", email: "ines@exemple-jury.fr" });
    await createEntry(db, contest.id, { ownerId: candidate.id, status: "draft" });
    const mailsBefore = await db`select 1 from mail_outbox`;
    const refused = await inviteJuror({ contestId: contest.id, email: "ines@exemple-jury.fr", name: "Inès", actorId: adminId }).catch((e) => e);
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused.field).toBe("email");
    expect(refused.message).toBe(
      "Inès Candidate (ines@exemple-jury.fr) a une proposition à ce concours : un candidat ne peut pas être membre du jury du concours auquel il participe.",
    );
    expect(await db`select 1 from jurors where user_id = ${candidate.id}`).toHaveLength(0);
    expect(await membershipsOf(candidate.id)).toEqual([]);
    expect(await db`select 1 from mail_outbox`).toHaveLength(mailsBefore.length);
    expect((await auditOf(db, "juror.invited")).filter((e) => e.data.userId === candidate.id)).toHaveLength(0);

    // A candidate of another contest may sit on this one's jury.
    const { contest: other } = await contestWithAdmin(db, juryForms.threeThemes);
    await expect(inviteJuror({ contestId: other.id, email: "ines@exemple-jury.fr", name: "Inès", actorId: adminId })).resolves.toMatchObject({
      accountCreated: false,
    });
  });

  test("a juror of the contest cannot create a proposal in it: a typed error with a French message, nothing created", async () => {
    const { contest } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const refused = await createProposal({ contestId: contest.id, ownerId: juror.id, now: duringSubmissions }).catch((e) => e);
    expect(refused).toBeInstanceOf(JurorCannotApply);
    expect(refused).toBeInstanceOf(ProposalLocked);
    expect(refused.message).toBe("Vous êtes membre du jury de ce concours : vous ne pouvez pas y déposer de proposition.");
    expect(await db`select 1 from proposals where owner_id = ${juror.id}`).toHaveLength(0);
    // Elsewhere they may apply.
    const { contest: other } = await contestWithAdmin(db, juryForms.threeThemes);
    await expect(createProposal({ contestId: other.id, ownerId: juror.id, now: duringSubmissions })).resolves.toBeTypeOf("number");
  });

  test("an invitation and a proposal by the same person at the same instant: exactly one of them succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
      const person = await createPerson(db, { name: `Simultané ${round}` });
      const outcomes = await Promise.allSettled([
        inviteJuror({ contestId: contest.id, email: person.email, name: person.name, actorId: adminId }),
        createProposal({ contestId: contest.id, ownerId: person.id, now: duringSubmissions }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const [{ jurors }] = await db<{ jurors: number }[]>`select count(*)::int as jurors from jurors where contest_id = ${contest.id}`;
      const [{ proposals }] = await db<{ proposals: number }[]>`select count(*)::int as proposals from proposals where contest_id = ${contest.id}`;
      expect(jurors + proposals).toBe(1);
    }
  });

  test("the invitation form says what is wrong in French, by the field", () => {
    const form = new FormData();
    form.append("intent", "invite");
    form.append("email", "pas-une-adresse");
    form.append("name", " ");
    const parsed = parseForm(form, jurorChangeSchema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.email).toBe("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.");
      expect(parsed.errors.name).toBe("Indiquez le prénom et le nom de la personne.");
      expect(parsed.values.email).toBe("pas-une-adresse");
    }
  });
});

describe("a juror's preferences", () => {
  test("themes come from the contest's list and the cap cannot fall below what is already assigned; both audited", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Hélène Thème" });
    await updateJurorSettings({ contestId: contest.id, userId: juror.id, themes: ["Achats en ligne", "Télétravail"], maxLoad: 2, actorId: adminId });
    const [row] = await listJurors(contest.id);
    expect(row).toMatchObject({ userId: juror.id, themes: ["Achats en ligne", "Télétravail"], maxLoad: 2 });
    const [audit] = (await auditOf(db, "juror.updated")).filter((e) => e.subject === `contest:${contest.id}`);
    expect(audit).toMatchObject({ actorId: adminId, data: { userId: juror.id, themes: ["Achats en ligne", "Télétravail"], maxLoad: 2 } });

    const unknown = await updateJurorSettings({
      contestId: contest.id,
      userId: juror.id,
      themes: ["Cuisine"],
      maxLoad: null,
      actorId: adminId,
    }).catch((e) => e);
    expect(unknown).toMatchObject({ field: "themes", message: "Choisissez les thèmes dans la liste du concours (inconnu : « Cuisine »)." });

    for (let i = 0; i < 2; i++) {
      const entry = await createEntry(db, contest.id);
      await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    }
    const tooLow = await updateJurorSettings({ contestId: contest.id, userId: juror.id, themes: [], maxLoad: 1, actorId: adminId }).catch((e) => e);
    expect(tooLow).toBeInstanceOf(JuryRefusal);
    expect(tooLow).toMatchObject({ field: "maxLoad" });
    expect(tooLow.message).toMatch(/^Hélène Thème a déjà 2 propositions à évaluer/);
    await updateJurorSettings({ contestId: contest.id, userId: juror.id, themes: [], maxLoad: null, actorId: adminId });
    expect((await listJurors(contest.id))[0]).toMatchObject({ themes: [], maxLoad: null, assigned: 2, notStarted: 2 });
  });

  test("the settings form reads no theme, one or several, and an empty cap as none", () => {
    const form = (fields: [string, string][]) => {
      const data = new FormData();
      for (const [key, value] of fields) data.append(key, value);
      return parseForm(data, jurorChangeSchema);
    };
    expect(
      form([
        ["intent", "settings"],
        ["userId", "7"],
        ["maxLoad", ""],
      ]),
    ).toEqual({ ok: true, data: { intent: "settings", userId: 7, themes: [], maxLoad: null } });
    expect(
      form([
        ["intent", "settings"],
        ["userId", "7"],
        ["themes", "A"],
        ["maxLoad", "12"],
      ]),
    ).toEqual({ ok: true, data: { intent: "settings", userId: 7, themes: ["A"], maxLoad: 12 } });
    const bad = form([
      ["intent", "settings"],
      ["userId", "7"],
      ["themes", "A"],
      ["themes", "B"],
      ["maxLoad", "-3"],
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.maxLoad).toMatch(/nombre entier d'évaluations/);
  });
});

describe("removing a juror", () => {
  test("before any submitted review: assignments, reviews in progress, ties and the role go; audited", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const entry = await createEntry(db, contest.id);
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    await setReview(db, entry.id, juror.id, "in_progress");
    await db`insert into juror_ties (contest_id, user_id, kind, label) values (${contest.id}, ${juror.id}, 'person', 'Jeanne Dupont')`;
    await removeJuror({ contestId: contest.id, userId: juror.id, actorId: adminId });
    expect(await db`select 1 from jurors where user_id = ${juror.id}`).toHaveLength(0);
    expect(await db`select 1 from assignments where user_id = ${juror.id}`).toHaveLength(0);
    expect(await db`select 1 from reviews where user_id = ${juror.id}`).toHaveLength(0);
    expect(await db`select 1 from juror_ties where user_id = ${juror.id}`).toHaveLength(0);
    expect(await membershipsOf(juror.id)).toEqual([]);
    const [audit] = (await auditOf(db, "juror.removed")).filter((e) => e.data.userId === juror.id);
    expect(audit).toMatchObject({ actorId: adminId, subject: `contest:${contest.id}`, data: { assignmentsRemoved: 1, tiesRemoved: 1 } });
  });

  test("once they have submitted a review, they stay, and nothing changes", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Paul Évalue" });
    const entry = await createEntry(db, contest.id);
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    await setReview(db, entry.id, juror.id, "submitted", { "1": 4 });
    const refused = await removeJuror({ contestId: contest.id, userId: juror.id, actorId: adminId }).catch((e) => e);
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused.message).toBe("Paul Évalue a déjà soumis 1 évaluation : un membre du jury qui a commencé à évaluer ne peut plus être retiré.");
    expect(await db`select 1 from jurors where user_id = ${juror.id}`).toHaveLength(1);
    expect(await db`select 1 from reviews where user_id = ${juror.id}`).toHaveLength(1);
  });
});
