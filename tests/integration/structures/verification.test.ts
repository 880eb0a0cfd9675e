// The verification of structures on PostgreSQL: decisions and answers with their history, audit
// and e-mails; the reach of instructors; two decisions at once.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { Conflict } from "~/infra/domain-errors";
import {
  answerInformationRequest,
  rejectStructure,
  requestInformation,
  reviewQueue,
  StructureNotFound,
  structureForReview,
  verifyStructure,
  type Reviewer,
} from "~/structures/verification.server";
import { auditOf, createPerson, createStructure, validSiret } from "../../support/fixtures";
import { rejectionOf } from "../../support/rejection";

const now = new Date("2026-03-02T09:00:00Z");
const RENNES = "35238";
const SAINT_MALO = "35288";
const BREST = "29019";

let instructor35: Reviewer;
let otherInstructor35: Reviewer;
let instructor29: Reviewer;
let admin: Reviewer;

beforeAll(async () => {
  const person = async (name: string) => (await createPerson(db, { name })).id;
  instructor35 = { id: await person("Inès Instructrice"), reach: ["35"] };
  otherInstructor35 = { id: await person("Octave Instructeur"), reach: ["35"] };
  instructor29 = { id: await person("Yann Instructeur"), reach: ["29"] };
  admin = { id: await person("Gabrielle Gestion"), reach: "all" };
});

async function stateOf(structureId: number) {
  const [structure] = await db<{ status: string; statusReason: string | null; statusBy: number | null }[]>`
    select status, status_reason, status_by from structures where id = ${structureId}`;
  const reviews = await db<{ action: string; message: string | null; actorId: number }[]>`
    select action, message, actor_id from structure_reviews where structure_id = ${structureId} order by id`;
  return { ...structure, reviews };
}

const mailsTo = (email: string) => db<{ subject: string; textBody: string }[]>`
  select subject, text_body from mail_outbox where to_address = ${email} order by id`;

