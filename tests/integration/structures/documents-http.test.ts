// A structure's supporting documents over HTTP: a member uploads a PDF through the file pipeline
// (the server's worker cleans it); members, admins and the département's instructors download it,
// no one else; changes stop once the structure is verified; refusals change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { listStructureDocuments } from "~/structures/structure-files.server";
import { registerStructure } from "~/structures/structures.server";
import { eventually } from "../../support/eventually";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { pdfWithMetadata, solidPng } from "../../support/media-fixtures";
import { startTestServer, type TestServer } from "../../support/server";

let server: TestServer;
let sql: ReturnType<typeof connect>;
const cookies: Record<"member" | "otherMember" | "admin" | "instructor35" | "instructor15" | "designer", string> = {
  member: "",
  otherMember: "",
  admin: "",
  instructor35: "",
  instructor15: "",
  designer: "",
};
let structureId: number;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const member = await createPerson(sql);
  const otherMember = await createPerson(sql);
  const base = { kind: "library" as const, address: "2 place du Château", contactName: "Nadia Benali", contactPhone: "0299750000", now: new Date() };
  structureId = await registerStructure(
    { ...base, siret: "13002526500013", legalName: "CCAS de Vitré", commune: "35360", postal: "35500", actorId: member.id },
    sql,
  );
  await registerStructure(
    { ...base, siret: "21350238800017", legalName: "Bibliothèque d'Aurillac", commune: "15014", postal: "15000", actorId: otherMember.id },
    sql,
  );
  const people = {
    member,
    otherMember,
    admin: await createPerson(sql, { roles: ["admin"], totp: true }),
    instructor35: await createPerson(sql, { roles: ["instructor"], scope: "departement:35", totp: true }),
    instructor15: await createPerson(sql, { roles: ["instructor"], scope: "departement:15", totp: true }),
    designer: await createPerson(sql, { roles: ["designer"] }),
  };
  for (const [who, person] of Object.entries(people)) cookies[who as keyof typeof cookies] = await sessionCookie(sql, person.id);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function upload(who: keyof typeof cookies, file: { name: string; type: string; bytes: Buffer }, id = structureId) {
  const body = new FormData();
  body.set("fichier", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${server.url}/structure/${id}/pieces`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who] },
  });
}
function remove(who: keyof typeof cookies, fileId: string, id = structureId) {
  return fetch(`${server.url}/structure/${id}/pieces`, {
    method: "POST",
    body: new URLSearchParams({ fileId }),
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who], "Content-Type": "application/x-www-form-urlencoded" },
  });
}
const download = (who: keyof typeof cookies | null, fileId: number, id = structureId) =>
  fetch(`${server.url}/structure/${id}/pieces/${fileId}`, { redirect: "manual", headers: who ? { Cookie: cookies[who] } : {} });
const fileCount = async () => (await sql<{ n: number }[]>`select count(*)::int as n from structure_files`)[0].n;

describe("a structure's supporting documents", () => {
  let fileId: number;

  test("a member uploads a PDF: cleaned by the worker, listed for the verification, shown in the space", async () => {
    const response = await upload("member", { name: "statuts.pdf", type: "application/pdf", bytes: await pdfWithMetadata() });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/structure?fait=piece-recue#pieces-${structureId}`);
    const [file] = await eventually(
      "le document est traité",
      () => listStructureDocuments(structureId, { sql }),
      (files) => files.length === 1 && files[0].status === "ready",
      60_000,
    );
    fileId = file.id;
    expect(file).toMatchObject({ kind: "document", displayName: "statuts.pdf", pages: 2 });
    const space = await (await fetch(`${server.url}/structure`, { headers: { Cookie: cookies.member } })).text();
    expect(space).toContain(`href="/structure/${structureId}/pieces/${fileId}"`);
  });

  test("members, admins and instructors of its département download it; others find nothing", async () => {
    for (const who of ["member", "admin", "instructor35"] as const) {
      const response = await download(who, fileId);
      expect(response.status, who).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment/);
      await response.arrayBuffer();
    }
    for (const who of ["otherMember", "instructor15", "designer"] as const) expect((await download(who, fileId)).status, who).toBe(404);
    // The decision page links it, with its page count, for whoever decides.
    const decisionPage = await (
      await fetch(`${server.url}/instruction/structures/${structureId}`, { headers: { Cookie: cookies.instructor35 } })
    ).text();
    expect(decisionPage).toContain(`href="/structure/${structureId}/pieces/${fileId}"`);
    expect(decisionPage).toContain("statuts.pdf (PDF, 2 pages)");
    expect((await download(null, fileId)).headers.get("Location")).toMatch(/^\/connexion/);
    expect((await download("member", fileId, structureId + 1)).status).toBe(404);
  });

  test("not a PDF, no file, another structure's member, hostile ids: 4xx and nothing saved", async () => {
    const before = await fileCount();
    const png = await upload("member", { name: "photo.png", type: "image/png", bytes: await solidPng(20, 20) });
    expect(png.status).toBe(400);
    const disguised = await upload("member", { name: "statuts.pdf", type: "application/pdf", bytes: Buffer.from("pas un PDF du tout") });
    expect(disguised.status).toBe(400);
    expect((await upload("otherMember", { name: "s.pdf", type: "application/pdf", bytes: await pdfWithMetadata(1) })).status).toBe(404);
    expect((await upload("designer", { name: "s.pdf", type: "application/pdf", bytes: await pdfWithMetadata(1) })).status).toBe(403);
    const empty = await fetch(`${server.url}/structure/${structureId}/pieces`, {
      method: "POST",
      body: new FormData(),
      redirect: "manual",
      headers: { Origin: server.url, Cookie: cookies.member },
    });
    expect(empty.status).toBe(400);
    for (const id of ["abc", "99999999999999999999", "0"]) {
      const response = await fetch(`${server.url}/structure/${id}/pieces`, {
        method: "POST",
        body: new URLSearchParams({ fileId: "1" }),
        redirect: "manual",
        headers: { Origin: server.url, Cookie: cookies.member, "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(response.status, id).toBe(404);
    }
    expect((await remove("member", "1e3")).status).toBe(400);
    expect((await remove("otherMember", String(fileId))).status).toBe(404);
    expect(await fileCount()).toBe(before);
    expect(await listStructureDocuments(structureId, { sql })).toHaveLength(1);
  });

  test("once the structure is verified, its documents can no longer change", async () => {
    await sql`update structures set status = 'verified' where id = ${structureId}`;
    expect((await upload("member", { name: "s.pdf", type: "application/pdf", bytes: await pdfWithMetadata(1) })).status).toBe(409);
    expect((await remove("member", String(fileId))).status).toBe(409);
    await sql`update structures set status = 'pending' where id = ${structureId}`;
    expect((await remove("member", String(fileId))).status).toBe(302);
    expect(await listStructureDocuments(structureId, { sql })).toEqual([]);
  });
});
