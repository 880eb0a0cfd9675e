import busboy from "busboy";
import { PassThrough, Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { Refused } from "~/infra/domain-errors";
import { uploadFailures } from "./upload-outcomes";

export type IncomingFile = { filename: string; mimeType: string; stream: Readable };

/** A multipart body that is truncated, garbled or cut off by the client: nothing of it is kept. */
export class MalformedUpload extends Refused {
  override name = "MalformedUpload";
  constructor(options?: ErrorOptions) {
    super(uploadFailures.malforme, "fichier");
    if (options) this.cause = options.cause;
  }
}
/** Not a multipart body at all (another type, or multipart without its boundary). */
export class NotMultipart extends MalformedUpload {
  override name = "NotMultipart";
}
export class TooManyFiles extends Refused {
  override name = "TooManyFiles";
  constructor() {
    super(uploadFailures.plusieurs, "fichier");
  }
}

const DISCARD_LIMIT = 128 * 1024 * 1024;

function discard(source: Readable) {
  let bytes = 0;
  source.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DISCARD_LIMIT) source.destroy();
  });
  source.resume();
}

/**
 * Streams the file field `field` of a multipart request into `receive`, as it arrives (busboy:
 * Remix's own multipart parser takes minutes over 40 MB). One file per request. Resolves with what
 * `receive` returns, or null when the request carries no such file.
 *
 * The file's stream ends only once the whole body has been parsed without fault: a body that is
 * truncated, garbled, aborted by the client or carries a second file makes the stream fail
 * instead, so `receive` never commits a file from a request that turns out bad. Every failure is
 * settled inside this request (busboy reports a truncated body on streams nobody may be reading:
 * unheard, that error would stop the process), and the promise settles only once `receive` has.
 */
export function receiveFirstFile<T>(request: Request, field: string, receive: (file: IncomingFile) => Promise<T>): Promise<T | null> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) return Promise.reject(new NotMultipart());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send UTF-8 names; busboy's default would read "café" as "cafÃ©".
      defParamCharset: "utf8",
      limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 30, headerPairs: 20 },
    });
  } catch (error) {
    return Promise.reject(new NotMultipart({ cause: error }));
  }
  const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream);

  return new Promise<T | null>((resolve, reject) => {
    let file: PassThrough | null = null;
    let handled: Promise<T> | null = null;
    // The first fault of the body itself; it wins over whatever `receive` made of it.
    let bodyFault: Error | null = null;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const fail = (fault: Error) => {
      bodyFault ??= fault;
      source.unpipe(parser);
      discard(source);
      if (file) file.destroy(bodyFault);
      else settle(() => reject(bodyFault));
    };

    parser.on("file", (name, part, info) => {
      part.on("error", () => {}); // reported through the parser's own "error"
      if (name !== field || handled) {
        part.resume();
        return;
      }
      const stream = new PassThrough();
      stream.on("error", () => {}); // `receive` sees it by reading; unread, it must not escape
      file = stream;
      part.pipe(stream, { end: false });
      handled = receive({ filename: decodePercentEscapes(info.filename ?? ""), mimeType: info.mimeType, stream });
      handled.then(
        (value) => settle(() => (bodyFault ? reject(bodyFault) : resolve(value))),
        (error: unknown) => {
          // The browser reads the answer only once it has sent everything: the rest of the body is
          // read and thrown away (never stored), up to a bound past which the connection is cut.
          source.unpipe(parser);
          discard(source);
          settle(() => reject(bodyFault ?? error));
        },
      );
    });
    parser.on("filesLimit", () => fail(new TooManyFiles()));
    parser.on("error", (error) => fail(new MalformedUpload({ cause: error })));
    parser.on("close", () => {
      if (bodyFault) return;
      if (file) file.end();
      else settle(() => resolve(null));
    });
    source.on("error", (error) => fail(new MalformedUpload({ cause: error })));
    source.pipe(parser);
  });
}

/**
 * Browsers percent-encode a few characters of file names in multipart headers (`"` as %22, line
 * breaks as %0A per the HTML standard; some encode every non-ASCII byte): decoded when the whole
 * name decodes as UTF-8, kept as sent otherwise. Display names are sanitised afterwards.
 */
export function decodePercentEscapes(name: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(name)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
