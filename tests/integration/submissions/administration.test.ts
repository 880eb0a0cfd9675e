import { describe, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { formatEuros } from "~/money/euros";
import { findProposalForAdmin, listProposalsForExport, proposalsCsv } from "~/submissions/administration.server";
import { createProposal, saveDraft, submitProposal } from "~/submissions/proposals.server";
import { addReadyPhoto, completeDraft, contestWithAdmin, createPerson } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

describe("proposals seen by admins", () => {
  test("filters by status, theme and audience; the CSV carries each proposal with its receipt", async () => {
    const contest = (await contestWithAdmin(db)).contest;
    const alice = (await createPerson(db, { name: "Alice Martin" })).id;
    const bob = (await createPerson(db, { name: "Bob Durand" })).id;
    const submitted = await createProposal({ contestId: contest.id, ownerId: alice, now: duringSubmissions });
    await saveDraft({ proposalId: submitted, ownerId: alice, draft: { ...completeDraft, title: "=Kit formule" }, now: duringSubmissions });
    await addReadyPhoto(db, submitted);
    const receipt = await submitProposal({ proposalId: submitted, ownerId: alice, now: duringSubmissions });
    const draft = await createProposal({ contestId: contest.id, ownerId: bob, now: duringSubmissions });
    await saveDraft({
      proposalId: draft,
      ownerId: bob,
      draft: {
        ...completeDraft,
        title: "Brouillon",
        themes: ["Achats en ligne", "Démarches administratives"],
        audiences: ["Jeunes"],
        organisationName: "Atelier Numérique",
        organisationSiret: "12345678900011",
      },
      now: duringSubmissions,
    });

    expect((await listProposalsForExport(contest.id, {})).map((p) => p.id)).toEqual([submitted, draft]);
    expect((await listProposalsForExport(contest.id, { status: "submitted" })).map((p) => p.id)).toEqual([submitted]);
    expect((await listProposalsForExport(contest.id, { theme: "Achats en ligne" })).map((p) => p.id)).toEqual([draft]);
    expect((await listProposalsForExport(contest.id, { audience: "Personnes âgées" })).map((p) => p.id)).toEqual([submitted]);

    const csv = proposalsCsv(await listProposalsForExport(contest.id, {}));
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(receipt.receiptNumber);
    // Submitted at noon, Paris time (11:00 UTC), as the interface shows it.
    expect(lines[0].split(";")[5]).toBe("Déposée le (heure de Paris)");
    expect(lines[1].split(";")[5]).toBe("10/03/2026 12:00:00");
    expect(lines[1]).toContain("'=Kit formule");
    expect(lines[1]).toContain("Alice Martin");
    expect(lines[2]).toContain("Brouillon");
    // The draft's own columns: organisation, SIRET, themes and audiences in their order, price, capacity, lead time, licence.
    expect(lines[2].split(";").slice(8)).toEqual([
      "Atelier Numérique",
      "12345678900011",
      "Achats en ligne, Démarches administratives",
      "Jeunes",
      formatEuros(18950),
      "200",
      "21",
      "CC BY-SA 4.0",
      "",
    ]);
    // A proposal whose draft was never written: empty columns, not an error.
    const untouched = await createProposal({ contestId: contest.id, ownerId: bob, now: duringSubmissions });
    const [untouchedRow] = (await listProposalsForExport(contest.id, {})).filter((p) => p.id === untouched);
    expect(proposalsCsv([untouchedRow]).trim().split("\r\n")[1].split(";").slice(10, 16)).toEqual(["", "", "", "", "", ""]);

    const detail = await findProposalForAdmin(submitted, contest.id);
    expect(detail?.submitted?.title).toBe("=Kit formule");
    expect(detail?.versions.map((v) => v.receiptNumber)).toEqual([receipt.receiptNumber]);
    expect(await findProposalForAdmin(submitted, contest.id + 1000)).toBeNull();
  });
});
