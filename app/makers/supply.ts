// The rules of what a maker declares for a kit it builds, without I/O.

/** The most units a month one maker may declare for one kit: beyond it, a typing mistake. */
export const MAX_UNITS_PER_MONTH = 100_000;

/**
 * The départements a maker declares, each once and in code order, or why they cannot be: none
 * chosen, or a code that is not one of the 101.
 */
export function checkCoverage(chosen: readonly string[], known: ReadonlySet<string>): { ok: true; codes: string[] } | { ok: false; message: string } {
  const codes = [...new Set(chosen)].sort();
  if (codes.length === 0) return { ok: false, message: "Cochez au moins un département où vous livrez ce kit." };
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0)
    return { ok: false, message: `Département inconnu : ${unknown.slice(0, 3).join(", ")}. Cochez les départements dans la liste.` };
  return { ok: true, codes };
}

/** The départements added and removed between two declarations, for the audit log. */
export function coverageChange(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const was = new Set(before);
  const now = new Set(after);
  return { added: after.filter((code) => !was.has(code)), removed: before.filter((code) => !now.has(code)) };
}