describe("deciding on a structure", () => {
  test("an instructor verifies a pending structure of their département: status, history, audit, and an e-mail to each member still active", async () => {
    const member = await createPerson(db, { name: "Marie Membre" });
    const structure = await createStructure(db, { memberId: member.id, legalName: "Médiathèque des Champs Libres" });
    const colleague = await createPerson(db, { name: "Colin Collègue", roles: ["structure"], scope: `structure:${structure.id}` });
    const former = await createPerson(db, { name: "Ancien", roles: ["structure"], scope: `structure:${structure.id}`, disabled: true });

    const done = await verifyStructure({ structureId: structure.id, reviewer: instructor35, reviewsSeen: 0, now });

    expect(done).toEqual({ id: structure.id, legalName: "Médiathèque des Champs Libres", status: "verified" });
    expect(await stateOf(structure.id)).toEqual({
      status: "verified",
      statusReason: null,
      statusBy: instructor35.id,
      reviews: [{ action: "verified", message: null, actorId: instructor35.id }],
    });
    expect((await auditOf(db, "structure.verified")).filter((e) => e.subject === `structure:${structure.id}`)).toEqual([
      { actorId: instructor35.id, subject: `structure:${structure.id}`, data: { from: "pending", to: "verified" } },
    ]);
    for (const email of [member.email, colleague.email]) {
      expect(await mailsTo(email)).toEqual([
        { subject: "Votre structure « Médiathèque des Champs Libres » est vérifiée", textBody: expect.stringContaining("peut commander") },
      ]);
    }
    expect(await mailsTo(former.email)).toEqual([]);
  });

  test("a rejection keeps its reason on the structure and in the history, and the members read it", async () => {
    const member = await createPerson(db);
    const structure = await createStructure(db, { memberId: member.id });
    await rejectStructure({ structureId: structure.id, reviewer: admin, reviewsSeen: 0, now, reason: "Structure à but lucratif." });
    expect(await stateOf(structure.id)).toMatchObject({
      status: "rejected",
      statusReason: "Structure à but lucratif.",
      reviews: [{ action: "rejected", message: "Structure à but lucratif." }],
    });
    expect((await mailsTo(member.email))[0].textBody).toContain("Structure à but lucratif.");
  });

  test("a question, then the member's answer: the structure is pending again, in the queue, with both in its history", async () => {
    const member = await createPerson(db);
    const structure = await createStructure(db, { memberId: member.id, communeCode: SAINT_MALO });
    await requestInformation({ structureId: structure.id, reviewer: instructor35, reviewsSeen: 0, now, question: "Quel est votre public ?" });
    expect(await stateOf(structure.id)).toMatchObject({ status: "information_requested", statusReason: "Quel est votre public ?" });
    expect((await mailsTo(member.email))[0].textBody).toMatch(/Quel est votre public \?[\s\S]*\/structure\/reponse/);

    const answered = await answerInformationRequest({ structureId: structure.id, memberId: member.id, answer: "Des seniors.", now });
    expect(answered.status).toBe("pending");
    expect(await stateOf(structure.id)).toEqual({
      status: "pending",
      statusReason: null,
      statusBy: member.id,
      reviews: [
        { action: "information_requested", message: "Quel est votre public ?", actorId: instructor35.id },
        { action: "information_provided", message: "Des seniors.", actorId: member.id },
      ],
    });
    const queue = await reviewQueue({ reach: ["35"], departement: null, status: "pending", page: 1 });
    expect(queue.structures.items.map((s) => s.id)).toContain(structure.id);
    const file = await structureForReview({ structureId: structure.id, reach: ["35"] });
    expect(file.reviews.map((r) => [r.action, r.actorName])).toEqual([
      ["information_requested", "Inès Instructrice"],
      ["information_provided", member.name],
    ]);
  });

  test("only a member answers, and only a question that is asked", async () => {
    const structure = await createStructure(db);
    const stranger = await createPerson(db);
    await requestInformation({ structureId: structure.id, reviewer: admin, reviewsSeen: 0, now, question: "Votre statut ?" });
    expect(await rejectionOf(answerInformationRequest({ structureId: structure.id, memberId: stranger.id, answer: "Moi !", now }))).toBeInstanceOf(
      StructureNotFound,
    );
    await answerInformationRequest({ structureId: structure.id, memberId: structure.memberId, answer: "Association.", now });
    const again = await rejectionOf(answerInformationRequest({ structureId: structure.id, memberId: structure.memberId, answer: "Encore.", now }));
    expect(again).toBeInstanceOf(Conflict);
    expect((again as Error).message).toBe("Aucune question n'attend de réponse de cette structure.");
    expect((await stateOf(structure.id)).reviews).toHaveLength(2);
  });

  test("a final decision stays final: a verified structure is neither rejected nor asked anything", async () => {
    const structure = await createStructure(db);
    await verifyStructure({ structureId: structure.id, reviewer: admin, reviewsSeen: 0, now });
    const refused = await rejectionOf(rejectStructure({ structureId: structure.id, reviewer: admin, reviewsSeen: 1, now, reason: "Trop tard." }));
    expect(refused).toBeInstanceOf(Conflict);
    expect((refused as Error).message).toBe("Cette structure est déjà vérifiée : la décision est définitive.");
    expect(await stateOf(structure.id)).toMatchObject({ status: "verified", reviews: [{ action: "verified" }] });
  });

  test("a decision made on a page that changed since it was opened is refused, naming what happened", async () => {
    const structure = await createStructure(db);
    await requestInformation({ structureId: structure.id, reviewer: otherInstructor35, reviewsSeen: 0, now, question: "Votre adresse ?" });
    const stale = await rejectionOf(verifyStructure({ structureId: structure.id, reviewer: instructor35, reviewsSeen: 0, now }));
    expect(stale).toBeInstanceOf(Conflict);
    expect((stale as Error).message).toMatch(
      /^La fiche a changé depuis que vous l'avez ouverte : « Informations demandées » par Octave Instructeur le /,
    );
    expect((await stateOf(structure.id)).status).toBe("information_requested");
  });
});

