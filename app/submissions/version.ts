import { createHash } from "node:crypto";
import { canonicalJson } from "~/audit/chain";
import type { ProposalDraft } from "./schemas";

export type FrozenFile = {
  id: number;
  kind: "photo" | "document";
  name: string;
  sha256: string;
  readySha256: string;
  /** A photo's text description, frozen with it (null for documents; absent from versions submitted before descriptions existed). */
  description?: string | null;
};

export type VersionContent = {
  proposal: number;
  contest: number;
  version: number;
  fields: ProposalDraft;
  files: FrozenFile[];
};

/** The canonical text of a version (sorted keys, no whitespace) and its SHA-256: what the receipt proves. */
export function versionDigest(content: VersionContent): { canonical: string; digest: string } {
  const canonical = canonicalJson({ ...content, files: [...content.files].sort((a, b) => a.id - b.id) });
  return { canonical, digest: createHash("sha256").update(canonical, "utf8").digest("hex") };
}

/** "KIT-2026-00042": the year of submission (Paris) and a number that never repeats. */
export function receiptNumber(year: number, sequence: number): string {
  return `KIT-${year}-${String(sequence).padStart(5, "0")}`;
}
