// No malformed, truncated, aborted or oversized upload can raise an error outside its own request:
// each gets a French 4xx, the process keeps serving, and nothing half-written stays behind.
import { fc } from "@fast-check/vitest";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { readdir } from "node:fs/promises";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world";
import { abortedUpload, rawRequest } from "../../support/raw-http";

let world: DraftWorld;
let server: DraftWorld["server"];
let sql: DraftWorld["sql"];
let cookie: string;
let proposalId: number;

beforeAll(async () => {
  world = await startDraftWorld(inject("pgAdminUrl"));
  ({ server, sql, designerCookie: cookie, proposalId } = world);
});
afterAll(() => world?.stop());

const uploadPath = () => `/candidat/propositions/${proposalId}/fichiers?nature=photo`;
const headers = (contentType: string) => ({ Cookie: cookie, Origin: server.url, Accept: "application/json", "Content-Type": contentType });
const part = (name: string, filename: string) =>
  `--x\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;
const jpegHead = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";

/** The files on disk under the store, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  const root = path.join(server.dataDir, "blobs");
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function fileRows() {
  return sql`select id from proposal_files where proposal_id = ${proposalId}`;
}

// After every hostile request: the process is alive and serves its health check and a normal page,
// and nothing of the request was kept.
afterEach(async () => {
  expect(server.isAlive()).toBe(true);
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect((await fetch(`${server.url}/concours`)).status).toBe(200);
  expect(await fileRows()).toHaveLength(0);
  await expect.poll(storedFiles, { timeout: 20_000 }).toEqual([]);
});

function expectRefusal(answer: { status: number; body: string }) {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const message = (JSON.parse(answer.body) as { ok: boolean; message: string }).message;
  expect(message).toMatch(/[a-zé]/);
  return message;
}

describe("hostile uploads", () => {
  test("a truncated multipart body, on one's own proposal and on a missing one, gets a 4xx", async () => {
    const truncated = `${part("fichier", "a.jpg")}abc`;
    for (const target of [uploadPath(), "/candidat/propositions/999999/fichiers?nature=photo"]) {
      const answer = await rawRequest(server.url + target, { headers: headers("multipart/form-data; boundary=x"), body: truncated });
      expect(answer.status, target).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
    }
    // Truncated after a real image head: the sniffing passes, the file must still not be kept.
    const answer = await rawRequest(server.url + uploadPath(), {
      headers: headers("multipart/form-data; boundary=x"),
      body: `${part("fichier", "a.jpg")}${jpegHead}${"\x00".repeat(8000)}`,
    });
    expect(expectRefusal(answer)).toBe("L'envoi est incomplet ou mal formé : le fichier n'a pas été enregistré. Réessayez.");
  });

  test("multipart with no boundary gets a 400 with a French message", async () => {
    const answer = await rawRequest(server.url + uploadPath(), {
      headers: headers("multipart/form-data"),
      body: `${part("fichier", "a.jpg")}abc\r\n--x--\r\n`,
    });
    expect(answer.status).toBe(400);
    expectRefusal(answer);
  });

  test("a part header that is garbage gets a 400", async () => {
    const body = `--x\r\n\x01\x02garbage without colon\r\n\xff\xfe: \r\n\r\n${jpegHead}\r\n--x--\r\n`;
    const answer = await rawRequest(server.url + uploadPath(), { headers: headers("multipart/form-data; boundary=x"), body });
    expect(answer.status).toBe(400);
  });

  test("a NUL byte in a file name never reaches the database", async () => {
    const body = `${part("fichier", "a\x00b.jpg")}${jpegHead}abc\r\n--x--\r\n`;
    const answer = await rawRequest(server.url + uploadPath(), { headers: headers("multipart/form-data; boundary=x"), body });
    // The bytes are not a whole JPEG: refused by its content, not by a database error.
    expect(answer.status).toBe(400);
    expectRefusal(answer);
  });

  test("two file parts where one is expected: refused, and the first one is not kept either", async () => {
    const photo = `${jpegHead}${"\x00".repeat(5000)}`;
    const body = `${part("fichier", "un.jpg")}${photo}\r\n${part("fichier", "deux.jpg")}${photo}\r\n--x--\r\n`;
    const answer = await rawRequest(server.url + uploadPath(), { headers: headers("multipart/form-data; boundary=x"), body });
    expect(answer.status).toBe(400);
    expect(expectRefusal(answer)).toBe("Envoyez un fichier à la fois.");
  });

  test("a client that destroys its socket after 1 MB of a 20 MB upload leaves nothing behind", async () => {
    const head = `${part("fichier", "gros.jpg")}${jpegHead}`;
    await abortedUpload(server.url + uploadPath(), {
      headers: { Cookie: cookie, Origin: server.url, "Content-Type": "multipart/form-data; boundary=x" },
      head,
      announced: 20 * 1024 * 1024,
      sent: 1024 * 1024,
    });
    // The partial file, written while the bytes arrived, is gone once the server has seen the abort (afterEach).
  });

  test("a form post over 1 MB gets 413 and a body of undeclared length 411, before any route reads them", async () => {
    const big = await rawRequest(`${server.url}/connexion`, {
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=${"a".repeat(1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(big.body).toContain("trop volumineux");
    const chunked = await rawRequest(`${server.url}/connexion`, {
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: "email=personne%40exemple.fr",
    });
    expect(chunked.status).toBe(411);
  });

  test("random multipart and url-encoded bodies to the upload route and to form routes: never a 5xx", async () => {
    const targets = [uploadPath(), `/candidat/propositions/${proposalId}`, "/connexion", "/inscription", "/mot-de-passe-oublie"];
    const multipart = fc
      .tuple(
        fc.array(
          fc.record({
            name: fc.constantFrom("fichier", "title", "intent", "__proto__", "constructor", "toString", ""),
            filename: fc.option(fc.string({ unit: "binary", maxLength: 20 }), { nil: undefined }),
            data: fc.string({ unit: "binary", maxLength: 300 }),
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom("--x--\r\n", "", "--x", "\r\n--y--", "--x--garbage"),
        fc.constantFrom("multipart/form-data; boundary=x", "multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary=x"),
      )
      .map(([parts, ending, contentType]) => ({
        contentType,
        body:
          parts
            .map(
              (p) =>
                `--x\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n\r\n${p.data}\r\n`,
            )
            .join("") + ending,
      }));
    const urlencoded = fc
      .array(
        fc.tuple(
          fc.constantFrom("email", "password", "intent", "title", "__proto__", "constructor", "toString", "%00", "a[b]"),
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.boolean(),
        ),
        { maxLength: 6 },
      )
      .map((pairs) => ({
        contentType: "application/x-www-form-urlencoded",
        body: pairs.map(([key, value, encoded]) => `${key}=${encoded ? encodeURIComponent(value) : value}`).join("&"),
      }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(multipart, urlencoded), async (target, { contentType, body }) => {
        const answer = await rawRequest(server.url + target, { headers: headers(contentType), body: Buffer.from(body, "utf8") });
        expect(answer.status, `${target} ${contentType} ${JSON.stringify(body)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(server.isAlive()).toBe(true);
  });
});
