// HTTP requests with exactly the bytes given (fetch would fix up a malformed body or header), and
// a client that gives up halfway through an upload.
import http from "node:http";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Sends `body` as is, with the headers given (Content-Length computed, unless given or the body is chunked). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, "latin1");
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: options.method ?? "POST",
      headers: { ...(body && !options.headers?.["Transfer-Encoding"] ? { "Content-Length": String(body.length) } : {}), ...options.headers },
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.end(body);
  });
}

/**
 * Announces `announced` bytes, sends `sent` of them (written as the socket takes them), then
 * destroys the socket, like a browser tab closed during an upload. Resolves once the bytes are out.
 */
export function abortedUpload(
  url: string,
  options: { headers: Record<string, string>; head: string; announced: number; sent: number },
): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: "POST", headers: { ...options.headers, "Content-Length": String(options.announced) } });
    request.on("error", () => {}); // the abort is the point
    const head = Buffer.from(options.head, "latin1");
    let remaining = options.sent - head.length;
    request.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (remaining > 0) {
        const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
        remaining -= piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      request.destroy();
      resolve();
    };
    pump();
  });
}
