import { appendAudit } from "~/audit/audit.server";
import { currentPublicContest, findContestById, type Contest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf, Refused, type FieldErrors } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { holdsJurySeat } from "~/contest/candidacy.server";
import { queueMail } from "~/mail/outbox.server";
import { emptyDraft, missingForSubmission, type Missing, type ProposalDraft } from "./schemas";
import { proposalStatuses, statusLabels, type ProposalStatus } from "./statuses";
import { receiptNumber, versionDigest, type FrozenFile, type VersionContent } from "./version";

export { proposalStatuses, statusLabels, type ProposalStatus };

export type Proposal = {
  id: number;
  contestId: number;
  ownerId: number;
  status: ProposalStatus;
  title: string;
  draft: ProposalDraft;
  draftRevision: number;
  currentVersion: number;
  ineligibilityReason: string | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type Receipt = {
  proposalId: number;
  version: number;
  receiptNumber: string;
  submittedAt: Date;
  digest: string;
  content: VersionContent;
};

/** The proposal does not exist, or belongs to someone else: both answer 404. */
export const ProposalNotFound = notFoundOf("ProposalNotFound", "Proposition introuvable.");

/** The contest's phase (by the server clock) or the proposal's status does not allow this. */
export class ProposalLocked extends Conflict {
  override name = "ProposalLocked";
}

/** A juror of a contest cannot be a candidate in it (docs/architecture.md, Invariants). */
export class JurorCannotApply extends ProposalLocked {
  override name = "JurorCannotApply";
  constructor() {
    super("Vous êtes membre du jury de ce concours : vous ne pouvez pas y déposer de proposition.");
  }
}

/** The draft lacks what a submission needs: every missing field is named, beside its field. */
export class ProposalIncomplete extends Refused {
  override name = "ProposalIncomplete";
  constructor(
    readonly missing: Missing[],
    message = "La proposition est incomplète.",
  ) {
    super(message);
  }

  override fieldErrors(): FieldErrors {
    return { _form: this.message, ...Object.fromEntries(this.missing.map((m) => [m.field, m.message])) };
  }
}

function assertSubmissionsOpen(contest: Contest, now: Date) {
  const phase = contestPhase(contest.calendar, now);
  if (phase === "submissions_open") return;
  if (phase === "draft") {
    throw new ProposalLocked(`Les candidatures ouvriront le ${formatParis(contest.calendar.submissionsOpenAt)}.`);
  }
  throw new ProposalLocked(
    `Les candidatures sont closes depuis le ${formatParis(contest.calendar.submissionsCloseAt)} (heure de Paris) : la proposition ne peut plus être modifiée ni déposée.`,
  );
}

export async function createProposal(input: { contestId: number; ownerId: number; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    const contest = await findContestById(input.contestId, tx);
    if (!contest) throw new ProposalNotFound();
    assertSubmissionsOpen(contest, input.now);
    if (await holdsJurySeat(input.contestId, input.ownerId, tx)) throw new JurorCannotApply();
    const [row] = await tx<{ id: number }[]>`
      insert into proposals (contest_id, owner_id, draft) values (${input.contestId}, ${input.ownerId}, ${tx.json(emptyDraft as never)})
      returning id`;
    await appendAudit(tx, {
      actorId: input.ownerId,
      action: "proposal.created",
      subject: `proposal:${row.id}`,
      data: { contestId: input.contestId },
    });
    return row.id;
  });
}

/** A new proposal in the contest open for submissions now; ProposalLocked when there is none. */
export async function createProposalInCurrentContest(input: { ownerId: number; now: Date }, sql: Sql = db) {
  const contest = await currentPublicContest(input.now, sql);
  if (!contest) throw new ProposalLocked("Aucun concours n'est ouvert pour le moment.");
  return createProposal({ contestId: contest.id, ownerId: input.ownerId, now: input.now }, sql);
}

/** A proposal as its owner sees it; anyone else gets ProposalNotFound. */
export async function findProposalForOwner(proposalId: number, ownerId: number, sql: Sql = db): Promise<Proposal> {
  const [row]: [Proposal?] = await sql`
    select id, contest_id, owner_id, status, title, draft, draft_revision, current_version,
           ineligibility_reason, withdrawn_at, created_at, updated_at
    from proposals where id = ${proposalId} and owner_id = ${ownerId}`;
  if (!row) throw new ProposalNotFound();
  return { ...row, draft: { ...emptyDraft, ...row.draft } };
}

/** The owner's proposal with its contest, whose themes, audiences and limits shape the proposal's form. */
export async function findProposalWithContest(proposalId: number, ownerId: number, sql: Sql = db) {
  const proposal = await findProposalForOwner(proposalId, ownerId, sql);
  const contest = await findContestById(proposal.contestId, sql);
  if (!contest) throw new ProposalNotFound();
  return { proposal, contest };
}

