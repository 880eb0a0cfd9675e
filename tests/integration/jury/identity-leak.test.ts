// A juror never sees a candidate's identity (docs/architecture.md, Invariants). Candidates with
// unmistakable names, e-mails, organisations, SIRETs, team members and file names (in the names and
// inside the files' metadata) submit through the real pipeline; then every page and response a
// juror can reach — found by following the links of the jury space from /jury and /jury/liens, each
// page also as single-fetch data, every file variant, the form answers, and the headers of all of
// them — is searched for every one of those strings, with and without accents, in any case. Photo
// descriptions are the candidate's own text, shown to the juror as the images' alternative text
// like the title or the pitch: the assigned candidates' are shown, and the stranger's, which names
// them, never is.
import { inflateSync } from "node:zlib";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import type postgres from "postgres";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Contest } from "~/contest/contests.server";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { connect } from "~/infra/postgres.server";
import { addTie } from "~/jury/ties.server";
import { noisyJpeg } from "../../support/media-fixtures";
import { startTestServer, type AppProcess } from "../../support/server";
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
import { duringReview } from "../../support/calendar";

type Candidate = {
  name: string;
  email: string;
  organisation: string;
  siret: string;
  team: { name: string; role: string }[];
  photoName: string;
  /** The photo's description, written by the candidate: the juror reads it as the image's alternative text. */
  photoDescription: string;
  documentName: string;
  /** Written into the files' metadata (EXIF, XMP, PDF information dictionary). */
  metadataName: string;
};

const candidates: Candidate[] = [
  {
    name: "Zéphyrin Quarteron",
    email: "quarteron@atelier-zephyr.fr",
    organisation: "Atelier Zéphyr",
    siret: "73282932000074",
    team: [
      { name: "Zéphyrin Quarteron", role: "Conception" },
      { name: "Honorine Vautrelle", role: "Fabrication" },
    ],
    photoName: "photo-zephyrin.jpg",
    photoDescription: "Une valise ouverte : une tablette et douze fiches plastifiées.",
    documentName: "Plans Quarteron.pdf",
    metadataName: "Zephyrin Quarteron",
  },
  {
    name: "Léontine Aubergé-Mistral",
    email: "leontine.mistral@ressourcerie-velay.org",
    organisation: "Ressourcerie du Velay",
    siret: "44306184100047",
    team: [{ name: "Barnabé Ducasse-Ollivier", role: "Animation" }],
    photoName: "IMG_Leontine_Mistral.jpg",
    photoDescription: "Un plateau de jeu déplié avec ses cartes « vrai » et « faux ».",
    documentName: "guide-ressourcerie-velay.pdf",
    metadataName: "Leontine Auberge-Mistral",
  },
];
// Submits too, but is never assigned to the juror: nothing of it may show either.
const stranger: Candidate = {
  name: "Théodule Phryganon",
  email: "theodule@phryganon-lab.fr",
  organisation: "Phryganon Lab",
  siret: "35600000000048",
  team: [{ name: "Théodule Phryganon", role: "Tout" }],
  photoName: "phryganon.jpg",
  photoDescription: "Le kit de Théodule Phryganon sur l'établi de Phryganon Lab.",
  documentName: "phryganon.pdf",
  metadataName: "Theodule Phryganon",
};

