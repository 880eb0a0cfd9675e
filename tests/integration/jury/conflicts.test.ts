// Conflicts of interest as the admin handles them, against a real PostgreSQL: detection over a
// seeded contest (SIRET and SIREN, e-mail domains, names in another order and without accents, the
// juror's own name), reasons for the admins, lifted conflicts that stay lifted, conflicts added and
// lifted by hand with their reason in the audit log, and the database refusing a conflicted assignment.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { parseForm } from "~/infra/forms";
import { conflictChangeSchema } from "~/jury/admin-schemas";
import { addConflict, detectContestConflicts, liftConflict, listConflicts } from "~/jury/conflicts.server";
import { JuryRefusal } from "~/jury/jurors.server";
import { auditOf, contestWithAdmin, createEntry, createJuror, declareTie, juryForms, setReview } from "../../support/fixtures";

type Seeded = Awaited<ReturnType<typeof seed>>;

async function seed() {
  const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
  const alice = await createJuror(db, contest.id, { name: "Alice Arbitre" });
  const bernard = await createJuror(db, contest.id, { name: "Bernard Juge" });
  const chloe = await createJuror(db, contest.id, { name: "Chloé Critique" });
  const zoe = await createJuror(db, contest.id, { name: "Zoé Martin" });
  const eric = await createJuror(db, contest.id, { name: "Éric Neutre" });
  // A SIREN alone: the whole company, whichever establishment applies.
  await declareTie(db, contest.id, alice.id, { kind: "organisation", label: "Groupe Numérique Solidaire", siret: "732829320" });
  await declareTie(db, contest.id, bernard.id, { kind: "email_domain", label: "atelier-numerique.fr" });
  await declareTie(db, contest.id, chloe.id, { kind: "person", label: "DUPONT Jean Pierre" });
  await declareTie(db, contest.id, chloe.id, { kind: "person", label: "lefevre helene" });
  // Sharing a webmail says nothing; an unknown person matches no one.
  await declareTie(db, contest.id, eric.id, { kind: "email_domain", label: "gmail.com" });
  await declareTie(db, contest.id, eric.id, { kind: "person", label: "Personne Inconnue" });

  const siret = await createEntry(db, contest.id, { fields: { organisationName: "Fablab de Paris", organisationSiret: "73282932000074" } });
  const domain = await createEntry(db, contest.id, { owner: { name: "Marie Curieuse", email: "marie@atelier-numerique.fr" } });
  const subdomain = await createEntry(db, contest.id, { owner: { name: "Luc Sous", email: "luc@lyon.atelier-numerique.fr" } });
  const teamOrder = await createEntry(db, contest.id, { fields: { team: [{ name: "Jean-Pierre Dupont", role: "Design" }] } });
  const accents = await createEntry(db, contest.id, { fields: { team: [{ name: "Hélène LEFÈVRE", role: "Tests" }] } });
  const ownName = await createEntry(db, contest.id, { owner: { name: "MARTIN Zoe", email: "zoe.martin@ailleurs.fr" } });
  const webmail = await createEntry(db, contest.id, { owner: { name: "Gérard Libre", email: "gerard@gmail.com" } });
  // Never submitted: the draft is what counts.
  const draftOnly = await createEntry(db, contest.id, {
    status: "draft",
    fields: { organisationSiret: "73282932000082", organisationName: "Fablab de Lyon" },
  });
  // Changed since its submission: the draft counts too.
  const changedDraft = await createEntry(db, contest.id, {
    fields: { team: [] },
    draft: { team: [{ name: "Jean Pierre Dupont", role: "Renfort" }] },
  });
  const withdrawn = await createEntry(db, contest.id, { status: "withdrawn", fields: { organisationSiret: "73282932000074" } });
  return {
    contest,
    adminId,
    alice,
    bernard,
    chloe,
    zoe,
    eric,
    entries: { siret, domain, subdomain, teamOrder, accents, ownName, webmail, draftOnly, changedDraft, withdrawn },
  };
}

async function conflictRows(contestId: number) {
  return db<
    {
      proposalId: number;
      userId: number;
      source: string;
      reasons: { kind: string; detail: string }[];
      liftedAt: Date | null;
      createdBy: number | null;
    }[]
  >`
    select c.proposal_id, c.user_id, c.source, c.reasons, c.lifted_at, c.created_by
    from conflicts c join proposals p on p.id = c.proposal_id
    where p.contest_id = ${contestId}
    order by c.proposal_id, c.user_id`;
}

