import { appendMovement } from "~/envelope/ledger.server";
import type { Sql } from "~/infra/db.server";

/** What an order does to the envelope, without the order: part of a département's cap reserved, with its ledger entry. */
export async function reserveOnLedger(tx: Sql, reservation: { campaignId: number; departementCode: string; cents: number; at: Date }) {
  const { campaignId, departementCode, cents } = reservation;
  await tx`update allocations set reserved_cents = reserved_cents + ${cents} where campaign_id = ${campaignId} and departement_code = ${departementCode}`;
  await appendMovement(tx, {
    campaignId,
    kind: "reservation",
    actorId: null,
    at: reservation.at,
    entries: [{ departementCode, reservedDelta: cents }],
  });
}