/** The owner's proposal, locked for the rest of the transaction; anyone else gets ProposalNotFound. */
export async function lockProposal(proposalId: number, ownerId: number, tx: Sql) {
  const [row]: [Proposal?] = await tx`
    select id, contest_id, owner_id, status, title, draft, draft_revision, current_version,
           ineligibility_reason, withdrawn_at, created_at, updated_at
    from proposals where id = ${proposalId} and owner_id = ${ownerId} for update`;
  if (!row) throw new ProposalNotFound();
  return { ...row, draft: { ...emptyDraft, ...row.draft } };
}

/** The proposal's contest when the proposal may still be edited at `now`; ProposalLocked otherwise. */
export async function editableContest(proposal: Proposal, now: Date, tx: Sql) {
  const contest = await findContestById(proposal.contestId, tx);
  if (!contest) throw new ProposalNotFound();
  assertSubmissionsOpen(contest, now);
  if (proposal.status === "withdrawn") throw new ProposalLocked("Cette proposition a été retirée : elle ne peut plus être modifiée.");
  return contest;
}

/** Saves whatever is filled in; only during the submission phase, by the server clock. */
export async function saveDraft(input: { proposalId: number; ownerId: number; draft: ProposalDraft; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    const proposal = await lockProposal(input.proposalId, input.ownerId, tx);
    await editableContest(proposal, input.now, tx);
    // Saving the same content again (a retried request, "save" then "submit") keeps the revision,
    // so it is not mistaken for a change worth a new version.
    await tx`
      update proposals
      set draft = ${tx.json(input.draft as never)}, title = ${input.draft.title},
          draft_revision = draft_revision + (draft <> ${tx.json(input.draft as never)})::int, updated_at = now()
      where id = ${input.proposalId}`;
  });
}

/** Files frozen into a version: the ready ones not removed from the draft. */
async function readyFiles(proposalId: number, tx: Sql): Promise<FrozenFile[]> {
  return tx<FrozenFile[]>`
    select id, kind, display_name as name, original_sha256 as sha256, ready_sha256, description
    from proposal_files
    where proposal_id = ${proposalId} and removed_at is null and status = 'ready'
    order by id`;
}

/**
 * Freezes the current draft into a new immutable version and issues its receipt. Submitting a
 * draft already frozen (double click, retry, two tabs) returns that version's receipt instead.
 */
export async function submitProposal(input: { proposalId: number; ownerId: number; now: Date }, sql: Sql = db): Promise<Receipt> {
  const receipt = await transaction(sql, async (tx) => {
    const proposal = await lockProposal(input.proposalId, input.ownerId, tx);
    const contest = await editableContest(proposal, input.now, tx);
    const [already]: [{ version: number }?] = await tx`
      select version from proposal_versions
      where proposal_id = ${proposal.id} and draft_revision = ${proposal.draftRevision}`;
    if (already) return { receipt: await findReceipt(proposal.id, already.version, tx), fresh: false };

    const files = await readyFiles(proposal.id, tx);
    const photos = files.filter((f) => f.kind === "photo").map((f) => ({ id: f.id, name: f.name, description: f.description ?? null }));
    const missing = missingForSubmission(proposal.draft, photos);
    if (missing.length) throw new ProposalIncomplete(missing);

    const version = proposal.currentVersion + 1;
    const content: VersionContent = { proposal: proposal.id, contest: contest.id, version, fields: proposal.draft, files };
    const { digest } = versionDigest(content);
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Paris", year: "numeric" }).format(input.now));
    const [{ sequence }] = await tx<{ sequence: number }[]>`select nextval('receipt_number_seq') as sequence`;
    const number = receiptNumber(year, sequence);
    await tx`
      insert into proposal_versions (proposal_id, version, draft_revision, receipt_number, submitted_at, submitted_by, content, digest)
      values (${proposal.id}, ${version}, ${proposal.draftRevision}, ${number}, ${input.now}, ${input.ownerId},
              ${tx.json(content as never)}, ${digest})`;
    await tx`
      update proposals set status = 'submitted', current_version = ${version}, updated_at = now()
      where id = ${proposal.id}`;
    await appendAudit(tx, {
      actorId: input.ownerId,
      action: "proposal.submitted",
      subject: `proposal:${proposal.id}`,
      data: { version, receiptNumber: number, digest },
    });
    const [owner] = await tx<{ email: string; name: string }[]>`select email, name from users where id = ${input.ownerId}`;
    await queueMail(
      {
        to: owner.email,
        subject: `Récépissé de dépôt ${number} — ${proposal.draft.title}`,
        text: [
          `Bonjour ${owner.name},`,
          "",
          `Votre proposition « ${proposal.draft.title} » a bien été déposée au concours « ${contest.title} ».`,
          "",
          `Numéro de récépissé : ${number}`,
          `Version : ${version}`,
          `Déposée le : ${formatParis(input.now)} (heure de Paris)`,
          `Empreinte SHA-256 de la version : ${digest}`,
          "",
          "Vous pouvez la modifier et la déposer de nouveau jusqu'à la clôture : chaque dépôt crée une nouvelle version et un nouveau récépissé.",
        ].join("\n"),
      },
      tx,
    );
    return { receipt: await findReceipt(proposal.id, version, tx), fresh: true };
  });
  return receipt.receipt;
}