describe("detecting the conflicts of a contest", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seed();
  });

  test("finds SIREN, domain, reordered and unaccented names and the juror's own name — and nothing else", async () => {
    const outcome = await detectContestConflicts({ contestId: s.contest.id, actorId: s.adminId });
    const e = s.entries;
    const expected = [
      [e.siret.id, s.alice.id],
      [e.domain.id, s.bernard.id],
      [e.subdomain.id, s.bernard.id],
      [e.teamOrder.id, s.chloe.id],
      [e.accents.id, s.chloe.id],
      [e.ownName.id, s.zoe.id],
      [e.draftOnly.id, s.alice.id],
      [e.changedDraft.id, s.chloe.id],
    ].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rows = await conflictRows(s.contest.id);
    expect(rows.map((row) => [row.proposalId, row.userId])).toEqual(expected);
    expect(rows.every((row) => row.source === "detected" && row.liftedAt === null && row.createdBy === s.adminId)).toBe(true);
    expect(outcome).toEqual({ detected: expected.length, added: expected.length, updated: 0, keptLifted: 0, removed: 0, released: 0 });

    const reasonsOf = (proposalId: number) => rows.find((row) => row.proposalId === proposalId)!.reasons;
    expect(reasonsOf(e.siret.id)).toEqual([
      {
        kind: "siret",
        detail:
          "même SIREN 732 829 320 (même entreprise, établissement non précisé) : organisation déclarée « Groupe Numérique Solidaire », SIRET du candidat 732 829 320 00074",
      },
    ]);
    expect(reasonsOf(e.domain.id)).toEqual([
      { kind: "email_domain", detail: "même domaine de courriel « atelier-numerique.fr » : porteur « marie@atelier-numerique.fr »" },
    ]);
    expect(reasonsOf(e.subdomain.id)[0].detail).toMatch(/sous-domaine du domaine déclaré « atelier-numerique\.fr »/);
    expect(reasonsOf(e.teamOrder.id)).toEqual([
      { kind: "person", detail: "personne déclarée « DUPONT Jean Pierre », membre de l'équipe « Jean-Pierre Dupont »" },
    ]);
    expect(reasonsOf(e.accents.id)).toEqual([
      { kind: "person", detail: "personne déclarée « lefevre helene », membre de l'équipe « Hélène LEFÈVRE »" },
    ]);
    expect(reasonsOf(e.ownName.id)).toEqual([
      { kind: "person", detail: "nom du membre du jury lui-même « Zoé Martin », porteur du projet « MARTIN Zoe »" },
    ]);

    const [audit] = (await auditOf(db, "conflict.detection_run")).filter((entry) => entry.subject === `contest:${s.contest.id}`);
    expect(audit).toMatchObject({
      actorId: s.adminId,
      data: { detected: expected.length, added: expected.length, removed: 0, releasedAssignments: [] },
    });
  });

  test("the reasons name the candidates for the admins only: jurors are sent nothing, the audit entry holds counts", async () => {
    const jurorEmails = [s.alice, s.bernard, s.chloe, s.zoe, s.eric].map((juror) => juror.email);
    expect(await db`select 1 from mail_outbox where to_address in ${db(jurorEmails)}`).toHaveLength(0);
    const audits = (await auditOf(db, "conflict.detection_run")).filter((entry) => entry.subject === `contest:${s.contest.id}`);
    expect(JSON.stringify(audits)).not.toMatch(/atelier-numerique|Dupont|732 829 320|Martin/);
    const page = await listConflicts({ contestId: s.contest.id, filter: { statut: "actifs", page: 1 } });
    const own = page.items.find((row) => row.proposalId === s.entries.domain.id)!;
    expect(own).toMatchObject({
      ownerName: "Marie Curieuse",
      ownerEmail: "marie@atelier-numerique.fr",
      jurorName: "Bernard Juge",
      source: "detected",
    });
  });

  test("running it again changes nothing; a conflict an admin lifted stays lifted; a withdrawn tie removes its conflicts", async () => {
    const again = await detectContestConflicts({ contestId: s.contest.id, actorId: s.adminId });
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, keptLifted: 0 });

    await liftConflict({
      contestId: s.contest.id,
      proposalId: s.entries.teamOrder.id,
      userId: s.chloe.id,
      liftReason: "Homonyme vérifié par téléphone.",
      actorId: s.adminId,
    });
    const afterLift = await detectContestConflicts({ contestId: s.contest.id, actorId: s.adminId });
    expect(afterLift).toMatchObject({ added: 0, keptLifted: 1 });
    const [lifted] = (await conflictRows(s.contest.id)).filter((row) => row.proposalId === s.entries.teamOrder.id);
    expect(lifted.liftedAt).not.toBeNull();

    await db`delete from juror_ties where contest_id = ${s.contest.id} and user_id = ${s.bernard.id}`;
    const afterWithdrawal = await detectContestConflicts({ contestId: s.contest.id, actorId: s.adminId });
    expect(afterWithdrawal).toMatchObject({ removed: 2, detected: again.detected - 2 });
    expect((await conflictRows(s.contest.id)).filter((row) => row.userId === s.bernard.id)).toEqual([]);
  });

  test("a detected conflict on an assigned pair ends the assignment and its draft review", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Nina Lien" });
    await declareTie(db, contest.id, juror.id, { kind: "email_domain", label: "lien-direct.fr" });
    const entry = await createEntry(db, contest.id, { owner: { name: "Owen Lien", email: "owen@lien-direct.fr" } });
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    await setReview(db, entry.id, juror.id, "in_progress", { "1": 2 });
    const outcome = await detectContestConflicts({ contestId: contest.id, actorId: adminId });
    expect(outcome).toMatchObject({ added: 1, released: 1 });
    expect(await db`select 1 from assignments where proposal_id = ${entry.id}`).toHaveLength(0);
    expect(await db`select 1 from reviews where proposal_id = ${entry.id}`).toHaveLength(0);
  });
});

