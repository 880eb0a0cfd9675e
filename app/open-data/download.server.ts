// The HTTP answers for /donnees/fichiers/<name>.csv and <name>.schema.json: public, revalidated
// (ETag = the file's SHA-256, Last-Modified = its generation), 304 when the client has it.
import { type Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { BlobNotFound } from "~/infra/blobs/blob-store";
import { NotFound } from "~/infra/domain-errors";
import { matchesEtag } from "~/infra/http-cache";
import { isOpenDataName, tableSchema, type OpenDataName } from "./datasets";
import { findOpenDataFile, gzipKeyOf, readOpenDataBlob } from "./files.server";

// Only the four names, each with one of the two suffixes: nothing else reaches the store.
const FILE_SEGMENT = /^([a-z]+(?:-[a-z]+)*)\.(csv|schema\.json)$/;

export function parseOpenDataSegment(segment: string | undefined): { name: OpenDataName; kind: "csv" | "schema" } {
  const match = FILE_SEGMENT.exec(segment ?? "");
  if (!match || !isOpenDataName(match[1])) throw new NotFound("Ce fichier n'existe pas.");
  return { name: match[1], kind: match[2] === "csv" ? "csv" : "schema" };
}

/** True when the client's copy is current: If-None-Match first; If-Modified-Since only without it (RFC 9110 §13.2.2). */
function notModified(request: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null) return matchesEtag(ifNoneMatch, etag);
  const since = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export async function openDataResponse(request: Request, segment: string | undefined): Promise<Response> {
  const { name, kind } = parseOpenDataSegment(segment);
  if (kind === "schema") {
    return new Response(JSON.stringify(tableSchema(name), null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `inline; filename="${name}.schema.json"`,
        "Cache-Control": "public, max-age=3600",
      },
    });
  }
  const file = await findOpenDataFile(name);
  // The compressed copy to a client that takes gzip; each representation its own ETag (RFC 9110 §8.8.3).
  const packed = file.gzipByteSize !== null && acceptsGzip(request.headers.get("Accept-Encoding"));
  const etag = packed ? `"${file.sha256}.gz"` : `"${file.sha256}"`;
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
    // Public, but asked again each time: a new generation must be seen at once. Never transformed:
    // the bytes are those whose SHA-256 is published, and compressing them on the way out would
    // cost the web process most of a second for the largest file (the copy made by the worker is sent instead).
    "Cache-Control": "public, no-cache, no-transform",
    ETag: etag,
    "Last-Modified": file.generatedAt.toUTCString(),
    Vary: "Accept-Encoding",
  });
  if (packed) headers.set("Content-Encoding", "gzip");
  if (notModified(request, etag, file.generatedAt)) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(packed ? file.gzipByteSize : file.byteSize));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await readOpenDataBlob(packed ? gzipKeyOf(file.blobKey) : file.blobKey);
  } catch (error) {
    if (error instanceof BlobNotFound) throw new NotFound("Ce fichier est en cours de remplacement. Réessayez dans quelques instants.");
    throw error;
  }
  return new Response(createReadableStreamFromReadable(stream as Readable), { status: 200, headers });
}

/** True when the client takes gzip: named (or `*`) in Accept-Encoding without `q=0`. */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [coding, ...parameters] = part.split(";").map((piece) => piece.trim());
    const q = parameters.find((parameter) => parameter.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding) weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  return (weights.get("gzip") ?? weights.get("x-gzip") ?? weights.get("*") ?? 0) > 0;
}
