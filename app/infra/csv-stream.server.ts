// The one streaming CSV writer: rows from a database cursor, a batch at a time, encoded and sent
// into the blob store as they come (an S3 multipart upload sends each part as it fills), so memory
// holds one batch whatever the number of rows. The store counts and hashes the bytes as they pass.
import { Readable } from "node:stream";
import type { BlobStore, StoredBlob } from "./blobs/blob-store";

export type CsvStream<Row> = {
  /** The header line, and anything before it (a spreadsheet's byte-order mark). */
  head: string;
  batches: AsyncIterable<readonly Row[]>;
  line: (row: Row) => string;
  /** Told after each batch has been encoded, with the rows written so far. */
  progress?: (rowsDone: number) => Promise<void>;
};

export async function writeCsvToStore<Row>(store: BlobStore, key: string, csv: CsvStream<Row>): Promise<StoredBlob & { rowCount: number }> {
  let rowCount = 0;
  async function* chunks() {
    yield Buffer.from(csv.head);
    for await (const rows of csv.batches) {
      rowCount += rows.length;
      yield Buffer.from(rows.map(csv.line).join(""));
      await csv.progress?.(rowCount);
    }
  }
  const stored = await store.put(key, Readable.from(chunks()), { contentType: "text/csv; charset=utf-8" });
  return { ...stored, rowCount };
}
