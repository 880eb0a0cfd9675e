import { Refused } from "~/infra/domain-errors";

// The split of an envelope across territories by published weights, at the cent, by the
// largest-remainder (Hamilton) method, with an optional floor per territory. Everything is an
// integer (cents, weights) and computed with BigInt, so the split is exact and anyone who
// recomputes it from the published weights finds the same cents (docs/decisions/018).

export type Share = { code: string; cents: bigint; atFloor: boolean };

/**
 * INSEE codes in their official order: Corsica's 2A and 2B stand where 20 was, before 21
 * (plain text order would put them after 29). Works for département and commune codes.
 */
export function compareInseeCodes(a: string, b: string): number {
  const key = (code: string) => code.replace(/^2([AB])/, "20$1");
  const [ka, kb] = [key(a), key(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Splits `capCents` across the codes of `weights`. Territories whose proportional share would
 * fall under `floorCents` receive the floor, and the rest is split again among the others,
 * until every share is at least the floor. The cents left by rounding down go one by one to the
 * largest remainders; equal remainders go in INSEE order. The shares add up to the cap exactly.
 */
export function allocate(capCents: bigint, weights: ReadonlyMap<string, bigint>, options: { floorCents?: bigint } = {}): Share[] {
  const floor = options.floorCents ?? 0n;
  const codes = [...weights.keys()].sort(compareInseeCodes);
  if (codes.length === 0) throw new Refused("Aucun territoire à qui répartir l'enveloppe.", "weights");
  if (capCents < 0n) throw new Refused("Le montant à répartir ne peut pas être négatif.", "cap");
  if (floor < 0n) throw new Refused("Le plancher ne peut pas être négatif.", "floor");
  for (const code of codes) {
    if (weights.get(code)! < 0n) throw new Refused(`Le poids de ${code} est négatif : chaque poids est positif ou nul.`, "weights");
  }
  if (floor * BigInt(codes.length) > capCents) {
    throw new Refused("Le plancher ne peut pas être tenu : plancher × nombre de territoires dépasse le montant à répartir.", "floor");
  }

  const atFloor = new Set<string>();
  let free = codes;
  let rest = capCents;
  let total = sum(free.map((code) => weights.get(code)!));
  for (;;) {
    if (total === 0n) {
      // Nobody left with a weight: only possible when the floors take the whole envelope.
      if (rest === floor * BigInt(free.length)) {
        free.forEach((code) => atFloor.add(code));
        free = [];
        rest = 0n;
        break;
      }
      throw new Refused("Tous les poids sont nuls : impossible de répartir l'enveloppe en proportion.", "weights");
    }
    // share < floor  ⇔  rest × weight < floor × total (exact, no division)
    const under = free.filter((code) => rest * weights.get(code)! < floor * total);
    if (under.length === 0) break;
    under.forEach((code) => atFloor.add(code));
    free = free.filter((code) => !atFloor.has(code));
    rest = capCents - floor * BigInt(atFloor.size);
    total = sum(free.map((code) => weights.get(code)!));
  }

  const shares = new Map<string, bigint>(codes.map((code) => [code, atFloor.has(code) ? floor : 0n]));
  if (free.length > 0) {
    const quotas = free.map((code) => ({ code, whole: (rest * weights.get(code)!) / total, remainder: (rest * weights.get(code)!) % total }));
    let left = rest - sum(quotas.map((q) => q.whole));
    quotas.sort((a, b) => (a.remainder === b.remainder ? compareInseeCodes(a.code, b.code) : a.remainder > b.remainder ? -1 : 1));
    for (const quota of quotas) {
      shares.set(quota.code, quota.whole + (left > 0n ? 1n : 0n));
      if (left > 0n) left -= 1n;
    }
  }
  return codes.map((code) => ({ code, cents: shares.get(code)!, atFloor: atFloor.has(code) }));
}

function sum(values: bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}
