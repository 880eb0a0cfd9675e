// Upload intake: typed by the bytes, cut off while streaming, counted against the contest's limits,
// only on one's own editable proposal, and nothing left behind when refused.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listAuditPage } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { UploadRefused, type FileKind } from "~/media/media";
import { listFilesForOwner, receiveUpload, removeFile } from "~/submissions/proposal-files.server";
import { ProposalLocked, ProposalNotFound, withdrawProposal } from "~/submissions/proposals.server";
import { hugeJpegLike, lazyUpload, noisyJpeg, pdfWithMetadata, solidPng, tempFsStore, type MediaWorld } from "../../support/media-fixtures";
import { createPerson, draftProposal } from "../../support/fixtures";
import { deadline, duringSubmissions, justAfterDeadline } from "../../support/calendar";

let world: MediaWorld;
beforeAll(async () => {
  world = await tempFsStore();
});
afterAll(() => world?.cleanup());

type Target = { proposalId: number; ownerId: number };

function upload(target: Target, kind: FileKind, filename: string, bytes: Buffer | Readable, now = duringSubmissions) {
  const stream = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes;
  return receiveUpload({ ...target, kind, filename, declaredType: "image/jpeg", stream, now }, { store: world.store });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefused);
  return error as UploadRefused;
}

async function filesOf(proposalId: number) {
  return db<{ id: number }[]>`select id from proposal_files where proposal_id = ${proposalId}`;
}

async function jobsFor(fileId: number) {
  return db<{ taskIdentifier: string; key: string }[]>`
    select task_identifier, key from graphile_worker.jobs where key = ${`process_upload:${fileId}`}`;
}

