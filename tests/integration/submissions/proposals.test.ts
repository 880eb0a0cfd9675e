import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { canonicalJson } from "~/audit/chain";
import { listAuditPage } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import {
  createProposal,
  findProposalForOwner,
  findReceipt,
  ProposalIncomplete,
  ProposalLocked,
  ProposalNotFound,
  ruleEligibility,
  saveDraft,
  submitProposal,
  withdrawProposal,
} from "~/submissions/proposals.server";
import { addReadyPhoto, completeDraft, contestWithAdmin, createDesigner, createPerson } from "../../support/fixtures";
import { deadline, duringSubmissions, justAfterDeadline } from "../../support/calendar";

async function readyProposal() {
  const contest = (await contestWithAdmin(db)).contest;
  const ownerId = (await createDesigner(db)).id;
  const proposalId = await createProposal({ contestId: contest.id, ownerId, now: duringSubmissions });
  await saveDraft({ proposalId, ownerId, draft: completeDraft, now: duringSubmissions });
  await addReadyPhoto(db, proposalId);
  return { contest, ownerId, proposalId };
}

describe("proposals", () => {
  test("submitting freezes a version with a receipt whose digest is the SHA-256 of its canonical content", async () => {
    const { ownerId, proposalId } = await readyProposal();
    const receipt = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    expect(receipt.version).toBe(1);
    expect(receipt.receiptNumber).toMatch(/^KIT-2026-\d{5}$/);
    expect(receipt.submittedAt.toISOString()).toBe(duringSubmissions.toISOString());
    const sortedFiles = [...receipt.content.files].sort((a, b) => a.id - b.id);
    expect(receipt.digest).toBe(
      createHash("sha256")
        .update(canonicalJson({ ...receipt.content, files: sortedFiles }))
        .digest("hex"),
    );
    expect(receipt.content.fields.title).toBe(completeDraft.title);
    expect((await findProposalForOwner(proposalId, ownerId)).status).toBe("submitted");
    const [mail] = await db<{ subject: string; textBody: string }[]>`select subject, text_body from mail_outbox order by id desc limit 1`;
    expect(mail.subject).toContain(receipt.receiptNumber);
    expect(mail.textBody).toContain(receipt.digest);
  });

  test("an incomplete draft is refused, naming what is missing", async () => {
    const contest = (await contestWithAdmin(db)).contest;
    const ownerId = (await createDesigner(db)).id;
    const proposalId = await createProposal({ contestId: contest.id, ownerId, now: duringSubmissions });
    await saveDraft({ proposalId, ownerId, draft: { ...completeDraft, pitch: "" }, now: duringSubmissions });
    const error = await submitProposal({ proposalId, ownerId, now: duringSubmissions }).catch((e) => e);
    expect(error).toBeInstanceOf(ProposalIncomplete);
    expect((error as ProposalIncomplete).missing.map((m) => m.field)).toEqual(["pitch", "photos"]);
    // Every missing field comes back beside its field, under the form's own message.
    expect(Object.keys((error as ProposalIncomplete).fieldErrors())).toEqual(["_form", "pitch", "photos"]);
    expect(await db`select 1 from proposal_versions where proposal_id = ${proposalId}`).toHaveLength(0);
  });

  test("two submits of the same draft at once make one version, not two", async () => {
    const { ownerId, proposalId } = await readyProposal();
    const receipts = await Promise.all([
      submitProposal({ proposalId, ownerId, now: duringSubmissions }),
      submitProposal({ proposalId, ownerId, now: duringSubmissions }),
      submitProposal({ proposalId, ownerId, now: duringSubmissions }),
    ]);
    expect(new Set(receipts.map((r) => r.receiptNumber)).size).toBe(1);
    expect(await db`select 1 from proposal_versions where proposal_id = ${proposalId}`).toHaveLength(1);
  });

  test("editing then submitting again gives version 2 with a new receipt; version 1 is unchanged", async () => {
    const { ownerId, proposalId } = await readyProposal();
    const first = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    await saveDraft({ proposalId, ownerId, draft: { ...completeDraft, title: "Kit révisé" }, now: duringSubmissions });
    const second = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    expect(second.version).toBe(2);
    expect(second.receiptNumber).not.toBe(first.receiptNumber);
    expect(second.digest).not.toBe(first.digest);
    const again = await findReceipt(proposalId, 1);
    expect(again.digest).toBe(first.digest);
    expect(again.content.fields.title).toBe(completeDraft.title);
  });

  test("a submitted version can never be changed, even in SQL", async () => {
    const { ownerId, proposalId } = await readyProposal();
    await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    await expect(db`update proposal_versions set digest = ${"0".repeat(64)} where proposal_id = ${proposalId}`).rejects.toThrow(/never changes/);
    await expect(db`delete from proposal_versions where proposal_id = ${proposalId}`).rejects.toThrow(/never changes/);
  });

  test("one second after the deadline, saving and submitting are refused with a clear message", async () => {
    const { ownerId, proposalId } = await readyProposal();
    const late = justAfterDeadline;
    await expect(submitProposal({ proposalId, ownerId, now: late })).rejects.toThrow(/candidatures sont closes depuis le 29 mars 2026/);
    await expect(saveDraft({ proposalId, ownerId, draft: completeDraft, now: late })).rejects.toBeInstanceOf(ProposalLocked);
    await expect(submitProposal({ proposalId, ownerId, now: new Date(deadline.getTime() - 1000) })).resolves.toMatchObject({ version: 1 });
  });

  test("someone else's proposal is not found", async () => {
    const { proposalId } = await readyProposal();
    const stranger = (await createPerson(db, { name: "Intrus" })).id;
    await expect(findProposalForOwner(proposalId, stranger)).rejects.toBeInstanceOf(ProposalNotFound);
    await expect(submitProposal({ proposalId, ownerId: stranger, now: duringSubmissions })).rejects.toBeInstanceOf(ProposalNotFound);
    await expect(saveDraft({ proposalId, ownerId: stranger, draft: completeDraft, now: duringSubmissions })).rejects.toBeInstanceOf(ProposalNotFound);
  });

  test("a withdrawn proposal can no longer be edited", async () => {
    const { ownerId, proposalId } = await readyProposal();
    await withdrawProposal({ proposalId, ownerId, now: duringSubmissions });
    await expect(saveDraft({ proposalId, ownerId, draft: completeDraft, now: duringSubmissions })).rejects.toThrow(/retirée/);
  });

  test("eligibility is ruled after the deadline only; an ineligible ruling carries its reason, audited", async () => {
    const { ownerId, proposalId } = await readyProposal();
    await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    const admin = (await createPerson(db, { name: "Admin" })).id;
    await expect(ruleEligibility({ proposalId, ruling: "eligible", actorId: admin, now: duringSubmissions })).rejects.toThrow(/après la clôture/);
    const after = new Date(deadline.getTime() + 3_600_000);
    await ruleEligibility({ proposalId, ruling: "ineligible", reason: "Le kit n'est pas prêt à l'emploi.", actorId: admin, now: after });
    const proposal = await findProposalForOwner(proposalId, ownerId);
    expect(proposal).toMatchObject({ status: "ineligible", ineligibilityReason: "Le kit n'est pas prêt à l'emploi." });
    const [entry] = (await listAuditPage({ subject: `proposal:${proposalId}`, page: 1 })).items;
    expect(entry).toMatchObject({ action: "proposal.ruled_ineligible", actorId: admin, data: { reason: "Le kit n'est pas prêt à l'emploi." } });
    await expect(db`update proposals set status = 'ineligible', ineligibility_reason = null where id = ${proposalId}`).rejects.toThrow(
      /proposals_check/,
    );
  });
});

describe("draft revisions", () => {
  test("saving unchanged content then submitting again returns the same version (a double click on « Déposer »)", async () => {
    const { ownerId, proposalId } = await readyProposal();
    await saveDraft({ proposalId, ownerId, draft: completeDraft, now: duringSubmissions });
    const first = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    await saveDraft({ proposalId, ownerId, draft: { ...completeDraft }, now: duringSubmissions });
    const second = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    expect(second.receiptNumber).toBe(first.receiptNumber);
  });
});
