// A long export through the real server and its worker: an admin asks for the structures list,
// the worker writes it in batches while the row tells how far it has gone, the page shows a
// <progress>, then the file; only the requester or an admin may fetch it; hostile input changes nothing.
import { describe, expect, test } from "vitest";
import { createPerson, createStructure, sessionCookie } from "../../support/fixtures";
import { eventually } from "../../support/eventually";
import { portalForThisFile } from "../../support/portal";
import { rawRequest } from "../../support/raw-http";

const portal = portalForThisFile();
const STRUCTURES = 2_500; // more than two cursor batches of 1,000

const get = (path: string, cookie?: string) =>
  fetch(`${portal.server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
const post = (cookie: string, body: string) =>
  fetch(`${portal.server.url}/admin/exports`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: portal.server.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
const jobCount = async () => (await portal.sql<{ count: number }[]>`select count(*)::int as count from export_jobs`)[0].count;

describe("/admin/exports", () => {
  test("an admin asks for the structures list; the worker writes it with its progress; the page shows it, then the file", async () => {
    const sql = portal.sql;
    const admin = await createPerson(sql, { roles: ["admin"], totp: true });
    const cookie = await sessionCookie(sql, admin.id);
    const first = await createStructure(sql, { legalName: "Médiathèque, dite « la Grande »" });
    await sql`
      insert into structures (siret, legal_name, kind, commune_code, address, postal_code, contact_name, contact_phone, registered_by)
      select '8' || lpad(g::text, 13, '0'), 'Structure ' || g, 'town_hall', '15187', '1 place de la Mairie', '15100', 'Camille Contact', '0299000000', ${first.memberId}
      from generate_series(1, ${STRUCTURES - 1}) g`;

    const answer = await post(cookie, "kind=structures");
    expect(answer.status).toBe(302);
    const location = answer.headers.get("location")!;
    expect(location).toMatch(/^\/admin\/exports\/\d+$/);
    const id = Number(location.split("/").pop());

    const page = await (await get(location, cookie)).text();
    expect(page).toContain("<progress");
    expect(page).toMatch(/<h1[^>]*>Liste des structures, export n° \d+<\/h1>/);

    // The worker inside the server runs the job; progress is written batch by batch.
    const done = await eventually(
      "l'export est terminé",
      async () =>
        (
          await sql<{ status: string; rowsDone: number; rowsTotal: number }[]>`select status, rows_done, rows_total from export_jobs where id = ${id}`
        )[0],
      (job) => job.status === "done",
      60_000,
    );
    expect(done).toEqual({ status: "done", rowsDone: STRUCTURES, rowsTotal: STRUCTURES });
    const finished = await (await get(location, cookie)).text();
    expect(finished).toContain(`href="/admin/exports/${id}/fichier"`);
    expect(finished).toContain("Prêt : 2500 lignes");

    const file = await get(`/admin/exports/${id}/fichier`, cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("structures.csv");
    const text = await file.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Numéro;SIRET;Raison sociale;Type;Code commune;Commune;Département;Statut;Inscrite le");
    expect(lines).toHaveLength(STRUCTURES + 1);
    expect(lines[1]).toContain(`;${first.legalName.replace(/"/g, '""')};`);
    expect(lines.at(-1)).toMatch(/;Structure 2499;Mairie;15187;Saint-Flour;15;/);

    // Another admin may fetch it; a signed-in person who is not, and who did not ask, may not.
    const otherAdmin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
    expect((await get(`/admin/exports/${id}/fichier`, otherAdmin)).status).toBe(200);
    const stranger = await sessionCookie(sql, first.memberId);
    expect((await get(`/admin/exports/${id}/fichier`, stranger)).status).toBe(404);
    expect((await get(`/admin/exports/${id}`, stranger)).status).toBe(403);
    expect((await get(`/admin/exports/${id}/fichier`)).status).toBe(302); // to the login page
  });

  test("hostile input gets a 4xx and creates nothing", async () => {
    const cookie = await sessionCookie(portal.sql, (await createPerson(portal.sql, { roles: ["admin"], totp: true })).id);
    const before = await jobCount();
    for (const body of ["kind=__proto__", "kind=constructor", "", "kind=structures%00", "kind=" + "s".repeat(10_000), "kind"]) {
      const answer = await post(cookie, body);
      expect(answer.status, body.slice(0, 30)).toBeGreaterThanOrEqual(400);
      expect(answer.status, body.slice(0, 30)).toBeLessThan(500);
    }
    expect(await jobCount()).toBe(before);
    for (const path of [
      "/admin/exports/99999999999999999999",
      "/admin/exports/abc",
      "/admin/exports/0",
      "/admin/exports/424242",
      "/admin/exports/424242/fichier",
    ]) {
      expect((await get(path, cookie)).status, path).toBe(404);
    }
    expect((await rawRequest(`${portal.server.url}/admin/exports/1%00`, { method: "GET", headers: { Cookie: cookie } })).status).toBe(400);
  });
});
