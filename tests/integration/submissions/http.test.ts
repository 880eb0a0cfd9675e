// The designer's pages over HTTP, against the built portal: ownership (404 for others), uploads typed
// by their bytes, PDFs only as attachments, and the server clock deciding what is late.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { pdfWithMetadata } from "../../support/media-fixtures";
import { startTestServer, type AppProcess } from "../../support/server";
import { addReadyPhoto, completeDraft, contestWithAdmin, createDesigner, sessionCookie } from "../../support/fixtures";
import { duringSubmissions, justAfterDeadline } from "../../support/calendar";

let server: AppProcess;
let sql: postgres.Sql;
let clockFile: string;
let alice: { id: number; cookie: string };
let bob: { id: number; cookie: string };
let proposalId: number;
let contestId: number;

async function designer(name: string) {
  const { id } = await createDesigner(sql, { name });
  return { id, cookie: await sessionCookie(sql, id, false) };
}

/** The proposal form filled in with completeDraft, as the browser sends it. */
function completeForm(intent: string) {
  const d = completeDraft;
  return new URLSearchParams([
    ["intent", intent],
    ...Object.entries({
      title: d.title,
      pitch: d.pitch,
      description: d.description,
      unitPrice: "189,50",
      monthlyCapacity: String(d.monthlyCapacity),
      leadTimeDays: String(d.leadTimeDays),
    }),
    ...Object.entries({ licence: d.licence, accessibility: d.accessibility, environment: d.environment }),
    ...d.themes.map((t) => ["themes", t]),
    ...d.audiences.map((a) => ["audiences", a]),
    ...d.items.flatMap((i) => [
      ["itemName", i.name],
      ["itemQuantity", i.quantity],
      ["itemPurpose", i.purpose],
    ]),
    ...d.team.flatMap((m) => [
      ["memberName", m.name],
      ["memberRole", m.role],
    ]),
  ]);
}

function post(url: string, cookie: string, body: FormData | URLSearchParams, accept = "application/json") {
  return fetch(server.url + url, { method: "POST", headers: { Cookie: cookie, Origin: server.url, Accept: accept }, body, redirect: "manual" });
}