describe("conflicts by hand", () => {
  test("an admin adds a conflict with a reason, then lifts it with another; both audited with their reason", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Olivier Ami" });
    const entry = await createEntry(db, contest.id);
    const added = await addConflict({
      contestId: contest.id,
      proposalId: entry.id,
      userId: juror.id,
      reason: "Ancien associé du porteur.",
      actorId: adminId,
    });
    expect(added).toEqual({ released: null });
    const [row] = await conflictRows(contest.id);
    expect(row).toMatchObject({
      source: "admin",
      reasons: [{ kind: "admin", detail: "Ancien associé du porteur." }],
      liftedAt: null,
      createdBy: adminId,
    });
    const [addAudit] = (await auditOf(db, "conflict.added")).filter((e) => e.subject === `proposal:${entry.id}`);
    expect(addAudit).toMatchObject({ actorId: adminId, data: { contestId: contest.id, userId: juror.id, reason: "Ancien associé du porteur." } });

    const twice = await addConflict({ contestId: contest.id, proposalId: entry.id, userId: juror.id, reason: "Encore.", actorId: adminId }).catch(
      (e) => e,
    );
    expect(twice).toBeInstanceOf(JuryRefusal);
    expect(twice.message).toBe(`Olivier Ami est déjà en conflit d'intérêts avec la proposition n° ${entry.id}.`);

    await liftConflict({
      contestId: contest.id,
      proposalId: entry.id,
      userId: juror.id,
      liftReason: "Association dissoute en 2019.",
      actorId: adminId,
    });
    const [lifted] = await db<{ liftedAt: Date | null; liftedBy: number; liftReason: string }[]>`
      select lifted_at, lifted_by, lift_reason from conflicts where proposal_id = ${entry.id} and user_id = ${juror.id}`;
    expect(lifted).toMatchObject({ liftedBy: adminId, liftReason: "Association dissoute en 2019." });
    expect(lifted.liftedAt).not.toBeNull();
    const [liftAudit] = (await auditOf(db, "conflict.lifted")).filter((e) => e.subject === `proposal:${entry.id}`);
    expect(liftAudit).toMatchObject({ actorId: adminId, data: { userId: juror.id, source: "admin", liftReason: "Association dissoute en 2019." } });

    const again = await liftConflict({
      contestId: contest.id,
      proposalId: entry.id,
      userId: juror.id,
      liftReason: "Encore.",
      actorId: adminId,
    }).catch((e) => e);
    expect(again).toBeInstanceOf(JuryRefusal);

    // Added again: the same row comes back into force, both reasons kept.
    await addConflict({ contestId: contest.id, proposalId: entry.id, userId: juror.id, reason: "Nouvelle collaboration.", actorId: adminId });
    const [back] = await conflictRows(contest.id);
    expect(back).toMatchObject({ liftedAt: null, reasons: [{ detail: "Ancien associé du porteur." }, { detail: "Nouvelle collaboration." }] });
  });

  test("a reason is required to add or lift a conflict, in French", () => {
    const parse = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      return parseForm(form, conflictChangeSchema);
    };
    const lift = parse({ intent: "lift", userId: "3", proposalId: "4", liftReason: " " });
    expect(lift.ok).toBe(false);
    if (!lift.ok) expect(lift.errors.liftReason).toBe("Expliquez pourquoi le conflit est levé (3 caractères au moins).");
    const add = parse({ intent: "add", userId: "", proposalId: "douze", reason: "" });
    expect(add.ok).toBe(false);
    if (!add.ok) {
      expect(add.errors.userId).toBe("Choisissez un membre du jury dans la liste.");
      expect(add.errors.proposalId).toMatch(/numéro de la proposition/);
      expect(add.errors.reason).toBe("Expliquez la raison du conflit (3 caractères au moins).");
    }
  });

  test("only a juror of the contest and a proposal of the contest can be in conflict", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const { contest: other } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const elsewhere = await createEntry(db, other.id);
    const stranger = await createJuror(db, other.id);
    const entry = await createEntry(db, contest.id);
    await expect(
      addConflict({ contestId: contest.id, proposalId: elsewhere.id, userId: juror.id, reason: "Raison.", actorId: adminId }),
    ).rejects.toMatchObject({ field: "proposalId" });
    await expect(
      addConflict({ contestId: contest.id, proposalId: entry.id, userId: stranger.id, reason: "Raison.", actorId: adminId }),
    ).rejects.toMatchObject({ field: "userId" });
  });

  test("a conflict added on an assigned pair ends the assignment, its review too — a submitted one's scores kept in the audit log", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const drafted = await createEntry(db, contest.id);
    const submitted = await createEntry(db, contest.id);
    for (const entry of [drafted, submitted])
      await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    await setReview(db, drafted.id, juror.id, "in_progress", { "1": 1 });
    await setReview(db, submitted.id, juror.id, "submitted", { "1": 5, "2": 4 });

    const first = await addConflict({
      contestId: contest.id,
      proposalId: drafted.id,
      userId: juror.id,
      reason: "Cousin du porteur.",
      actorId: adminId,
    });
    expect(first.released).toMatchObject({ proposalId: drafted.id, userId: juror.id, review: { status: "in_progress" } });
    const second = await addConflict({
      contestId: contest.id,
      proposalId: submitted.id,
      userId: juror.id,
      reason: "Employeur du porteur.",
      actorId: adminId,
    });
    expect(second.released).toMatchObject({ review: { status: "submitted", scores: { "1": 5, "2": 4 } } });
    expect(await db`select 1 from assignments where user_id = ${juror.id}`).toHaveLength(0);
    expect(await db`select 1 from reviews where user_id = ${juror.id}`).toHaveLength(0);
    const [audit] = (await auditOf(db, "conflict.added")).filter((e) => e.subject === `proposal:${submitted.id}`);
    expect(audit.data.releasedAssignment).toMatchObject({ review: { status: "submitted", scores: { "1": 5, "2": 4 } } });
  });

  test("once the scores are sealed, a conflict on a pair that was reviewed is refused", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id, { name: "Sam Scellé" });
    const entry = await createEntry(db, contest.id);
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    await db`insert into score_seals (contest_id, sealed_at, snapshot, digest) values (${contest.id}, now(), '{}', ${"0".repeat(64)})`;
    const refused = await addConflict({
      contestId: contest.id,
      proposalId: entry.id,
      userId: juror.id,
      reason: "Trop tard.",
      actorId: adminId,
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(JuryRefusal);
    expect(refused.message).toMatch(/^Les notes sont scellées/);
    expect(await db`select 1 from assignments where proposal_id = ${entry.id}`).toHaveLength(1);
  });
});

describe("the database", () => {
  test("refuses an assignment in conflict, whatever the code does; a lifted conflict no longer blocks it", async () => {
    const { contest, adminId } = await contestWithAdmin(db, juryForms.threeThemes);
    const juror = await createJuror(db, contest.id);
    const entry = await createEntry(db, contest.id);
    await addConflict({ contestId: contest.id, proposalId: entry.id, userId: juror.id, reason: "Conjoint du porteur.", actorId: adminId });
    const refused = await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`.catch(
      (e) => e,
    );
    expect(refused).toMatchObject({ code: "23514", constraint_name: "assignments_no_conflict" });
    await liftConflict({ contestId: contest.id, proposalId: entry.id, userId: juror.id, liftReason: "Erreur de saisie.", actorId: adminId });
    await db`insert into assignments (proposal_id, user_id, contest_id) values (${entry.id}, ${juror.id}, ${contest.id})`;
    expect(await db`select 1 from assignments where proposal_id = ${entry.id}`).toHaveLength(1);
  });
});
