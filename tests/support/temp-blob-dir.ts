import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Points the process's fs blob store at a new temporary folder and returns it. Call it from
 * vi.hoisted, before any app module reads the configuration.
 */
export function tempBlobDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  process.env.BLOB_DIR = dir;
  return dir;
}
