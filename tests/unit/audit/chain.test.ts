import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type StoredAuditEntry } from "~/audit/chain";

function chain(actions: string[]): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return actions.map((action, i) => {
    const entry = { id: i + 1, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actorId: 1, action, subject: null, data: { i } };
    const hash = entryHash(prev, entry);
    const stored = { ...entry, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

describe("audit chain", () => {
  test("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  });

  test("an untouched chain verifies", () => {
    expect(verifyChain(chain(["a", "b", "c"]))).toEqual({ ok: true, count: 3 });
  });

  test.prop([fc.integer({ min: 2, max: 12 }), fc.nat(), fc.constantFrom("action", "subject", "data", "at", "actorId")])(
    "altering any field of any entry is detected and names that entry",
    (length, pick, field) => {
      const entries = chain(Array.from({ length }, (_, i) => `action-${i}`));
      const victim = entries[pick % length];
      const altered = {
        ...victim,
        [field]: field === "data" ? { i: -1 } : field === "actorId" ? 99 : field === "at" ? "2020-01-01T00:00:00.000Z" : "forged",
      };
      entries[pick % length] = altered as StoredAuditEntry;
      const verdict = verifyChain(entries);
      expect(verdict).toMatchObject({ ok: false, entryId: victim.id });
    },
  );

  test("a removed entry is detected", () => {
    const entries = chain(["a", "b", "c"]);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, entryId: 3 });
  });
});
