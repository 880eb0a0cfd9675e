import { expect } from "vitest";
import { checkAuditJournal, journalVerification } from "~/audit/verification.server";
import type { Sql } from "~/infra/db.server";

/**
 * The worker's full check of the journal, as its job runs it; the verdict it stores, read back as
 * the page reads it, must say the same.
 */
export async function fullCheck(sql: Sql, batchSize?: number) {
  const verdict = await checkAuditJournal({ full: true, now: new Date(), batchSize }, sql);
  const stored = await journalVerification({ now: new Date() }, sql);
  if (verdict.ok) expect(stored).toMatchObject({ breaks: [], verified: verdict.count, stale: false });
  else expect(stored.breaks.map((found) => found.entryId)).toContain(verdict.entryId);
  return verdict;
}
