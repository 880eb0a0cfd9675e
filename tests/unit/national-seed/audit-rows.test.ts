import { expect, test } from "vitest";
import { GENESIS_HASH, verifyChain, type StoredAuditEntry } from "~/audit/chain";
import { chainedAuditRows, type AuditEvent } from "../../../db/national-seed/audit-rows";

const event = (chain: string, at: string, action: string): AuditEvent => ({
  chain,
  at: new Date(at),
  actorId: 1,
  action,
  subject: "order:1",
  data: { totalCents: 100 },
});

test("each chain continues after its head, in the order of its entries' instants, and verifies", () => {
  const events = [
    event("main", "2026-03-02T10:00:00Z", "order.approved"),
    event("departement:59", "2026-03-01T10:00:00Z", "order.submitted"),
    event("main", "2026-03-01T12:00:00Z", "order.rejected"),
  ];
  const { log, heads } = chainedAuditRows(events, new Map([["main", { lastId: 0, lastHash: GENESIS_HASH }]]));
  const stored = (chain: string): StoredAuditEntry[] =>
    log.rows
      .filter((row) => row[0] === chain)
      .map(([, id, at, actorId, action, subject, data, prevHash, hash]) => ({
        chain,
        id: id as number,
        at: (at as Date).toISOString(),
        actorId: actorId as number,
        action: action as string,
        subject: subject as string,
        data: (data as { json: unknown }).json,
        prevHash: prevHash as string,
        hash: hash as string,
      }));
  expect(stored("main").map((entry) => entry.action)).toEqual(["order.rejected", "order.approved"]);
  expect(verifyChain(stored("main"))).toEqual({ ok: true, count: 2 });
  expect(verifyChain(stored("departement:59"))).toEqual({ ok: true, count: 1 });
  expect(heads.get("main")).toEqual({ lastId: 2, lastHash: stored("main")[1]!.hash });
});