describe("upload intake", () => {
  test("a photo is stored under a server-made key, with its SHA-256, and its processing queued in the same transaction", async () => {
    const target = await draftProposal(db);
    const bytes = await noisyJpeg(800, 600);
    const file = await upload(target, "photo", "Photo du kit.jpg", bytes);
    expect(file).toMatchObject({
      recordId: target.proposalId,
      kind: "photo",
      displayName: "Photo du kit.jpg",
      mediaType: "image/jpeg",
      status: "processing",
      originalSize: bytes.length,
      originalSha256: createHash("sha256").update(bytes).digest("hex"),
      refusalReason: null,
    });
    const [row] = await db<{ originalKey: string }[]>`select original_key from proposal_files where id = ${file.id}`;
    expect(row.originalKey).toBe(`proposals/${target.proposalId}/${file.id}/original`);
    expect(await world.store.stat(row.originalKey)).toEqual({ size: bytes.length });
    expect(await jobsFor(file.id)).toEqual([{ taskIdentifier: "process_upload", key: `process_upload:${file.id}` }]);
    const [entry] = (await listAuditPage({ subject: `proposal:${target.proposalId}`, page: 1 })).items;
    expect(entry).toMatchObject({ action: "proposal.file_added", actorId: target.ownerId });
  });

  test("a PNG, a WebP and a PDF are accepted by their bytes, whatever their names say", async () => {
    const target = await draftProposal(db);
    const png = await upload(target, "photo", "scan.jpg", await solidPng(50, 40));
    expect(png.mediaType).toBe("image/png");
    const webp = await upload(
      target,
      "photo",
      "photo",
      await (
        await import("sharp")
      )
        .default(await solidPng(30, 30))
        .webp()
        .toBuffer(),
    );
    expect(webp.mediaType).toBe("image/webp");
    const pdf = await upload(target, "document", "plans.txt", await pdfWithMetadata());
    expect(pdf.mediaType).toBe("application/pdf");
  });

  describe("bad input is refused with a French message, and nothing is stored", () => {
    const cases: [string, FileKind, string, () => Promise<Buffer> | Buffer, RegExp][] = [
      [
        "a .jpg that is HTML",
        "photo",
        "photo.jpg",
        () => Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"),
        /pas une photo JPEG, PNG ou WebP/,
      ],
      [
        "an SVG (it can carry scripts)",
        "photo",
        "logo.svg",
        () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
        /pas une photo JPEG, PNG ou WebP/,
      ],
      ["an empty file", "photo", "vide.jpg", () => Buffer.alloc(0), /^Le fichier est vide\.$/],
      ["an empty document", "document", "vide.pdf", () => Buffer.alloc(0), /^Le fichier est vide\.$/],
      ["a PDF that is not a PDF", "document", "plans.pdf", () => Buffer.from("Ceci est un texte, pas un PDF.\n".repeat(50)), /pas un PDF/],
      ["a photo sent as a document", "document", "plans.pdf", () => noisyJpeg(100, 100), /pas un PDF/],
      ["a PDF sent as a photo", "photo", "photo.jpg", () => pdfWithMetadata(), /pas une photo/],
    ];
    test.each(cases)("%s", async (_label, kind, filename, make, message) => {
      const target = await draftProposal(db);
      const before = await world.keys();
      const error = await refusal(upload(target, kind, filename, await make()));
      expect(error.message).toMatch(message);
      expect(error.code).toBe(filename.startsWith("vide") ? "empty" : "type");
      expect(await filesOf(target.proposalId)).toHaveLength(0);
      expect(await world.keys()).toEqual(before);
    });
  });

  test("a 40 MB file is cut off while streaming at the contest's limit, not read to the end", async () => {
    const target = await draftProposal(db);
    const before = await world.keys();
    const bytes = await hugeJpegLike();
    const source = lazyUpload(bytes);
    const error = await refusal(upload(target, "photo", "énorme.jpg", source.stream));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("Le fichier dépasse la taille maximale de 15 Mo.");
    expect(source.read()).toBeLessThan(20 * 1024 * 1024);
    expect(source.read()).toBeLessThan(bytes.length);
    expect(await filesOf(target.proposalId)).toHaveLength(0);
    expect(await world.keys()).toEqual(before);
  });

  test("a document over 25 MB is cut off with its own limit in the message", async () => {
    const target = await draftProposal(db);
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(26 * 1024 * 1024, 0x20)]);
    const source = lazyUpload(bytes);
    const error = await refusal(upload(target, "document", "plans.pdf", source.stream));
    expect(error.message).toBe("Le fichier dépasse la taille maximale de 25 Mo.");
    expect(source.read()).toBeLessThan(bytes.length);
  });

  test("a refused file's source is released, not left paused", async () => {
    const target = await draftProposal(db);
    const source = lazyUpload(Buffer.concat([Buffer.from("<html>"), Buffer.alloc(1024 * 1024, 0x61)]));
    await refusal(upload(target, "photo", "page.jpg", source.stream));
    expect(source.stream.destroyed).toBe(true);
    expect(source.read()).toBeLessThan(1024 * 1024);
  });

  test("a filename with ../ and control characters is only a display name; the key is the server's", async () => {
    const target = await draftProposal(db);
    const file = await upload(target, "photo", "../../../etc/\u0000pass\u202Ewd\u0007\r\n.jpg", await noisyJpeg(64, 64));
    expect(file.displayName).toBe("passwd .jpg");
    const [row] = await db<{ originalKey: string }[]>`select original_key from proposal_files where id = ${file.id}`;
    expect(row.originalKey).toBe(`proposals/${target.proposalId}/${file.id}/original`);
    const nameless = await upload(target, "photo", "\u202E/..", await noisyJpeg(64, 64));
    expect(nameless.displayName).toBe("fichier");
  });

  test("someone else's proposal is not found, and nothing is read or stored", async () => {
    const target = await draftProposal(db);
    const intruder = (await createPerson(db, { name: "Autre Candidat" })).id;
    const before = await world.keys();
    const source = lazyUpload(await noisyJpeg(64, 64));
    await expect(upload({ proposalId: target.proposalId, ownerId: intruder }, "photo", "x.jpg", source.stream)).rejects.toBeInstanceOf(
      ProposalNotFound,
    );
    await expect(upload({ proposalId: 999_999, ownerId: target.ownerId }, "photo", "x.jpg", await noisyJpeg(64, 64))).rejects.toBeInstanceOf(
      ProposalNotFound,
    );
    expect(source.read()).toBe(0);
    expect(await world.keys()).toEqual(before);
  });

  test("after the deadline, or once withdrawn, the proposal is locked", async () => {
    const target = await draftProposal(db);
    const late = await upload(target, "photo", "x.jpg", await noisyJpeg(64, 64), justAfterDeadline).catch((e) => e);
    expect(late).toBeInstanceOf(ProposalLocked);
    expect((late as Error).message).toMatch(/candidatures sont closes/);
    await withdrawProposal({ ...target, now: duringSubmissions });
    await expect(upload(target, "photo", "x.jpg", await noisyJpeg(64, 64))).rejects.toThrow(/a été retirée/);
    expect(await filesOf(target.proposalId)).toHaveLength(0);
  });

  test("photos count against the contest's limit; removed and refused ones do not", async () => {
    const target = await draftProposal(db);
    const photo = await noisyJpeg(64, 64);
    const files = [];
    for (let i = 0; i < 10; i++) files.push(await upload(target, "photo", `p${i}.jpg`, photo));
    const full = await refusal(upload(target, "photo", "p10.jpg", photo));
    expect(full.code).toBe("count");
    expect(full.message).toBe("Cette proposition compte déjà 10 photos, le maximum fixé par le concours : retirez-en une avant d'en ajouter.");

    await removeFile({ ...target, fileId: files[0].id, now: duringSubmissions }, { store: world.store });
    await upload(target, "photo", "p10.jpg", photo);
    await db`update proposal_files set status = 'refused', refusal_reason = 'test' where id = ${files[1].id}`;
    await upload(target, "photo", "p11.jpg", photo);
    await refusal(upload(target, "photo", "p12.jpg", photo));
    expect((await listFilesForOwner(target, { store: world.store })).filter((f) => f.status !== "refused")).toHaveLength(10);
    // Documents have their own count.
    await upload(target, "document", "plans.pdf", await pdfWithMetadata());
  });

  test("documents count against their own limit", async () => {
    const target = await draftProposal(db);
    const pdf = await pdfWithMetadata(1);
    for (let i = 0; i < 5; i++) await upload(target, "document", `doc${i}.pdf`, pdf);
    const full = await refusal(upload(target, "document", "doc5.pdf", pdf));
    expect(full.message).toBe("Cette proposition compte déjà 5 documents, le maximum fixé par le concours : retirez-en un avant d'en ajouter.");
  });

  test("concurrent uploads cannot pass the limit together", async () => {
    const target = await draftProposal(db);
    const photo = await noisyJpeg(64, 64);
    for (let i = 0; i < 8; i++) await upload(target, "photo", `p${i}.jpg`, photo);
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => upload(target, "photo", `c${i}.jpg`, photo)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const [{ count }] = await db<{ count: number }[]>`select count(*)::int as count from proposal_files where proposal_id = ${target.proposalId}`;
    expect(count).toBe(10);
    // The refused ones' originals were deleted again: one stored original per row.
    const originals = (await world.keys()).filter((key) => key.startsWith(`proposals/${target.proposalId}/`));
    expect(originals).toHaveLength(10);
  });

  test("when the transaction fails, the stored original is deleted: nothing half-made remains", async () => {
    const target = await draftProposal(db);
    await db.unsafe(`
      create function refuse_file_insert() returns trigger language plpgsql as $$
      begin raise exception 'panne simulée'; end $$;
      create trigger refuse_file_insert before insert on proposal_files for each row execute function refuse_file_insert();`);
    try {
      const before = await world.keys();
      await expect(upload(target, "photo", "x.jpg", await noisyJpeg(64, 64))).rejects.toThrow(/panne simulée/);
      expect(await world.keys()).toEqual(before);
      const [{ jobs }] = await db<{ jobs: number }[]>`select count(*)::int as jobs from graphile_worker.jobs where task_identifier = 'process_upload'
        and not exists (select 1 from proposal_files f where f.id = split_part(key, ':', 2)::bigint)`;
      expect(jobs).toBe(0);
    } finally {
      await db.unsafe("drop trigger refuse_file_insert on proposal_files; drop function refuse_file_insert();");
    }
  });
});

