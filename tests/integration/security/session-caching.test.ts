// Whatever depends on the session is never stored by a browser or a proxy (Cache-Control: no-store),
// and file responses carry nosniff once.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world";
import { pdfWithMetadata } from "../../support/media-fixtures";
import { createAccount, createPerson, PASSWORD, sessionCookie } from "../../support/fixtures";

let world: DraftWorld;
let server: DraftWorld["server"];
let sql: DraftWorld["sql"];
let designerCookie: string;
let adminCookie: string;
let proposalId: number;
let contestSlug: string;

beforeAll(async () => {
  world = await startDraftWorld(inject("pgAdminUrl"));
  ({ server, sql, designerCookie, proposalId } = world);
  contestSlug = world.contest.slug;
  const admin = await createPerson(sql, { roles: ["admin"], totp: true });
  adminCookie = await sessionCookie(sql, admin.id);
});
afterAll(() => world?.stop());

const get = (url: string, cookie?: string) => fetch(server.url + url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });

describe("caching of what depends on the session", () => {
  test("signed-in pages and their .data are no-store", async () => {
    for (const url of ["/", "/candidat", `/candidat/propositions/${proposalId}`, "/_root.data", "/candidat.data", "/compte"]) {
      const response = await get(url, designerCookie);
      expect(response.status, url).toBeLessThan(400);
      expect(response.headers.get("cache-control"), url).toBe("no-store");
    }
  });

  test("an admin's CSV export is no-store", async () => {
    const response = await get(`/admin/concours/${contestSlug}/propositions.csv`, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("a designer's processed file is no-store, with nosniff sent once", async () => {
    const form = new FormData();
    form.append("fichier", new Blob([await pdfWithMetadata(1)], { type: "application/pdf" }), "plan.pdf");
    const upload = await fetch(`${server.url}/candidat/propositions/${proposalId}/fichiers?nature=document`, {
      method: "POST",
      headers: { Cookie: designerCookie, Origin: server.url, Accept: "application/json" },
      body: form,
    });
    expect(upload.status).toBe(201);
    const [file] = await sql<{ id: number }[]>`select id from proposal_files where proposal_id = ${proposalId}`;
    await expect
      .poll(async () => (await sql<{ status: string }[]>`select status from proposal_files where id = ${file.id}`)[0].status, { timeout: 30_000 })
      .toBe("ready");
    const response = await get(`/candidat/propositions/${proposalId}/fichiers/${file.id}/clean`, designerCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("the answer that signs someone in is no-store", async () => {
    const person = await createAccount(sql);
    const response = await fetch(`${server.url}/connexion`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: person.email, password: PASSWORD }),
      redirect: "manual",
    });
    expect(response.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("anonymous public pages stay revalidated, not forbidden from caches", async () => {
    const response = await get("/concours");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("etag")).toMatch(/^(W\/)?"[^"]+"$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