const spacedSiret = (siret: string) => `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;

const stem = (filename: string) => filename.replace(/\.[^.]+$/, "");

/** Everything that names a candidate, as written and in the other forms a page could show it. */
function forbiddenStrings(candidate: Candidate, receiptNumber: string): string[] {
  const [local, domain] = candidate.email.split("@");
  return [
    candidate.name,
    ...candidate.name.split(/[\s-]+/).filter((word) => word.length >= 5),
    candidate.email,
    local,
    domain,
    domain.split(".")[0],
    candidate.organisation,
    candidate.siret,
    spacedSiret(candidate.siret),
    candidate.siret.slice(0, 9),
    ...candidate.team.flatMap((member) => [member.name, ...member.name.split(/[\s-]+/).filter((word) => word.length >= 5)]),
    candidate.photoName,
    stem(candidate.photoName),
    candidate.documentName,
    stem(candidate.documentName),
    candidate.metadataName,
    receiptNumber,
  ];
}

/** Lowercase, without accents: « Zéphyrin » and « ZEPHYRIN » are both "zephyrin". */
const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

const utf16Hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");

/** The readable forms of a response: its text, and for binaries also UTF-16 and their inflated (Flate) streams. */
function readableForms(body: Buffer): string[] {
  const forms = [body.toString("utf8"), body.toString("latin1"), body.toString("utf16le"), body.subarray(1).toString("utf16le")];
  const latin1 = body.toString("latin1");
  for (const match of latin1.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = latin1.indexOf("endstream", start);
    if (end < 0) continue;
    try {
      const inflated = inflateSync(body.subarray(start, end));
      forms.push(inflated.toString("latin1"), inflated.toString("utf8"));
    } catch {
      // not a Flate stream
    }
  }
  return forms;
}

/** The forbidden strings found in a body or its headers, folded. */
function leaks(body: Buffer, headers: string, forbidden: string[]): string[] {
  const haystacks = [...readableForms(body), headers].map(fold);
  // PDF text strings may be hex-encoded UTF-16 (<FEFF005A…>).
  const hex = body.toString("latin1").toLowerCase().replace(/\s+/g, "");
  return forbidden.filter((needle) => {
    const folded = fold(needle);
    return haystacks.some((h) => h.includes(folded)) || hex.includes(utf16Hex(needle).toLowerCase()) || hex.includes(utf16Hex(folded).toLowerCase());
  });
}

async function photoWithMetadata(name: string) {
  return sharp(await noisyJpeg(900, 600, { seed: name.length }))
    .withExif({ IFD0: { Artist: name, Copyright: name, ImageDescription: `Kit de ${name}` } })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${name}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .jpeg()
    .toBuffer();
}

async function pdfWithMetadata(candidate: Candidate) {
  const doc = await PDFDocument.create();
  doc.setTitle(`Plans — ${candidate.organisation}`);
  doc.setAuthor(candidate.name);
  doc.setSubject(`Kit de ${candidate.metadataName}, ${candidate.email}`);
  doc.setKeywords([candidate.metadataName, candidate.siret]);
  doc.setCreator(candidate.metadataName);
  doc.setProducer(candidate.organisation);
  doc.addPage([300, 400]).drawText("Plan de montage", { x: 40, y: 300 });
  const xmp = doc.context.stream(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${candidate.metadataName}</dc:creator></x:xmpmeta>`, {
    Type: "Metadata",
    Subtype: "XML",
  });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

let server: AppProcess;
let sql: postgres.Sql;
let contest: Contest;
let cookie: string;
let forbidden: string[];
const entryIds: number[] = [];
let strangerEntry: number;
let strangerFiles: number[] = [];
const originals: Buffer[] = [];

type Fetched = { method: string; url: string; status: number; headers: string; body: Buffer };
const fetched: Fetched[] = [];

async function record(method: string, url: string, init: RequestInit = {}) {
  const response = await fetch(server.url + url, { ...init, method, redirect: "manual", headers: { Cookie: cookie, ...(init.headers ?? {}) } });
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  const result = { method, url, status: response.status, headers, body };
  fetched.push(result);
  return result;
}