describe("removing a file", () => {
  test("is soft, audited, only for the owner, and only while the proposal is editable", async () => {
    const target = await draftProposal(db);
    const file = await upload(target, "photo", "x.jpg", await noisyJpeg(64, 64));
    const intruder = (await createPerson(db, { name: "Autre" })).id;
    await expect(removeFile({ proposalId: target.proposalId, ownerId: intruder, fileId: file.id, now: duringSubmissions })).rejects.toBeInstanceOf(
      ProposalNotFound,
    );
    await expect(removeFile({ ...target, fileId: file.id, now: deadline })).rejects.toBeInstanceOf(ProposalLocked);
    const [{ draftRevision: before }] = await db<{ draftRevision: number }[]>`select draft_revision from proposals where id = ${target.proposalId}`;
    await removeFile({ ...target, fileId: file.id, now: duringSubmissions });
    expect(await listFilesForOwner(target)).toEqual([]);
    const [row] = await db<{ removedAt: Date; draftRevision: number }[]>`
      select f.removed_at, p.draft_revision from proposal_files f join proposals p on p.id = f.proposal_id where f.id = ${file.id}`;
    expect(row.removedAt.toISOString()).toBe(duringSubmissions.toISOString());
    expect(row.draftRevision).toBe(before + 1);
    await expect(removeFile({ ...target, fileId: file.id, now: duringSubmissions })).rejects.toThrow("Fichier introuvable.");
    const [entry] = (await listAuditPage({ subject: `proposal:${target.proposalId}`, page: 1 })).items;
    expect(entry).toMatchObject({ action: "proposal.file_removed", data: { fileId: file.id } });
  });
});