describe("two instructors deciding at once", () => {
  test("one wins, the other gets a Conflict saying who decided what; one history row, one audit entry, one set of e-mails", async () => {
    for (let round = 0; round < 5; round++) {
      const member = await createPerson(db);
      const structure = await createStructure(db, { memberId: member.id });
      const results = await Promise.allSettled([
        verifyStructure({ structureId: structure.id, reviewer: instructor35, reviewsSeen: 0, now }),
        requestInformation({ structureId: structure.id, reviewer: otherInstructor35, reviewsSeen: 0, now, question: "Votre statut exact ?" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(Conflict);
      expect(lost[0].message).toMatch(
        /^La fiche a changé depuis que vous l'avez ouverte : « (Structure vérifiée » par Inès|Informations demandées » par Octave)/,
      );
      const state = await stateOf(structure.id);
      expect(state.reviews).toHaveLength(1);
      expect(state.status).toBe(state.reviews[0].action);
      const audits = await db`select 1 from audit_log where subject = ${`structure:${structure.id}`}`;
      expect(audits).toHaveLength(1);
      expect(await mailsTo(member.email)).toHaveLength(1);
    }
  });
});

describe("what a reviewer reaches", () => {
  test("an instructor of 35 sees nothing of a structure of 29: neither its file nor a decision on it", async () => {
    const brest = await createStructure(db, { communeCode: BREST });
    expect(await rejectionOf(structureForReview({ structureId: brest.id, reach: ["35"] }))).toBeInstanceOf(StructureNotFound);
    expect(await rejectionOf(verifyStructure({ structureId: brest.id, reviewer: instructor35, reviewsSeen: 0, now }))).toBeInstanceOf(
      StructureNotFound,
    );
    expect(await stateOf(brest.id)).toMatchObject({ status: "pending", reviews: [] });
    // The same structure is decided by its own département's instructor.
    await verifyStructure({ structureId: brest.id, reviewer: instructor29, reviewsSeen: 0, now });
    expect((await stateOf(brest.id)).status).toBe("verified");
  });

  test("the queue: within reach, by status and département, waiting ones oldest first, one page at a time", async () => {
    const [{ departementCode }] = await db<{ departementCode: string }[]>`select departement_code from communes where insee_code = '2A004'`;
    expect(departementCode).toBe("2A");
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const structure = await createStructure(db, { communeCode: "2A004" });
      await db`update structures set status_at = ${new Date(Date.UTC(2026, 0, 3 - i))} where id = ${structure.id}`;
      ids.push(structure.id);
    }
    const reach = ["2A"];
    const first = await reviewQueue({ reach, departement: null, status: "pending", page: 1, pageSize: 2 });
    expect(first.structures).toMatchObject({ total: 3, pageCount: 2 });
    expect(first.structures.items.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await reviewQueue({ reach, departement: null, status: "pending", page: 2, pageSize: 2 })).structures.items.map((s) => s.id)).toEqual([
      ids[0],
    ]);
    expect(first.departements).toEqual([{ code: "2A", name: "Corse-du-Sud" }]);
    expect(first.counts).toEqual({
      pending: { count: 3, more: false },
      information_requested: { count: 0, more: false },
      verified: { count: 0, more: false },
      rejected: { count: 0, more: false },
    });
    expect((await reviewQueue({ reach, departement: null, status: "verified", page: 1 })).structures.total).toBe(0);
    // A département outside reach in the filter shows nothing rather than another département's structures.
    expect((await reviewQueue({ reach, departement: "35", status: "all", page: 1 })).structures.total).toBe(0);
    const national = await reviewQueue({ reach: "all", departement: "2A", status: "pending", page: 1 });
    expect(national.structures.total).toBe(3);
    expect(national.departements).toHaveLength(101);
  });

  test("the queue's counts stop 20 pages past the page read: « plus de », exact again once the pages reach the end", async () => {
    for (let i = 0; i < 22; i++) await createStructure(db, { communeCode: "2B002" });
    const reach = ["2B"];
    const first = await reviewQueue({ reach, departement: null, status: "pending", page: 1, pageSize: 1 });
    expect(first.structures).toMatchObject({ total: 20, pageCount: 20, more: true });
    expect(first.counts.pending).toEqual({ count: 20, more: true });
    expect(first.counts.verified).toEqual({ count: 0, more: false });
    const all = await reviewQueue({ reach, departement: null, status: "all", page: 1, pageSize: 1 });
    expect(all.structures).toMatchObject({ total: 20, more: true });
    // From page 3 the bound (2 + 20 rows) reaches the end: the count is the whole queue's.
    const third = await reviewQueue({ reach, departement: null, status: "pending", page: 3, pageSize: 1 });
    expect(third.structures).toMatchObject({ total: 22, pageCount: 22 });
    expect(third.structures.more).toBeUndefined();
    expect(third.counts.pending).toEqual({ count: 22, more: false });
  });
});

describe("the file a reviewer decides on", () => {
  test("commune, département, population with its year, and the SIRET as typed", async () => {
    const structure = await createStructure(db, { communeCode: RENNES, siret: "13002526500013" });
    const file = await structureForReview({ structureId: structure.id, reach: ["35"] });
    expect(file.structure).toMatchObject({
      communeName: "Rennes",
      departementCode: "35",
      departementName: "Ille-et-Vilaine",
      siret: "13002526500013",
    });
    expect(file.structure.communePopulation).toBeGreaterThan(200_000);
    expect(file.populationYear).toBe(2023);
    expect(file.documents).toEqual([]);
  });

  test("other structures at the same address however it is written, or of the same SIREN, within reach only", async () => {
    const siren = "813465027";
    const structure = await createStructure(db, { communeCode: RENNES, address: "12, Bd Victor-Hugo", siret: validSiret() });
    const samePlace = await createStructure(db, { communeCode: RENNES, address: "12 boulevard  Victor Hugo", legalName: "Tiers-lieu Hugo" });
    const elsewhereInRennes = await createStructure(db, { communeCode: RENNES, address: "14 boulevard Victor Hugo" });
    const sameAddressOtherCommune = await createStructure(db, { communeCode: SAINT_MALO, address: "12 bd Victor Hugo" });
    const first = await createStructure(db, { communeCode: RENNES, address: "3 rue de Brest", siret: validSiret(siren) });
    const sameSiren = await createStructure(db, { communeCode: SAINT_MALO, address: "Place Chateaubriand", siret: validSiret(siren) });
    const sameSirenIn29 = await createStructure(db, { communeCode: BREST, address: "Rue de Siam", siret: validSiret(siren) });

    const byPlace = await structureForReview({ structureId: structure.id, reach: ["35"] });
    expect(byPlace.related).toEqual({ total: 1, items: [expect.objectContaining({ id: samePlace.id, samePlace: true, sameSiren: false })] });
    expect([elsewhereInRennes.id, sameAddressOtherCommune.id]).not.toContain(byPlace.related.items[0].id);

    const bySiren = await structureForReview({ structureId: first.id, reach: ["35"] });
    expect(bySiren.related.items.map((s) => [s.id, s.sameSiren])).toEqual([[sameSiren.id, true]]);
    const national = await structureForReview({ structureId: first.id, reach: "all" });
    expect(national.related.items.map((s) => s.id).sort()).toEqual([sameSiren.id, sameSirenIn29.id].sort());
  });

  test("addresses are compared without case, accents, punctuation or abbreviations", async () => {
    const pairs: [string, string][] = [
      ["12, Bd Victor-Hugo", "12 boulevard victor hugo"],
      ["3 Av. de l'Église", "3 avenue de l eglise"],
      ["1 pl. St-Œnophile", "1 place saint oenophile"],
      ["5 r. des Lilas", "5 RUE DES LILAS"],
    ];
    for (const [a, b] of pairs) {
      const [row] = await db<{ same: boolean }[]>`select normalised_address(${a}) = normalised_address(${b}) as same`;
      expect(row.same, `${a} / ${b}`).toBe(true);
    }
    const [different] = await db<{ same: boolean }[]>`select normalised_address('12 rue des Lilas') = normalised_address('14 rue des Lilas') as same`;
    expect(different.same).toBe(false);
  });
});
