import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";

/**
 * Runs `start` (the creation of a proposal) and, in the same transaction, makes its author a
 * designer (national scope) unless they already hold that role under some scope: the role follows
 * from starting a first proposal, not from signing up. A refused start grants nothing.
 */
export async function startAsDesigner<T>(userId: number, start: (tx: Sql) => Promise<T>, sql: Sql = db): Promise<T> {
  return transaction(sql, async (tx) => {
    const started = await start(tx);
    // Two first proposals at once both pass "not exists"; the unique (user, role, scope) keeps one row.
    const [granted]: [{ id: number }?] = await tx`
      insert into memberships (user_id, role, scope)
      select ${userId}, 'designer', '*'
      where not exists (select 1 from memberships where user_id = ${userId} and role = 'designer')
      on conflict (user_id, role, scope) do nothing
      returning id`;
    if (granted) {
      await appendAudit(tx, {
        actorId: userId,
        action: "role.granted",
        subject: `user:${userId}`,
        data: { role: "designer", scope: "*", membershipId: granted.id, reason: "first_proposal" },
      });
    }
    return started;
  });
}
