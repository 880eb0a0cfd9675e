// Public pages answer a revalidation with 304 when nothing changed, and never hand a new CSP nonce
// to a cached page.
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type AppProcess } from "../../support/server";
import { contestWithAdmin } from "../../support/fixtures";

let server: AppProcess;
let sql: postgres.Sql;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

describe("conditional GET on public pages", () => {
  test("a public page carries an ETag that ignores the nonce, and a matching revalidation gets 304 without a CSP", async () => {
    const first = await fetch(`${server.url}/mentions-legales`);
    const etag = first.headers.get("etag");
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const second = await fetch(`${server.url}/mentions-legales`);
    expect(second.headers.get("etag")).toBe(etag);
    expect(second.headers.get("content-security-policy")).not.toBe(first.headers.get("content-security-policy"));

    const revalidated = await fetch(`${server.url}/mentions-legales`, { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
  });

  test("when the page changes, so does its ETag", async () => {
    const before = await fetch(`${server.url}/concours`);
    await contestWithAdmin(sql);
    // A change made elsewhere (here, straight in the database) shows once the cache's second is over.
    const revalidate = () => fetch(`${server.url}/concours`, { headers: { "If-None-Match": before.headers.get("etag")! } });
    await expect.poll(async () => (await revalidate()).status, { timeout: 30_000, interval: 200 }).toBe(200);
    const after = await revalidate();
    // The test contest's dates are in 2026: it is public, so the page now shows it.
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  test("a page served from the one-second cache still carries a fresh nonce, the same as its CSP's", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/accessibilite`);
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{16,}={0,2}$/);
      const html = await response.text();
      const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      expect(html).not.toContain("%%kits-nonce%%");
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(3);
  });

  test("signed-in visitors' pages are not given a shared ETag", async () => {
    const response = await fetch(`${server.url}/`, { headers: { Cookie: `kits_session=${"a".repeat(43)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBeNull();
  });
});
