// The juror's pages over HTTP, against the built portal (`npx remix build` first), with the server's
// clock in the review phase: who reaches what (404 for entries that are not theirs, 403 for other
// roles), and the review, the conflict declaration and the ties through the forms.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Contest } from "~/contest/contests.server";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { connect } from "~/infra/postgres.server";
import { noisyJpeg } from "../../support/media-fixtures";
import { startTestServer, type AppProcess } from "../../support/server";
import { textOf } from "../accounts/http-client";
import {
  assign,
  contestWithAdmin,
  createDesigner,
  createJuror,
  juryForms,
  processedFile,
  sessionCookie,
  submittedProposal,
} from "../../support/fixtures";
import { afterReview, duringReview } from "../../support/calendar";

let server: AppProcess;
let sql: postgres.Sql;
let clockFile: string;
let contest: Contest;
let jurorA: { id: number; cookie: string };
let jurorB: { id: number; cookie: string };
let jurorC: { id: number; cookie: string };
let designerCookie: string;
const entries: Record<"mine" | "toDeclare" | "notMine" | "conflicted" | "otherContest", { id: number; fileId: number }> = {} as never;

function get(url: string, cookie?: string) {
  return fetch(server.url + url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(url: string, cookie: string, fields: Record<string, string>) {
  return fetch(server.url + url, {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

const setClock = (at: Date) => writeFile(clockFile, at.toISOString());

beforeAll(async () => {
  clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await setClock(duringReview);
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  const store = fsBlobStore(path.join(server.dataDir, "blobs"));
  contest = (await contestWithAdmin(sql, juryForms.threeCriteria)).contest;
  const other = (await contestWithAdmin(sql, juryForms.threeCriteria)).contest;
  const a = (await createJuror(sql, contest.id, { name: "Juré A" })).id;
  const b = (await createJuror(sql, contest.id, { name: "Juré B" })).id;
  const c = (await createJuror(sql, other.id, { name: "Juré C" })).id;
  jurorA = { id: a, cookie: await sessionCookie(sql, a) };
  jurorB = { id: b, cookie: await sessionCookie(sql, b) };
  jurorC = { id: c, cookie: await sessionCookie(sql, c) };
  designerCookie = await sessionCookie(sql, (await createDesigner(sql)).id);

  async function entry(contestId: number, reviewers: number[]) {
    let fileId = 0;
    const { proposalId } = await submittedProposal(sql, contestId, {
      addFiles: async (proposalId, ownerId) => {
        fileId = await processedFile(sql, store, { proposalId, ownerId, kind: "photo", filename: "kit.jpg", bytes: await noisyJpeg(400, 300) });
      },
    });
    for (const reviewer of reviewers) await assign(sql, proposalId, reviewer, contestId);
    return { id: proposalId, fileId };
  }
  entries.mine = await entry(contest.id, [a]);
  entries.toDeclare = await entry(contest.id, [a]);
  entries.notMine = await entry(contest.id, [b]);
  entries.conflicted = await entry(contest.id, [a, b]);
  await sql`insert into conflicts (proposal_id, user_id, source, reasons) values (${entries.conflicted.id}, ${a}, 'detected', '[]')`;
  entries.otherContest = await entry(other.id, [c]);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const pagesOf = (id: number, fileId: number) => [
  `/jury/entrees/${id}`,
  `/jury/entrees/${id}.data`,
  `/jury/entrees/${id}/fichiers/${fileId}/large`,
  `/jury/entrees/${id}/fichiers/${fileId}/thumbnail`,
];

describe("who reaches the jury pages", () => {
  test("a designer gets 403 everywhere in the jury space, and learns nothing", async () => {
    for (const url of ["/jury", "/jury.data", "/jury/liens", ...pagesOf(entries.mine.id, entries.mine.fileId)]) {
      const response = await get(url, designerCookie);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain("Mes premiers pas");
    }
    expect((await post(`/jury/entrees/${entries.mine.id}`, designerCookie, { intent: "save" })).status).toBe(403);
    expect((await post("/jury/liens", designerCookie, { intent: "confirm", contestId: String(contest.id) })).status).toBe(403);
  });

  test("a juror's own entry is served, its files under neutral names", async () => {
    for (const url of pagesOf(entries.mine.id, entries.mine.fileId)) {
      expect((await get(url, jurorA.cookie)).status, url).toBe(200);
    }
    const photo = await get(`/jury/entrees/${entries.mine.id}/fichiers/${entries.mine.fileId}/large`, jurorA.cookie);
    expect(photo.headers.get("content-type")).toBe("image/webp");
    expect(photo.headers.get("content-disposition")).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent(`Entrée ${entries.mine.id} - Photo 1.webp`)}`,
    );
    const original = await get(`/jury/entrees/${entries.mine.id}/fichiers/${entries.mine.fileId}/original`, jurorA.cookie);
    expect(original.status).toBe(404);
    const wrongVariant = await get(`/jury/entrees/${entries.mine.id}/fichiers/${entries.mine.fileId}/clean`, jurorA.cookie);
    expect(wrongVariant.status).toBe(404);
    // A file of another entry, asked for through one's own entry.
    const smuggled = await get(`/jury/entrees/${entries.mine.id}/fichiers/${entries.notMine.fileId}/large`, jurorA.cookie);
    expect(smuggled.status).toBe(404);
  });

  test.each(["notMine", "conflicted", "otherContest"] as const)(
    "an entry %s answers 404 to the juror, page, data, files and forms alike",
    async (which) => {
      const { id, fileId } = entries[which];
      for (const url of pagesOf(id, fileId)) {
        const response = await get(url, jurorA.cookie);
        expect(response.status, url).toBe(404);
        expect(await response.text(), url).not.toContain("Mes premiers pas");
      }
      expect((await post(`/jury/entrees/${id}`, jurorA.cookie, { intent: "save" })).status).toBe(404);
      expect((await post(`/jury/entrees/${id}`, jurorA.cookie, { intent: "declare-conflict", confirm: "oui" })).status).toBe(404);
      expect(await sql`select 1 from reviews where proposal_id = ${id} and user_id = ${jurorA.id}`).toHaveLength(0);
      expect(await sql`select 1 from conflicts where proposal_id = ${id} and user_id = ${jurorA.id} and source = 'juror'`).toHaveLength(0);
    },
  );

  test("the same entries are served to the jurors they are assigned to", async () => {
    expect((await get(`/jury/entrees/${entries.notMine.id}`, jurorB.cookie)).status).toBe(200);
    expect((await get(`/jury/entrees/${entries.notMine.id}/fichiers/${entries.notMine.fileId}/large`, jurorB.cookie)).status).toBe(200);
    expect((await get(`/jury/entrees/${entries.otherContest.id}`, jurorC.cookie)).status).toBe(200);
  });

  test("/jury lists the juror's entries only, with the deadline in Paris time and the progress", async () => {
    const text = await textOf(await get("/jury", jurorA.cookie));
    expect(text).toContain(`Entrée n° ${entries.mine.id}`);
    expect(text).toContain(`Entrée n° ${entries.toDeclare.id}`);
    for (const hidden of [entries.notMine, entries.conflicted, entries.otherContest]) expect(text).not.toContain(`Entrée n° ${hidden.id}`);
    expect(text).toContain("jusqu'au 1 mai 2026 à 18:00 (heure de Paris), soit encore 16 jours et 6 heures");
    expect(text).toMatch(/0 \/ 2 évaluations soumises/);
    expect(text).toContain("Déclarez vos liens d'intérêts");
  });
});

describe("reviewing through the form", () => {
  test("save a draft, be told what is missing to submit, submit, then read only once the phase has closed", async () => {
    const url = `/jury/entrees/${entries.mine.id}`;
    const [first, second, third] = contest.criteria.map((c) => `score-${c.id}`);
    const saved = await post(url, jurorA.cookie, { intent: "save", [first]: "4", [second]: "", commentForAdmins: "Bon kit." });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${url}?fait=enregistree#evaluation`);
    expect(await textOf(await get(`${url}?fait=enregistree`, jurorA.cookie))).toContain("Votre évaluation est enregistrée comme brouillon.");

    const incomplete = await post(url, jurorA.cookie, { intent: "submit", [first]: "4", [second]: "9", commentForAdmins: "Bon kit, revu." });
    expect(incomplete.status).toBe(400);
    const page = await incomplete.text();
    expect(page).toContain("La note est un nombre entier de 0 à 5.");
    expect(page).toContain("Notez ce critère (de 0 à 5) avant de soumettre.");
    expect(page).toContain("Bon kit, revu.");

    const unknown = await post(url, jurorA.cookie, { intent: "submit", [first]: "4", [second]: "4", [third]: "4", "score-999999": "2" });
    expect(unknown.status).toBe(400);
    expect(await textOf(unknown)).toContain("note un critère qui n'existe pas");

    const submitted = await post(url, jurorA.cookie, {
      intent: "submit",
      [first]: "4",
      [second]: "3",
      [third]: "5",
      commentForAdmins: "Bon kit.",
      commentForCandidate: "Bravo.",
    });
    expect(submitted.status).toBe(302);
    const [review] = await sql<{ status: string; scores: Record<string, number> }[]>`
      select status, scores from reviews where proposal_id = ${entries.mine.id} and user_id = ${jurorA.id}`;
    expect(review).toEqual({ status: "submitted", scores: Object.fromEntries(contest.criteria.map((c, i) => [String(c.id), [4, 3, 5][i]])) });
    expect(await textOf(await get("/jury", jurorA.cookie))).toMatch(/1 \/ 2 évaluations soumises/);

    await setClock(afterReview);
    try {
      const closed = await textOf(await get(url, jurorA.cookie));
      expect(closed).toContain("Évaluation en lecture seule");
      expect(closed).toContain("L'évaluation est close depuis le 1 mai 2026 à 18:00 (heure de Paris)");
      const late = await post(url, jurorA.cookie, { intent: "submit", [first]: "0", [second]: "0", [third]: "0" });
      expect(late.status).toBe(409);
      expect(await textOf(late)).toContain("les notes ne peuvent plus être modifiées");
      const [after] = await sql<
        { scores: Record<string, number> }[]
      >`select scores from reviews where proposal_id = ${entries.mine.id} and user_id = ${jurorA.id}`;
      expect(after.scores).toEqual(review.scores);
    } finally {
      await setClock(duringReview);
    }
  });

  test("declaring a conflict asks for confirmation, then hands the entry to another juror and takes it off the list", async () => {
    const url = `/jury/entrees/${entries.toDeclare.id}`;
    const confirm = await textOf(await get(`${url}?conflit=1`, jurorA.cookie));
    expect(confirm).toContain("Je déclare un conflit d'intérêts avec cette proposition.");
    const unconfirmed = await post(url, jurorA.cookie, { intent: "declare-conflict" });
    expect(unconfirmed.status).toBe(400);
    expect(await textOf(unconfirmed)).toContain("Cochez la case pour confirmer votre déclaration de conflit d'intérêts.");
    expect(await sql`select 1 from conflicts where proposal_id = ${entries.toDeclare.id}`).toHaveLength(0);

    const declared = await post(url, jurorA.cookie, { intent: "declare-conflict", confirm: "oui" });
    expect(declared.status).toBe(302);
    expect(declared.headers.get("location")).toBe("/jury?fait=conflit");
    const list = await textOf(await get("/jury?fait=conflit", jurorA.cookie));
    expect(list).toContain("Votre déclaration de conflit d'intérêts est enregistrée");
    expect(list).not.toContain(`Entrée n° ${entries.toDeclare.id}`);
    expect((await get(url, jurorA.cookie)).status).toBe(404);
    expect(await sql`select user_id from assignments where proposal_id = ${entries.toDeclare.id}`).toEqual([{ userId: jurorB.id }]);
    expect((await get(url, jurorB.cookie)).status).toBe(200);
  });
});

describe("declaring ties through the form", () => {
  test("a bad SIRET is refused by the field with what was typed kept; a good tie is listed, then removed", async () => {
    const refused = await post("/jury/liens", jurorB.cookie, {
      intent: "add",
      contestId: String(contest.id),
      kind: "organisation",
      label: "Fablab de Lyon",
      siret: "123 456 789 00010",
    });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain("Ce SIRET n&#x27;est pas valide");
    expect(refusedPage).toContain('value="Fablab de Lyon"');

    const added = await post("/jury/liens", jurorB.cookie, {
      intent: "add",
      contestId: String(contest.id),
      kind: "organisation",
      label: "Fablab de Lyon",
      siret: "732 829 320 00074",
    });
    expect(added.status).toBe(302);
    const page = await textOf(await get("/jury/liens", jurorB.cookie));
    expect(page).toContain("Fablab de Lyon");
    expect(page).toContain("73282932000074");
    const [tie] = await sql<{ id: number }[]>`select id from juror_ties where user_id = ${jurorB.id}`;
    const [seat] = await sql<
      { tiesDeclaredAt: Date }[]
    >`select ties_declared_at from jurors where contest_id = ${contest.id} and user_id = ${jurorB.id}`;
    expect(seat.tiesDeclaredAt.toISOString()).toBe(duringReview.toISOString());

    // Someone else's tie, or a contest one does not sit on: not found.
    expect((await post("/jury/liens", jurorA.cookie, { intent: "remove", contestId: String(contest.id), tieId: String(tie.id) })).status).toBe(404);
    expect((await post("/jury/liens", jurorC.cookie, { intent: "confirm", contestId: String(contest.id) })).status).toBe(404);

    expect((await post("/jury/liens", jurorB.cookie, { intent: "remove", contestId: String(contest.id), tieId: String(tie.id) })).status).toBe(302);
    expect(await sql`select 1 from juror_ties where user_id = ${jurorB.id}`).toHaveLength(0);
  });
});