/**
 * "Déposer cette version": saves what the form holds, then submits it. The save stands even when
 * the submission is refused (incomplete), so nothing typed is lost.
 */
export async function saveAndSubmit(input: { proposalId: number; ownerId: number; draft: ProposalDraft; now: Date }, sql: Sql = db) {
  await saveDraft(input, sql);
  try {
    return await submitProposal({ proposalId: input.proposalId, ownerId: input.ownerId, now: input.now }, sql);
  } catch (error) {
    if (!(error instanceof ProposalIncomplete)) throw error;
    throw new ProposalIncomplete(error.missing, "Le brouillon est enregistré, mais il manque des éléments pour le déposer.");
  }
}

export async function findReceipt(proposalId: number, version: number, sql: Sql = db): Promise<Receipt> {
  const [row]: [Receipt?] = await sql`
    select proposal_id, version, receipt_number, submitted_at, digest, content
    from proposal_versions where proposal_id = ${proposalId} and version = ${version}`;
  if (!row) throw new ProposalNotFound();
  return row;
}

/** A receipt of the owner's proposal, with the title of the contest it was submitted to. */
export async function findReceiptForOwner(proposalId: number, version: number, ownerId: number, sql: Sql = db) {
  await findProposalForOwner(proposalId, ownerId, sql);
  const receipt = await findReceipt(proposalId, version, sql);
  const contest = await findContestById(receipt.content.contest, sql);
  return { receipt, contestTitle: contest?.title ?? "" };
}

/** Withdraws a proposal before the deadline; its versions stay, frozen. */
export async function withdrawProposal(input: { proposalId: number; ownerId: number; now: Date }, sql: Sql = db) {
  return transaction(sql, async (tx) => {
    const proposal = await lockProposal(input.proposalId, input.ownerId, tx);
    await editableContest(proposal, input.now, tx);
    await tx`update proposals set status = 'withdrawn', withdrawn_at = ${input.now}, updated_at = now() where id = ${proposal.id}`;
    await appendAudit(tx, { actorId: input.ownerId, action: "proposal.withdrawn", subject: `proposal:${proposal.id}` });
  });
}

export type OwnProposal = {
  id: number;
  title: string;
  status: ProposalStatus;
  currentVersion: number;
  contestTitle: string;
  contestSlug: string;
  updatedAt: Date;
  ineligibilityReason: string | null;
};

export async function listProposalsOfOwner(ownerId: number, sql: Sql = db): Promise<OwnProposal[]> {
  return sql<OwnProposal[]>`
    select p.id, p.title, p.status, p.current_version, c.title as contest_title, c.slug as contest_slug,
           p.updated_at, p.ineligibility_reason
    from proposals p join contests c on c.id = p.contest_id
    where p.owner_id = ${ownerId}
    order by p.updated_at desc`;
}

/** After the deadline, an admin rules a submitted proposal eligible, or ineligible with a reason the candidate reads. */
export async function ruleEligibility(
  input: { proposalId: number; ruling: "eligible" | "ineligible"; reason?: string; actorId: number; now: Date },
  sql: Sql = db,
) {
  return transaction(sql, async (tx) => {
    const [proposal]: [{ id: number; contestId: number; status: ProposalStatus }?] = await tx`
      select id, contest_id, status from proposals where id = ${input.proposalId} for update`;
    if (!proposal) throw new ProposalNotFound();
    const contest = await findContestById(proposal.contestId, tx);
    const phase = contestPhase(contest!.calendar, input.now);
    if (phase === "draft" || phase === "submissions_open") {
      throw new ProposalLocked("La recevabilité se prononce après la clôture des candidatures.");
    }
    if (phase === "deliberation" || phase === "results_published") {
      throw new ProposalLocked(`La recevabilité ne se modifie plus en phase « ${phaseLabels[phase]} ».`);
    }
    if (!["submitted", "eligible", "ineligible"].includes(proposal.status)) {
      throw new ProposalLocked("Seule une proposition déposée peut être déclarée recevable ou irrecevable.");
    }
    const reason = input.ruling === "ineligible" ? (input.reason ?? "") : null;
    await tx`
      update proposals set status = ${input.ruling}, ineligibility_reason = ${reason},
             ruled_by = ${input.actorId}, ruled_at = ${input.now}, updated_at = now()
      where id = ${proposal.id}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: `proposal.ruled_${input.ruling}`,
      subject: `proposal:${proposal.id}`,
      data: reason ? { reason } : {},
    });
  });
}

export type VersionSummary = { version: number; receiptNumber: string; submittedAt: Date; digest: string };

export async function listVersions(proposalId: number, sql: Sql = db): Promise<VersionSummary[]> {
  return sql<VersionSummary[]>`
    select version, receipt_number, submitted_at, digest from proposal_versions
    where proposal_id = ${proposalId} order by version desc`;
}
