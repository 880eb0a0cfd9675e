// The jury's decisions: for each eligible entry, laureate (with the final unit price and monthly
// capacity confirmed) or not retained, each with the motivation the candidate will read. Taken
// after the seal, editable until the results are published, every change audited.
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, NotFound } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import type { ProposalStatus } from "~/submissions/statuses";
import type { DecisionInput, DecisionOutcome } from "./decision-schemas";

/** The decision cannot be taken now (not sealed, already published); the message says why. */
export class DecisionRefused extends Conflict {}

/** No entry of this contest that a decision could be about. */
export class DecisionEntryNotFound extends NotFound {
  constructor() {
    super("Proposition introuvable.");
  }
}

export type Decision = {
  proposalId: number;
  contestId: number;
  outcome: DecisionOutcome;
  motivation: string;
  finalUnitPriceCents: number | null;
  finalMonthlyCapacity: number | null;
  decidedAt: Date;
  decidedByName: string | null;
};

export type DecisionEntry = {
  proposalId: number;
  status: ProposalStatus;
  candidateName: string;
  /** The fields of the version the jury reviewed. */
  fields: ProposalDraft;
  decision: Decision | null;
};

/** One entry of a contest with what the decision form needs (an admin's view: identity included). */
export async function findDecisionEntry(contestId: number, proposalId: number, sql: Sql = db): Promise<DecisionEntry> {
  const [row]: [{ id: number; status: ProposalStatus; ownerName: string; fields: ProposalDraft | null; draft: ProposalDraft }?] = await sql`
    select p.id, p.status, u.name as owner_name, v.content -> 'fields' as fields, p.draft
    from proposals p
    join users u on u.id = p.owner_id
    left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
    where p.id = ${proposalId} and p.contest_id = ${contestId} and p.status in ('eligible', 'laureate', 'not_retained')`;
  if (!row) throw new DecisionEntryNotFound();
  const [decision]: [Decision?] = await sql`
    select d.proposal_id, d.contest_id, d.outcome, d.motivation, d.final_unit_price_cents, d.final_monthly_capacity,
           d.decided_at, u.name as decided_by_name
    from decisions d left join users u on u.id = d.decided_by
    where d.proposal_id = ${proposalId}`;
  return {
    proposalId: row.id,
    status: row.status,
    candidateName: row.ownerName,
    fields: { ...emptyDraft, ...(row.fields ?? row.draft) },
    decision: decision ?? null,
  };
}

/**
 * Records (or replaces) the decision on an eligible entry, after the seal and before publication.
 * The contest row is locked, so a decision never slips in beside a publication.
 */
export async function recordDecision(
  input: { contestId: number; proposalId: number; decision: DecisionInput; actorId: number; now: Date },
  sql: Sql = db,
): Promise<void> {
  await transaction(sql, async (tx) => {
    const [contest] = await tx`select id from contests where id = ${input.contestId} for update`;
    if (!contest) throw new DecisionEntryNotFound();
    const [proposal]: [{ id: number; status: ProposalStatus }?] = await tx`
      select id, status from proposals where id = ${input.proposalId} and contest_id = ${input.contestId}`;
    if (!proposal || !["eligible", "laureate", "not_retained"].includes(proposal.status)) throw new DecisionEntryNotFound();
    const [published] = await tx`select 1 from publications where contest_id = ${input.contestId}`;
    if (published) throw new DecisionRefused("Les résultats sont publiés : les décisions ne se modifient plus.");
    const [sealed] = await tx`select 1 from score_seals where contest_id = ${input.contestId}`;
    if (!sealed) throw new DecisionRefused("Scellez d'abord les notes : les décisions se prennent sur les notes scellées.");

    const { outcome, motivation, finalUnitPriceCents, finalMonthlyCapacity } = input.decision;
    const [previous]: [{ outcome: DecisionOutcome }?] = await tx`select outcome from decisions where proposal_id = ${proposal.id}`;
    await tx`
      insert into decisions (proposal_id, contest_id, outcome, motivation, final_unit_price_cents, final_monthly_capacity, decided_by, decided_at)
      values (${proposal.id}, ${input.contestId}, ${outcome}, ${motivation}, ${finalUnitPriceCents}, ${finalMonthlyCapacity}, ${input.actorId}, ${input.now})
      on conflict (proposal_id) do update set
        outcome = excluded.outcome, motivation = excluded.motivation,
        final_unit_price_cents = excluded.final_unit_price_cents, final_monthly_capacity = excluded.final_monthly_capacity,
        decided_by = excluded.decided_by, decided_at = excluded.decided_at`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: previous ? "decision.changed" : "decision.recorded",
      subject: `proposal:${proposal.id}`,
      data: {
        contestId: input.contestId,
        outcome,
        ...(previous && previous.outcome !== outcome ? { previousOutcome: previous.outcome } : {}),
        motivation,
        ...(finalUnitPriceCents !== null ? { finalUnitPriceCents, finalMonthlyCapacity } : {}),
      },
    });
  });
}
