// File names as people wrote them: UTF-8 kept (not read as latin1), percent-escapes decoded, and
// what could mislead a reader (bidirectional overrides, control characters, line breaks) removed.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world";
import { solidPng } from "../../support/media-fixtures";
import { rawRequest } from "../../support/raw-http";

let world: DraftWorld;
let png: Buffer;
beforeAll(async () => {
  world = await startDraftWorld(inject("pgAdminUrl"));
  png = await solidPng(40, 30);
});
afterAll(() => world?.stop());

/** Uploads a photo whose multipart header carries `filenameParameter` verbatim; the name the portal kept. */
async function keptName(filenameParameter: string) {
  const head = Buffer.from(`--x\r\nContent-Disposition: form-data; name="fichier"; ${filenameParameter}\r\nContent-Type: image/png\r\n\r\n`, "utf8");
  const answer = await rawRequest(`${world.server.url}/candidat/propositions/${world.proposalId}/fichiers?nature=photo`, {
    headers: {
      Cookie: world.designerCookie,
      Origin: world.server.url,
      Accept: "application/json",
      "Content-Type": "multipart/form-data; boundary=x",
    },
    body: Buffer.concat([head, png, Buffer.from("\r\n--x--\r\n")]),
  });
  expect(answer.status, answer.body).toBe(201);
  const [file] = await world.sql<{ id: number; displayName: string }[]>`
    select id, display_name from proposal_files where proposal_id = ${world.proposalId} order by id desc limit 1`;
  // Room for the next one: the contest takes ten photos.
  await world.sql`delete from proposal_files where id = ${file.id}`;
  return file.displayName;
}

describe("uploaded file names", () => {
  test.each([
    ['filename="café déjà vu ✓.jpg"', "café déjà vu ✓.jpg"],
    ['filename="atelier 📱 tablette.png"', "atelier 📱 tablette.png"],
    // RFC 5987 form, and the percent-escaped name some clients send.
    ["filename*=UTF-8''caf%C3%A9%20d%C3%A9j%C3%A0.jpg", "café déjà.jpg"],
    ['filename="caf%C3%A9%20d%C3%A9j%C3%A0.jpg"', "café déjà.jpg"],
    // Browsers escape quotes and line breaks in names (HTML standard).
    ['filename="le %22kit%22.png"', "le _kit_.png"],
    ['filename="ligne%0D%0Acoupée.png"', "ligne coupée.png"],
    // A right-to-left override would make "gpj.exe" read as "exe.jpg".
    ['filename="photo\u202Egpj.exe"', "photogpj.exe"],
    ['filename="100% net.png"', "100% net.png"],
  ])("%s is kept as %j", async (parameter, expected) => {
    expect(await keptName(parameter)).toBe(expected);
  });
});
