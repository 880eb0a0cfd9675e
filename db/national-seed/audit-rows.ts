// The audit entries of the seeded orders, chained as appendAudit would have chained them (each
// chain in the order of its entries' instants, after what the chain already holds), so that the
// orders' timelines and the journal read them and verifyAuditChain finds every chain whole.
import { entryHash, GENESIS_HASH } from "../../app/audit/chain";
import type { TableRows } from "./copy";

export type AuditEvent = { chain: string; at: Date; actorId: number | null; action: string; subject: string; data: Record<string, unknown> };
export type ChainHead = { lastId: number; lastHash: string };

export function chainedAuditRows(
  events: readonly AuditEvent[],
  heads: ReadonlyMap<string, ChainHead>,
): { log: TableRows; heads: Map<string, ChainHead> } {
  const byChain = new Map<string, AuditEvent[]>();
  for (const event of events) {
    const chain = byChain.get(event.chain);
    if (chain) chain.push(event);
    else byChain.set(event.chain, [event]);
  }
  const rows: unknown[][] = [];
  const after = new Map<string, ChainHead>();
  for (const [chain, chainEvents] of [...byChain].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let head = heads.get(chain) ?? { lastId: 0, lastHash: GENESIS_HASH };
    // Stable: entries of one instant keep the order they were made in.
    for (const event of [...chainEvents].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const entry = {
        chain,
        id: head.lastId + 1,
        at: event.at.toISOString(),
        actorId: event.actorId,
        action: event.action,
        subject: event.subject,
        data: event.data,
      };
      const hash = entryHash(head.lastHash, entry);
      rows.push([chain, entry.id, event.at, event.actorId, event.action, event.subject, { json: event.data }, head.lastHash, hash]);
      head = { lastId: entry.id, lastHash: hash };
    }
    after.set(chain, head);
  }
  return {
    log: { table: "audit_log", columns: ["chain", "id", "at", "actor_id", "action", "subject", "data", "prev_hash", "hash"], rows: rows as never },
    heads: after,
  };
}
