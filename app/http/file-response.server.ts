import { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { matchesEtag } from "~/infra/http-cache";

/** What a route serves: a processed copy as the file pipeline opens it. */
export type ServedFile = {
  stream: NodeJS.ReadableStream;
  contentType: string;
  filename: string;
  disposition: "inline" | "attachment";
  sha256: string | null;
};

/**
 * The HTTP answer for a processed copy: never stored (the copies are behind a login; the server
 * sends no-store for every signed-in request), a strong ETag from its digest when known, and PDFs
 * only ever as attachments. nosniff comes from the security headers of every response.
 */
export function fileResponse(request: Request, file: ServedFile): Response {
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Cache-Control": "no-store",
    "Content-Disposition": `${file.disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });
  if (file.sha256) {
    const etag = `"${file.sha256}"`;
    headers.set("ETag", etag);
    if (matchesEtag(request.headers.get("If-None-Match"), etag)) {
      (file.stream as Readable).destroy?.();
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(createReadableStreamFromReadable(file.stream as Readable), { status: 200, headers });
}

/** A PDF kept as issued (order documents), downloaded as an attachment. */
export type IssuedPdf = { content: Buffer; sha256: string; filename: string };

export function pdfAttachment(request: Request, pdf: IssuedPdf): Response {
  return fileResponse(request, {
    stream: Readable.from([pdf.content]),
    contentType: "application/pdf",
    filename: pdf.filename,
    disposition: "attachment",
    sha256: pdf.sha256,
  });
}
