// The designer role follows a first proposal, in its transaction (app/accounts/designer-role.server.ts).
import { describe, expect, test } from "vitest";
import { startAsDesigner } from "~/accounts/designer-role.server";
import { listMemberships } from "~/accounts/users.server";
import { verifyAuditChain } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { createProposal, JurorCannotApply, ProposalLocked } from "~/submissions/proposals.server";
import { beforeSubmissions, duringSubmissions } from "../../support/calendar";
import { auditOf, contestWithAdmin, createJuror, createPerson } from "../../support/fixtures";
import { rejectionOf } from "../../support/rejection";

const { contest } = await contestWithAdmin(db);

function firstProposal(ownerId: number, now = duringSubmissions, contestId = contest.id) {
  return startAsDesigner(ownerId, (tx) => createProposal({ contestId, ownerId, now }, tx));
}

async function designerGrantsOf(userId: number) {
  return (await auditOf(db, "role.granted")).filter((entry) => entry.subject === `user:${userId}`);
}

async function proposalsOf(userId: number) {
  return db<{ id: number }[]>`select id from proposals where owner_id = ${userId} order by id`;
}

describe("starting a proposal makes a designer", () => {
  test("a person without a role becomes a designer, national scope, with their first proposal, audited as their own act", async () => {
    const person = await createPerson(db);
    expect(await listMemberships(person.id)).toEqual([]);
    const proposalId = await firstProposal(person.id);
    expect(await proposalsOf(person.id)).toEqual([{ id: proposalId }]);
    const memberships = await listMemberships(person.id);
    expect(memberships).toEqual([{ id: expect.any(Number), role: "designer", scope: "*" }]);
    expect(await designerGrantsOf(person.id)).toEqual([
      {
        actorId: person.id,
        subject: `user:${person.id}`,
        data: { role: "designer", scope: "*", membershipId: memberships[0].id, reason: "first_proposal" },
      },
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("a second proposal leaves one membership and one grant in the log", async () => {
    const person = await createPerson(db);
    await firstProposal(person.id);
    await firstProposal(person.id);
    expect(await proposalsOf(person.id)).toHaveLength(2);
    expect((await listMemberships(person.id)).map((m) => [m.role, m.scope])).toEqual([["designer", "*"]]);
    expect(await designerGrantsOf(person.id)).toHaveLength(1);
  });

  test("two first proposals at the same instant grant the role once", async () => {
    const person = await createPerson(db);
    await Promise.all([firstProposal(person.id), firstProposal(person.id), firstProposal(person.id)]);
    expect(await proposalsOf(person.id)).toHaveLength(3);
    expect((await listMemberships(person.id)).map((m) => [m.role, m.scope])).toEqual([["designer", "*"]]);
    expect(await designerGrantsOf(person.id)).toHaveLength(1);
  });

  test("a designer of one contest keeps that scope: no national role is added", async () => {
    const person = await createPerson(db, { roles: ["designer"], scope: `contest:${contest.id}` });
    await firstProposal(person.id);
    expect((await listMemberships(person.id)).map((m) => m.scope)).toEqual([`contest:${contest.id}`]);
    expect(await designerGrantsOf(person.id)).toEqual([]);
  });

  test("a refused start grants nothing: submissions not open, or a juror of the contest", async () => {
    const early = await createPerson(db);
    expect(await rejectionOf(firstProposal(early.id, beforeSubmissions))).toBeInstanceOf(ProposalLocked);
    expect(await listMemberships(early.id)).toEqual([]);
    expect(await proposalsOf(early.id)).toEqual([]);

    const juror = await createJuror(db, contest.id);
    expect(await rejectionOf(firstProposal(juror.id))).toBeInstanceOf(JurorCannotApply);
    expect((await listMemberships(juror.id)).map((m) => m.role)).toEqual(["juror"]);
    expect(await designerGrantsOf(juror.id)).toEqual([]);
  });

  test("the proposal and the role are one change: abandoned together with the caller's transaction", async () => {
    const person = await createPerson(db);
    const abandoned = db.begin(async (tx) => {
      await startAsDesigner(person.id, (inner) => createProposal({ contestId: contest.id, ownerId: person.id, now: duringSubmissions }, inner), tx);
      expect((await listMemberships(person.id, tx)).map((m) => m.role)).toEqual(["designer"]);
      throw new Error("abandon");
    });
    expect(await rejectionOf(abandoned)).toEqual(new Error("abandon"));
    expect(await proposalsOf(person.id)).toEqual([]);
    expect(await listMemberships(person.id)).toEqual([]);
    expect(await designerGrantsOf(person.id)).toEqual([]);
  });
});