beforeAll(async () => {
  clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, duringSubmissions.toISOString());
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  const contest = (await contestWithAdmin(sql)).contest;
  contestId = contest.id;
  alice = await designer("Alice");
  bob = await designer("Bob");
  const [row] = await sql<{ id: number }[]>`
    insert into proposals (contest_id, owner_id, draft, title) values (${contest.id}, ${alice.id}, ${sql.json(completeDraft as never)}, ${completeDraft.title})
    returning id`;
  proposalId = row.id;
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

describe("designer pages over HTTP", () => {
  test("a proposal is its owner's alone: anyone else gets 404", async () => {
    const own = await fetch(`${server.url}/candidat/propositions/${proposalId}`, { headers: { Cookie: alice.cookie } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(completeDraft.title);
    const other = await fetch(`${server.url}/candidat/propositions/${proposalId}`, { headers: { Cookie: bob.cookie } });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(completeDraft.title);
    const upload = new FormData();
    upload.append("fichier", new Blob([Buffer.from("%PDF-1.7")], { type: "application/pdf" }), "plan.pdf");
    expect((await post(`/candidat/propositions/${proposalId}/fichiers?nature=document`, bob.cookie, upload)).status).toBe(404);
  });

  test("an HTML file named .jpg is refused by its bytes, with a French message, and nothing is stored", async () => {
    const form = new FormData();
    form.append("fichier", new Blob(["<!doctype html><script>alert(1)</script>"], { type: "image/jpeg" }), "photo.jpg");
    const response = await post(`/candidat/propositions/${proposalId}/fichiers?nature=photo`, alice.cookie, form);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, message: expect.stringMatching(/n'est pas une photo JPEG, PNG ou WebP/) });
    expect(await sql`select 1 from proposal_files where proposal_id = ${proposalId}`).toHaveLength(0);
  });

  test("a 40 MB document is cut off at the contest's 25 MB limit, with a French message, and nothing is kept", async () => {
    const form = new FormData();
    form.append(
      "fichier",
      new Blob([Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(40 * 1024 * 1024)])], { type: "application/pdf" }),
      "enorme.pdf",
    );
    const response = await post(`/candidat/propositions/${proposalId}/fichiers?nature=document`, alice.cookie, form);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, message: "Le fichier dépasse la taille maximale de 25 Mo." });
    expect(await sql`select 1 from proposal_files where proposal_id = ${proposalId} and display_name = 'enorme.pdf'`).toHaveLength(0);
  });

  test("a 20 MB document within the limit goes through the upload route", async () => {
    const form = new FormData();
    form.append(
      "fichier",
      new Blob([Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(20 * 1024 * 1024)])], { type: "application/pdf" }),
      "gros-plan.pdf",
    );
    const response = await post(`/candidat/propositions/${proposalId}/fichiers?nature=document`, alice.cookie, form);
    expect(response.status).toBe(201);
    const [file] = await sql<
      { originalSize: number }[]
    >`select original_size from proposal_files where proposal_id = ${proposalId} and display_name = 'gros-plan.pdf'`;
    expect(file.originalSize).toBe(20 * 1024 * 1024 + 9);
  });

  test("a cleaned PDF is offered only as an attachment, without its author's name", async () => {
    const form = new FormData();
    form.append("fichier", new Blob([await pdfWithMetadata(1)], { type: "application/pdf" }), "plan de montage.pdf");
    const response = await post(`/candidat/propositions/${proposalId}/fichiers?nature=document`, alice.cookie, form);
    expect(response.status).toBe(201);
    const [file] = await sql<
      { id: number }[]
    >`select id from proposal_files where proposal_id = ${proposalId} and display_name = 'plan de montage.pdf'`;
    await expect
      .poll(async () => (await sql<{ status: string }[]>`select status from proposal_files where id = ${file.id}`)[0].status, { timeout: 20_000 })
      .toBe("ready");
    const download = await fetch(`${server.url}/candidat/propositions/${proposalId}/fichiers/${file.id}/clean`, {
      headers: { Cookie: alice.cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(Buffer.from(await download.arrayBuffer()).includes("Jean Dupont")).toBe(false);
    const original = await fetch(`${server.url}/candidat/propositions/${proposalId}/fichiers/${file.id}/original`, {
      headers: { Cookie: alice.cookie },
    });
    expect(original.status).toBe(404);
    const stranger = await fetch(`${server.url}/candidat/propositions/${proposalId}/fichiers/${file.id}/clean`, { headers: { Cookie: bob.cookie } });
    expect(stranger.status).toBe(404);
  });

  test("a 10,000-character title is refused with the limit and what was typed, and kept in the field", async () => {
    const title = "t".repeat(10_000);
    const response = await post(`/candidat/propositions/${proposalId}`, alice.cookie, new URLSearchParams({ intent: "save", title }), "text/html");
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Le titre ne peut pas dépasser 200 caractères (vous en avez saisi 10\u202f000).");
    expect(page).toContain(`value="${title}"`);
    expect((await sql<{ title: string }[]>`select title from proposals where id = ${proposalId}`)[0].title).toBe(completeDraft.title);
  });

  test("each photo is described on the proposal page; the description becomes its alternative text; submission waits for it", async () => {
    const [row] = await sql<{ id: number }[]>`
      insert into proposals (contest_id, owner_id, draft, title) values (${contestId}, ${alice.id}, ${sql.json(completeDraft as never)}, ${completeDraft.title})
      returning id`;
    const url = `/candidat/propositions/${row.id}`;
    const photo = await addReadyPhoto(sql, row.id, null);
    const page = async () => (await fetch(server.url + url, { headers: { Cookie: alice.cookie } })).text();
    expect(await page()).toContain('alt="Photo « kit.jpg », sans description"');

    // Submitting names the photo to describe, by its field.
    const refused = await post(url, alice.cookie, completeForm("submit"), "text/html");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(new RegExp(`id="champ-photo-${photo}-message">Décrivez la photo 1 \\(« kit\\.jpg »\\)`));

    // Refused by the field, in French, with what was typed kept: a control character, too long, empty.
    for (const [description, message] of [
      ["La valise\u0007 ouverte", "La description contient un caractère de contrôle (octet nul ou autre caractère invisible) : retirez-le."],
      ["v".repeat(301), "La description ne peut pas dépasser 300 caractères (vous en avez saisi 301)."],
      ["  ", "Décrivez la photo : ce texte la remplace pour les personnes qui ne la voient pas."],
    ]) {
      const response = await post(
        url,
        alice.cookie,
        new URLSearchParams({ intent: "describe-photo", fileId: String(photo), description }),
        "text/html",
      );
      expect(response.status, JSON.stringify(description)).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="champ-photo-${photo}-message">${message.replace(/'/g, "&#x27;")}`);
      if (description.trim()) expect(html).toContain(`>${description.split("\u0007")[0]}`);
    }
    // A NUL byte, which no keyboard types, is refused at the boundary like in every form.
    const nul = await post(
      url,
      alice.cookie,
      new URLSearchParams({ intent: "describe-photo", fileId: String(photo), description: "La valise\u0000 ouverte" }),
      "text/html",
    );
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain("caractère nul");
    expect((await sql<{ description: string | null }[]>`select description from proposal_files where id = ${photo}`)[0].description).toBeNull();

    // Someone else's proposal, another proposal's photo: not found.
    const described = new URLSearchParams({ intent: "describe-photo", fileId: String(photo), description: "La valise ouverte sur une table." });
    expect((await post(url, bob.cookie, described, "text/html")).status).toBe(404);
    expect((await post(`/candidat/propositions/${proposalId}`, alice.cookie, described, "text/html")).status).toBe(404);
    for (const fileId of ["abc", "99999999999999999999"]) {
      expect(
        (await post(url, alice.cookie, new URLSearchParams({ intent: "describe-photo", fileId, description: "Une malle." }), "text/html")).status,
      ).toBe(404);
    }

    const saved = await post(url, alice.cookie, described, "text/html");
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${url}?fait=decrite#champ-photo-${photo}`);
    const html = await page();
    expect(html).toContain('alt="La valise ouverte sur une table."');
    expect(html).not.toContain("sans description");
    const submitted = await post(url, alice.cookie, completeForm("submit"), "text/html");
    expect(submitted.status).toBe(302);
  });

  test("one second after the deadline, by the server's clock, a submission gets a clear message and nothing changes", async () => {
    await writeFile(clockFile, justAfterDeadline.toISOString());
    const form = new URLSearchParams({ intent: "submit", title: "Titre tardif" });
    const response = await post(`/candidat/propositions/${proposalId}`, alice.cookie, form, "text/html");
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Les candidatures sont closes depuis le 29 mars 2026");
    const [row] = await sql<{ title: string; currentVersion: number }[]>`select title, current_version from proposals where id = ${proposalId}`;
    expect(row).toEqual({ title: completeDraft.title, currentVersion: 0 });
  });
});
