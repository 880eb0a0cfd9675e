// Each photo's description is its alternative text: the accessibility statement promises one for
// every photo shown, so a submission needs one per photo it freezes, and the version keeps it.
import { describe, expect, test } from "vitest";
import { listAuditPage } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { MediaFileNotFound } from "~/media/media";
import { describePhoto, listFilesForOwner } from "~/submissions/proposal-files.server";
import { createProposal, ProposalIncomplete, ProposalLocked, ProposalNotFound, saveDraft, submitProposal } from "~/submissions/proposals.server";
import { addReadyPhoto, completeDraft, contestWithAdmin, createDesigner, createPerson } from "../../support/fixtures";
import { duringSubmissions, justAfterDeadline } from "../../support/calendar";

async function draftWithPhotos(descriptions: (string | null)[]) {
  const contest = (await contestWithAdmin(db)).contest;
  const ownerId = (await createDesigner(db)).id;
  const proposalId = await createProposal({ contestId: contest.id, ownerId, now: duringSubmissions });
  await saveDraft({ proposalId, ownerId, draft: completeDraft, now: duringSubmissions });
  const photos: number[] = [];
  for (const description of descriptions) photos.push(await addReadyPhoto(db, proposalId, description));
  return { ownerId, proposalId, photos };
}

const revision = async (proposalId: number) =>
  (await db<{ draftRevision: number }[]>`select draft_revision from proposals where id = ${proposalId}`)[0].draftRevision;

describe("photo descriptions", () => {
  test("a photo without a description blocks the submission, named by its rank; once described, the version freezes it", async () => {
    const { ownerId, proposalId, photos } = await draftWithPhotos(["La valise ouverte.", null]);
    const error = await submitProposal({ proposalId, ownerId, now: duringSubmissions }).catch((e) => e);
    expect(error).toBeInstanceOf(ProposalIncomplete);
    expect((error as ProposalIncomplete).missing).toEqual([
      { field: `photo-${photos[1]}`, message: expect.stringMatching(/^Décrivez la photo 2 \(« kit\.jpg »\)/) },
    ]);
    expect(await db`select 1 from proposal_versions where proposal_id = ${proposalId}`).toHaveLength(0);

    await describePhoto({ proposalId, ownerId, fileId: photos[1], description: "Un atelier en médiathèque.", now: duringSubmissions });
    const receipt = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    expect(receipt.content.files.map((f) => [f.id, f.description])).toEqual([
      [photos[0], "La valise ouverte."],
      [photos[1], "Un atelier en médiathèque."],
    ]);
    expect((await listFilesForOwner({ proposalId, ownerId })).map((f) => f.description)).toEqual([
      "La valise ouverte.",
      "Un atelier en médiathèque.",
    ]);
  });

  test("a changed description makes the next submission a new version; the same text again does not", async () => {
    const { ownerId, proposalId, photos } = await draftWithPhotos(["La valise ouverte."]);
    const v1 = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    const before = await revision(proposalId);
    await describePhoto({ proposalId, ownerId, fileId: photos[0], description: "La valise ouverte.", now: duringSubmissions });
    expect(await revision(proposalId)).toBe(before);
    expect((await submitProposal({ proposalId, ownerId, now: duringSubmissions })).version).toBe(v1.version);

    await describePhoto({ proposalId, ownerId, fileId: photos[0], description: "La valise ouverte, tablette allumée.", now: duringSubmissions });
    const v2 = await submitProposal({ proposalId, ownerId, now: duringSubmissions });
    expect(v2.version).toBe(2);
    expect(v2.content.files[0].description).toBe("La valise ouverte, tablette allumée.");
    // Version 1 still says what was submitted then.
    const [first] = await db<
      { description: string }[]
    >`select content -> 'files' -> 0 ->> 'description' as description from proposal_versions where proposal_id = ${proposalId} and version = 1`;
    expect(first.description).toBe("La valise ouverte.");
    expect(
      (await listAuditPage({ subject: `proposal:${proposalId}`, page: 1 })).items.filter((e) => e.action === "proposal.photo_described"),
    ).toHaveLength(1);
  });

  test("only the owner describes, only a photo of the draft, only while submissions are open", async () => {
    const { ownerId, proposalId, photos } = await draftWithPhotos([null]);
    const stranger = (await createPerson(db, { name: "Autre" })).id;
    const input = { proposalId, ownerId, fileId: photos[0], description: "La valise.", now: duringSubmissions };
    await expect(describePhoto({ ...input, ownerId: stranger })).rejects.toBeInstanceOf(ProposalNotFound);
    await expect(describePhoto({ ...input, now: justAfterDeadline })).rejects.toBeInstanceOf(ProposalLocked);
    const [document] = await db<{ id: number }[]>`
      insert into proposal_files (proposal_id, kind, display_name, media_type, original_key, original_size, original_sha256)
      values (${proposalId}, 'document', 'plan.pdf', 'application/pdf', ${`uploads/doc-${proposalId}`}, 10, ${"c".repeat(64)}) returning id`;
    await expect(describePhoto({ ...input, fileId: document.id })).rejects.toBeInstanceOf(MediaFileNotFound);
    const other = await draftWithPhotos([null]);
    await expect(describePhoto({ ...input, fileId: other.photos[0] })).rejects.toBeInstanceOf(MediaFileNotFound);
    expect((await listFilesForOwner({ proposalId, ownerId }))[0].description).toBeNull();
  });

  test("the database holds the rules too: bounded, never on a document", async () => {
    const { photos } = await draftWithPhotos([null]);
    await expect(db`update proposal_files set description = ${"a".repeat(301)} where id = ${photos[0]}`).rejects.toThrow(/check constraint/);
    await expect(db`update proposal_files set description = '' where id = ${photos[0]}`).rejects.toThrow(/check constraint/);
    await expect(db`update proposal_files set kind = 'document', description = 'x' where id = ${photos[0]}`).rejects.toThrow(/check constraint/);
  });
});
