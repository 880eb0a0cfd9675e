// /healthz: what a load balancer polls. 200 with every part "ok", or 503 naming the part that is down.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
});
afterAll(async () => {
  await server?.stop();
});

describe("/healthz", () => {
  test("answers 200 with the database and the storage ok, never cached", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", db: "ok", storage: "ok" });
  });

  test("answers 503 naming the storage when the file store cannot be written, and recovers", async () => {
    // The default file store is DATA_DIR/blobs; a plain file in its place makes it unusable.
    const blobDir = path.join(server.dataDir, "blobs");
    await rm(blobDir, { recursive: true, force: true });
    await writeFile(blobDir, "pas un dossier");
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "degraded", db: "ok", storage: "down" });
    } finally {
      await rm(blobDir, { force: true });
    }
    const again = await fetch(`${server.url}/healthz`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "ok", db: "ok", storage: "ok" });
  });
});
