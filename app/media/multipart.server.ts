import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";

export type IncomingFile = { filename: string; mimeType: string; stream: Readable };

export class NotMultipart extends Error {}

const DISCARD_LIMIT = 128 * 1024 * 1024;

function discard(source: Readable) {
  let bytes = 0;
  source.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DISCARD_LIMIT) source.destroy();
  });
  source.resume();
}
export class TooManyFiles extends Error {}

/**
 * Streams the file field `field` of a multipart request into `receive`, as it arrives (busboy:
 * Remix's own multipart parser takes minutes over 40 MB). One file per request. Resolves with what
 * `receive` returns, or null when the request carries no such file; `receive`'s errors win over
 * parsing errors, and once it fails the rest of the body is not read.
 */
export function receiveFirstFile<T>(request: Request, field: string, receive: (file: IncomingFile) => Promise<T>): Promise<T | null> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body) return Promise.reject(new NotMultipart());
  const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream);
  return new Promise<T | null>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 20, fieldSize: 10_000 } });
    } catch (error) {
      reject(new NotMultipart(String(error)));
      return;
    }
    let handled: Promise<T> | null = null;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    parser.on("file", (name, stream, info) => {
      if (name !== field || handled) {
        stream.resume();
        return;
      }
      handled = receive({ filename: info.filename ?? "", mimeType: info.mimeType, stream });
      handled.then(
        (value) => finish(() => resolve(value)),
        (error) => {
          // The browser reads the answer only once it has sent everything: the rest of the body is
          // read and thrown away (never stored), up to a bound past which the connection is cut.
          source.unpipe(parser);
          discard(source);
          finish(() => reject(error));
        },
      );
    });
    parser.on("filesLimit", () => finish(() => reject(new TooManyFiles())));
    parser.on("error", (error) => {
      if (!handled) finish(() => reject(error));
    });
    parser.on("close", () => {
      if (!handled) finish(() => resolve(null));
    });
    source.on("error", (error) => {
      if (!handled) finish(() => reject(error));
    });
    source.pipe(parser);
  });
}
