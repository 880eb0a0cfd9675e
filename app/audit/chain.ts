import { createHash } from "node:crypto";

export type AuditEntry = {
  /** The chain the entry belongs to: MAIN_CHAIN, or a département's (departementChain). */
  chain?: string;
  id: number;
  at: string; // ISO 8601, millisecond precision
  actorId: number | null;
  action: string;
  subject: string | null;
  data: unknown;
};

export const GENESIS_HASH = "0".repeat(64);

export const MAIN_CHAIN = "main";

/** The chain of the orders sent in a département: their submissions do not wait on other départements' (decision 035). */
export const departementChain = (departementCode: string) => `departement:${departementCode}`;

/** JSON with object keys sorted, so the same value always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of an entry covers the previous entry's hash: changing any entry breaks all later ones. */
export function entryHash(previousHash: string, entry: AuditEntry): string {
  const body = canonicalJson({
    // Named for any chain but the main one, whose entries hash as they did before there were others:
    // an entry copied into another chain no longer matches its hash.
    chain: entry.chain === MAIN_CHAIN ? undefined : entry.chain,
    prev: previousHash,
    id: entry.id,
    at: entry.at,
    actor: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    data: entry.data,
  });
  return createHash("sha256").update(body).digest("hex");
}

export type StoredAuditEntry = AuditEntry & { prevHash: string; hash: string };

export type ChainVerdict = { ok: true; count: number } | { ok: false; entryId: number; reason: string };

/** Walks entries in id order and names the first one whose link or hash does not hold. */
export function verifyChain(entries: Iterable<StoredAuditEntry>, start = { id: 0, hash: GENESIS_HASH }): ChainVerdict {
  let previous = start;
  let count = 0;
  for (const entry of entries) {
    if (entry.id !== previous.id + 1) {
      return { ok: false, entryId: entry.id, reason: `entrée manquante avant l'entrée ${entry.id}` };
    }
    if (entry.prevHash !== previous.hash) {
      return { ok: false, entryId: entry.id, reason: `l'entrée ${entry.id} ne suit pas l'entrée ${previous.id}` };
    }
    if (entryHash(entry.prevHash, entry) !== entry.hash) {
      return { ok: false, entryId: entry.id, reason: `le contenu de l'entrée ${entry.id} a été modifié` };
    }
    previous = { id: entry.id, hash: entry.hash };
    count++;
  }
  return { ok: true, count };
}
