// The open-data files through the real server: 404 for any name but the four (dot-dot, NUL,
// prototype keys, unknown), the file as generated with its ETag and Last-Modified, 304 when the
// client has it, HEAD without the body, and the Table Schema beside it.
import { createHash } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { columnsOf, openDataNames } from "~/open-data/datasets";
import { generateOpenData } from "~/open-data/files.server";
import { openCampaign } from "../../support/catalogue-world";
import { portalForThisFile } from "../../support/portal";
import { rawRequest } from "../../support/raw-http";

const portal = portalForThisFile();
const fileUrl = (name: string) => `${portal.server.url}/donnees/fichiers/${name}`;
// fetch asks for gzip by itself and inflates what comes: "identity" unless a test says otherwise.
const get = (name: string, headers: Record<string, string> = {}) => fetch(fileUrl(name), { headers: { "Accept-Encoding": "identity", ...headers } });

/** The answer's bytes as they came over the wire, not inflated. */
function rawBytes(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

async function generate(now = new Date()) {
  return generateOpenData({ sql: portal.sql, store: fsBlobStore(path.join(portal.server.dataDir, "blobs")), now, force: true });
}

describe("/donnees/fichiers", () => {
  test("any name but the four files and their schemas is not found (an address with a NUL is refused), and nothing else is read", async () => {
    const hostile = [
      "../x",
      "..%2Fx",
      "..%2F..%2Fpackage.json",
      "grand-livre.csv%00",
      "%00",
      "grand-livre%00.csv",
      "inconnu.csv",
      "inconnu.schema.json",
      "__proto__.csv",
      "constructor.schema.json",
      "toString.csv",
      "grand-livre.CSV",
      "grand-livre.csv.bak",
      "grand-livre",
      ".csv",
      `${"a".repeat(5000)}.csv`,
      "grand-livre.csv%2F..%2F..%2Fx",
    ];
    for (const name of hostile) {
      const answer = await rawRequest(fileUrl(name), { method: "GET" });
      // The server refuses any address with a NUL before the routes (server/request-guards.ts).
      expect(answer.status, name).toBe(name.includes("%00") ? 400 : 404);
      expect(answer.headers["content-type"] ?? "", name).not.toContain("text/csv");
    }
  });

  test("before the worker has written a file it is not found; its schema already is", async () => {
    expect((await get("grand-livre.csv")).status).toBe(404);
    const schema = await get("grand-livre.schema.json");
    expect(schema.status).toBe(200);
    expect(schema.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await schema.json()) as { fields: { name: string }[]; primaryKey: string[] };
    expect(body.fields.map((field) => field.name)).toEqual(columnsOf("grand-livre"));
    expect(body.primaryKey).toEqual(["ecriture"]);
  });

  test("each file as generated, with its ETag and Last-Modified; 304 when the client has it; HEAD without the body", async () => {
    await openCampaign(portal.sql, "Campagne des données ouvertes");
    const written = await generate();
    expect(written.map((file) => file.name).sort()).toEqual([...openDataNames].sort());

    for (const file of written) {
      const answer = await get(`${file.name}.csv`);
      expect(answer.status, file.name).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="${file.name}.csv"`);
      expect(answer.headers.get("etag")).toBe(`"${file.sha256}"`);
      expect(answer.headers.get("last-modified")).toBe(file.generatedAt.toUTCString());
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.toString("utf8").split("\r\n")[0]).toBe(columnsOf(file.name).join(","));
    }

    const ledger = written.find((file) => file.name === "grand-livre")!;
    expect(ledger.rowCount).toBe(102); // the split: 101 départements and the reserve
    const etag = `"${ledger.sha256}"`;
    const lastModified = ledger.generatedAt.toUTCString();
    const cached = await get("grand-livre.csv", { "If-None-Match": etag });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);
    expect(await cached.text()).toBe("");
    expect((await get("grand-livre.csv", { "If-None-Match": `W/${etag}, "autre"` })).status).toBe(304);
    expect((await get("grand-livre.csv", { "If-None-Match": '"autre"' })).status).toBe(200);
    expect((await get("grand-livre.csv", { "If-Modified-Since": lastModified })).status).toBe(304);
    const dayBefore = new Date(ledger.generatedAt.getTime() - 86_400_000).toUTCString();
    expect((await get("grand-livre.csv", { "If-Modified-Since": dayBefore })).status).toBe(200);
    // The ETag decides when both are sent.
    expect((await get("grand-livre.csv", { "If-None-Match": '"autre"', "If-Modified-Since": lastModified })).status).toBe(200);
    expect((await get("grand-livre.csv", { "If-Modified-Since": "pas une date" })).status).toBe(200);

    const head = await rawRequest(fileUrl("grand-livre.csv"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers.etag).toBe(etag);
    expect(head.headers["content-length"]).toBe(String(ledger.byteSize));

    // A new generation: a new ETag, and the old one no longer matches.
    const [again] = (await generate(new Date(ledger.generatedAt.getTime() + 5_000))).filter((file) => file.name === "grand-livre");
    expect(again.sha256).toBe(ledger.sha256); // same rows, same bytes
    const revalidated = await get("grand-livre.csv", { "If-Modified-Since": lastModified });
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers.get("last-modified")).toBe(again.generatedAt.toUTCString());
  });

  test("the download page lists each file with its rows, its columns and its links", async () => {
    const html = await (await fetch(`${portal.server.url}/donnees/telechargements`)).text();
    for (const name of openDataNames) {
      expect(html).toContain(`href="/donnees/fichiers/${name}.csv"`);
      expect(html).toContain(`href="/donnees/fichiers/${name}.schema.json"`);
    }
    expect(html).toContain("102 lignes");
    expect(html).toContain("<code>plafond_initial_euros</code>");
  });

  test("a client that takes gzip gets the copy compressed by the worker, with its own ETag; the others get the file as is", async () => {
    const [ledger] = (await generate()).filter((file) => file.name === "grand-livre");
    expect(ledger.gzipByteSize).toBeGreaterThan(0);
    const url = fileUrl("grand-livre.csv");

    for (const accept of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1", "*"]) {
      const packed = await rawBytes(url, { "Accept-Encoding": accept });
      expect(packed.status, accept).toBe(200);
      expect(packed.headers["content-encoding"], accept).toBe("gzip");
      expect(packed.headers.etag, accept).toBe(`"${ledger.sha256}.gz"`);
      expect(packed.headers.vary, accept).toContain("Accept-Encoding");
      expect(packed.headers["content-length"], accept).toBe(String(ledger.gzipByteSize));
      // Compressed once, by the worker: not a second time on the way out.
      expect(packed.bytes.length, accept).toBe(ledger.gzipByteSize);
      expect(createHash("sha256").update(gunzipSync(packed.bytes)).digest("hex"), accept).toBe(ledger.sha256);
    }
    for (const accept of ["identity", "gzip;q=0", "br", "deflate, *;q=0"]) {
      const plain = await rawBytes(url, { "Accept-Encoding": accept });
      expect(plain.status, accept).toBe(200);
      expect(plain.headers["content-encoding"], accept).toBeUndefined();
      expect(plain.headers.etag, accept).toBe(`"${ledger.sha256}"`);
      expect(createHash("sha256").update(plain.bytes).digest("hex"), accept).toBe(ledger.sha256);
    }
    const plain = await rawBytes(url, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes.length).toBe(ledger.byteSize);

    // Each representation revalidated by its own ETag.
    expect((await rawBytes(url, { "Accept-Encoding": "gzip", "If-None-Match": `"${ledger.sha256}.gz"` })).status).toBe(304);
    expect((await rawBytes(url, { "Accept-Encoding": "gzip", "If-None-Match": `"${ledger.sha256}"` })).status).toBe(200);
    const head = await rawRequest(url, { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
    expect(head.headers["content-length"]).toBe(String(ledger.gzipByteSize));
    expect(head.headers["content-encoding"]).toBe("gzip");
  });
});