function post(url: string, fields: Record<string, string>) {
  return record("POST", url, {
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** The single-fetch data URL of a page: /jury → /jury.data, /jury/entrees/3?conflit=1 → /jury/entrees/3.data?conflit=1. */
function dataUrl(url: string) {
  const u = new URL(url, "http://x");
  return `${u.pathname === "/" ? "/_root" : u.pathname}.data${u.search}`;
}

/** Follows every same-site link, image and form of the jury space, breadth first, from its two entry points. */
async function crawl() {
  const seen = new Set<string>();
  const queue = ["/jury", "/jury/liens"];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const page = await record("GET", url);
    if (!/text\/html/.test(page.headers)) continue;
    queue.push(dataUrl(url));
    for (const match of page.body.toString("utf8").matchAll(/\s(?:href|src|action)="([^"]+)"/g)) {
      const link = decodeEntities(match[1]).replace(/#.*$/, "");
      if (link.startsWith("/jury")) queue.push(link);
    }
  }
  return seen;
}

beforeAll(async () => {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, duringReview.toISOString());
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  const store = fsBlobStore(path.join(server.dataDir, "blobs"));
  contest = (await contestWithAdmin(sql, juryForms.threeCriteria)).contest;
  const me = (await createJuror(sql, contest.id, { name: "Juré Témoin" })).id;
  cookie = await sessionCookie(sql, me);
  await addTie(
    { contestId: contest.id, userId: me, tie: { kind: "organisation", label: "Fablab de Saint-Ouen", siret: null }, now: duringReview },
    sql,
  );

  forbidden = [];
  for (const candidate of [...candidates, stranger]) {
    const ownerId = (await createDesigner(sql, { name: candidate.name, email: candidate.email })).id;
    const files: number[] = [];
    const photo = await photoWithMetadata(candidate.metadataName);
    const pdf = await pdfWithMetadata(candidate);
    originals.push(photo, pdf);
    const { proposalId, receipt } = await submittedProposal(sql, contest.id, {
      ownerId,
      draft: { organisationName: candidate.organisation, organisationSiret: candidate.siret, team: candidate.team },
      addFiles: async (id, owner) => {
        files.push(
          await processedFile(sql, store, {
            proposalId: id,
            ownerId: owner,
            kind: "photo",
            filename: candidate.photoName,
            bytes: photo,
            description: candidate.photoDescription,
          }),
        );
        files.push(
          await processedFile(sql, store, { proposalId: id, ownerId: owner, kind: "document", filename: candidate.documentName, bytes: pdf }),
        );
      },
    });
    forbidden.push(...forbiddenStrings(candidate, receipt.receiptNumber));
    if (candidate === stranger) {
      strangerEntry = proposalId;
      strangerFiles = files;
    } else {
      await assign(sql, proposalId, me, contest.id);
      entryIds.push(proposalId);
    }
  }
  // The juror has started on the first entry, so the grid shows stored scores and comments too.
  const criteria = contest.criteria.map((c) => `score-${c.id}`);
  const saved = await post(`/jury/entrees/${entryIds[0]}`, {
    intent: "save",
    [criteria[0]]: "4",
    commentForAdmins: "Kit prometteur.",
    commentForCandidate: "Bravo.",
  });
  expect(saved.status).toBe(302);
}, 180_000);

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

describe("what a juror can reach names no candidate", () => {
  test("the search finds the names where they are: in the uploaded originals and in what the admins see", async () => {
    // A guard against a search that cannot find anything.
    for (const original of originals) expect(leaks(original, "", forbidden).length).toBeGreaterThan(0);
    const [row] = await sql<{ content: unknown }[]>`select content from proposal_versions where proposal_id = ${entryIds[0]}`;
    expect(leaks(Buffer.from(JSON.stringify(row.content)), "", forbidden)).toEqual(
      expect.arrayContaining(["Zéphyrin Quarteron", "Atelier Zéphyr", "73282932000074"]),
    );
    expect(leaks(Buffer.from("<p>Z&eacute;</p> ZEPHYRIN"), "", ["Zéphyrin"])).toEqual(["Zéphyrin"]);
    // The stranger's photo description names them, in the version they submitted.
    const [strangerVersion] = await sql<{ content: unknown }[]>`select content from proposal_versions where proposal_id = ${strangerEntry}`;
    expect(leaks(Buffer.from(JSON.stringify(strangerVersion.content)), "", forbidden)).toEqual(
      expect.arrayContaining(["Théodule Phryganon", "Phryganon Lab"]),
    );
  });

  test("every page, its data, every file and every form answer of the jury space", async () => {
    const crawled = await crawl();
    // The crawl did reach what matters: both entries as pages and data, the conflict confirmation, the files.
    for (const id of entryIds) {
      expect(crawled).toContain(`/jury/entrees/${id}`);
      expect(crawled).toContain(`/jury/entrees/${id}.data`);
      expect(crawled).toContain(`/jury/entrees/${id}?conflit=1`);
      expect([...crawled].filter((url) => url.startsWith(`/jury/entrees/${id}/fichiers/`)).length).toBeGreaterThanOrEqual(3);
    }
    // Each entry's photo is shown with its candidate's description as its alternative text.
    for (const [i, id] of entryIds.entries()) {
      const page = fetched.find((f) => f.method === "GET" && f.url === `/jury/entrees/${id}`)!.body.toString("utf8");
      expect(decodeEntities(page)).toContain(`alt="${candidates[i].photoDescription}"`);
    }
    expect(crawled).toContain("/jury.data");
    expect(crawled).toContain("/jury/liens.data");

    // Every variant of every file of the juror's entries, whether linked or not.
    const fileIds = new Set([...crawled].map((url) => /\/fichiers\/(\d+)\//.exec(url)?.[1]).filter(Boolean));
    expect(fileIds.size).toBe(4);
    for (const url of [...crawled].filter((u) => u.includes("/fichiers/"))) {
      const base = url.replace(/\/[a-z]+$/, "");
      for (const variant of ["large", "medium", "thumbnail", "clean"]) await record("GET", `${base}/${variant}`);
    }

    // The answers to forms, as HTML and as single-fetch data: errors echo what was sent, nothing more.
    const [first] = contest.criteria.map((c) => `score-${c.id}`);
    for (const id of entryIds) {
      for (const url of [`/jury/entrees/${id}`, `/jury/entrees/${id}.data`]) {
        expect((await post(url, { intent: "submit", [first]: "9", commentForAdmins: "Relu." })).status).toBe(400);
        expect((await post(url, { intent: "declare-conflict" })).status).toBe(400);
      }
    }
    expect(
      (await post("/jury/liens", { intent: "add", contestId: String(contest.id), kind: "organisation", label: "Autre", siret: "123" })).status,
    ).toBe(400);

    // An entry that is not theirs, and its files: 404 pages that say nothing either.
    for (const url of [
      `/jury/entrees/${strangerEntry}`,
      `/jury/entrees/${strangerEntry}.data`,
      ...strangerFiles.flatMap((f) => ["large", "clean"].map((v) => `/jury/entrees/${strangerEntry}/fichiers/${f}/${v}`)),
    ]) {
      expect((await record("GET", url)).status, url).toBe(404);
    }

    const served = fetched.filter((f) => f.status === 200);
    expect(served.filter((f) => /content-type: image\/webp/.test(f.headers)).length).toBeGreaterThanOrEqual(6);
    expect(served.filter((f) => /content-type: application\/pdf/.test(f.headers)).length).toBeGreaterThanOrEqual(2);
    const found = fetched
      .map((f) => ({ request: `${f.method} ${f.url} → ${f.status}`, leaks: leaks(f.body, f.headers, forbidden) }))
      .filter((f) => f.leaks.length > 0);
    expect(found).toEqual([]);
  });

  test("files are offered under neutral names only", () => {
    const names = fetched
      .map((f) => /content-disposition: (.*)/.exec(f.headers)?.[1])
      .filter((value): value is string => Boolean(value))
      .map((value) => decodeURIComponent(value.replace(/^.*filename\*=UTF-8''/, "")));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^Entrée \d+ - (Photo|Document) \d+\.(webp|pdf)$/);
  });
});
