import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server";
import { connect, db, type Sql } from "~/infra/db.server";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import type { DecisionInput } from "~/results/decision-schemas";
import { recordDecision } from "~/results/decisions.server";
import { findPublishedResults, listPublishedResults, openLaureatePhoto, PublicationRefused, publishResults } from "~/results/publication.server";
import { sealScores } from "~/results/seal.server";
import { MediaFileNotFound } from "~/media/media";
import { noisyJpeg, tempFsStore, type MediaWorld } from "../../support/media-fixtures";
import { startTestServer, type AppProcess } from "../../support/server";
import { textOf } from "../accounts/http-client";
import sharp from "sharp";
import { handWorkedReviews, juryWorld, type JuryWorld } from "../../support/fixtures";
import { afterReview } from "../../support/calendar";

const laureate = (motivation = "Un kit complet, simple à animer et accessible."): DecisionInput => ({
  outcome: "laureate",
  motivation,
  finalUnitPriceCents: 18_950,
  finalMonthlyCapacity: 250,
});
const notRetained = (motivation = "Le kit demande une formation trop longue."): DecisionInput => ({
  outcome: "not_retained",
  motivation,
  finalUnitPriceCents: null,
  finalMonthlyCapacity: null,
});

/** The hand-worked contest, sealed, with entry 2 laureate and entries 1 and 3 not retained (and one ineligible entry). */
async function decidedWorld(sql: Sql, options: { decideAll?: boolean } = {}) {
  const world = await juryWorld(sql, { ineligible: 1 });
  await handWorkedReviews(sql, world);
  await sealScores({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }, sql);
  const [e1, e2, e3] = world.entries;
  const decide = (proposalId: number, decision: DecisionInput) =>
    recordDecision({ contestId: world.contest.id, proposalId, decision, actorId: world.adminId, now: afterReview }, sql);
  await decide(e2.id, laureate("Le jury salue un kit complet et très accessible."));
  await decide(e1.id, notRetained("Une idée prometteuse, mais le kit reste difficile à animer."));
  if (options.decideAll ?? true) await decide(e3.id, notRetained());
  return world;
}

/** The results e-mails sent to this world's candidates. */
const resultMails = (world: JuryWorld, sql: Sql = db) =>
  sql<{ toAddress: string; subject: string; textBody: string }[]>`
    select to_address, subject, text_body from mail_outbox
    where subject like 'Résultats du concours%' and to_address in ${sql(world.entries.map((e) => e.ownerEmail))}
    order by id`;

const publish = (world: JuryWorld, sql: Sql = db) => publishResults({ contestId: world.contest.id, actorId: world.adminId, now: afterReview }, sql);

describe("publishing the results", () => {
  test("refused while the scores are not sealed", async () => {
    const world = await juryWorld(db);
    const error = await publish(world).catch((e) => e);
    expect(error).toBeInstanceOf(PublicationRefused);
    expect(error.message).toMatch(/pas encore scellées/);
    expect(await db`select 1 from publications`).toHaveLength(0);
  });

  test("refused while an eligible entry has no decision, naming it", async () => {
    const world = await decidedWorld(db, { decideAll: false });
    const error = await publish(world).catch((e) => e);
    expect(error).toBeInstanceOf(PublicationRefused);
    expect(error.message).toBe("1 proposition recevable n'a pas encore de décision : « Kit numéro 3 ».");
    expect(error.undecided).toEqual([{ proposalId: world.entries[2].id, title: "Kit numéro 3" }]);
    expect(await db`select 1 from publications where contest_id = ${world.contest.id}`).toHaveLength(0);
    expect(await resultMails(world)).toHaveLength(0);
  });

  test("statuses, audit and one e-mail per eligible candidate with the decision, its motivation and the scores", async () => {
    const world = await decidedWorld(db);
    const [e1, e2, e3] = world.entries;
    const summary = await publish(world);
    expect(summary).toMatchObject({ laureates: 1, notRetained: 2, mails: 3 });

    const statuses = await db<{ id: number; status: string }[]>`select id, status from proposals where contest_id = ${world.contest.id} order by id`;
    expect(statuses.map((s) => s.status)).toEqual(["not_retained", "laureate", "not_retained", "ineligible"]);
    expect(statuses.slice(0, 3).map((s) => s.id)).toEqual([e1.id, e2.id, e3.id]);

    const [published] = await db<
      { publishedAt: Date; publishedBy: number }[]
    >`select published_at, published_by from publications where contest_id = ${world.contest.id}`;
    expect(published).toEqual({ publishedAt: afterReview, publishedBy: world.adminId });
    const [audit] = await db<
      { data: Record<string, unknown> }[]
    >`select data from audit_log where action = 'results.published' and subject = ${`contest:${world.contest.id}`}`;
    const [seal] = await db<{ digest: string }[]>`select digest from score_seals where contest_id = ${world.contest.id}`;
    expect(audit.data).toEqual({ laureates: [e2.id], notRetained: [e1.id, e3.id], sealDigest: seal.digest, publishedAt: afterReview.toISOString() });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    const mails = await resultMails(world);
    expect(mails.map((m) => m.toAddress)).toEqual([e1.ownerEmail, e2.ownerEmail, e3.ownerEmail]);
    const [toE1, toE2, toE3] = mails;
    expect(toE2.subject).toBe("Résultats du concours : votre proposition est lauréate — Kit numéro 2");
    expect(toE2.textBody).toContain("Bonjour Candidat 2,");
    expect(toE2.textBody).toContain("Motivation du jury :\nLe jury salue un kit complet et très accessible.");
    expect(toE2.textBody).toMatch(/Prix unitaire final retenu : 189,50\s€/);
    expect(toE2.textBody).toMatch(/Capacité de production mensuelle confirmée : 250 kits par mois/);
    expect(toE2.textBody).toContain("- Usage : 4,00\n- Conception : 4,00\n- Note globale pondérée : 4,00");
    expect(toE2.textBody).toContain("« Très convaincant. »");
    expect(toE2.textBody).toContain("/laureats");
    expect(toE1.subject).toBe("Résultats du concours : votre proposition n'est pas retenue — Kit numéro 1");
    expect(toE1.textBody).toContain("Une idée prometteuse, mais le kit reste difficile à animer.");
    expect(toE1.textBody).toContain("- Usage : 2,50\n- Conception : 1,00");
    expect(toE1.textBody).toContain("« Une belle idée, à simplifier. »");
    expect(toE1.textBody).not.toContain("Prix unitaire final");
    expect(toE3.textBody).toContain("Le kit demande une formation trop longue.");
    // What jurors wrote for the admins, and who they are, never reach a candidate.
    for (const mail of mails) {
      expect(mail.textBody).not.toContain("Le meilleur dossier.");
      expect(mail.textBody).not.toMatch(/Juré \d/);
    }
    const [ineligible] = await db<{ email: string }[]>`
      select u.email from proposals p join users u on u.id = p.owner_id where p.contest_id = ${world.contest.id} and p.status = 'ineligible'`;
    expect(await db`select 1 from mail_outbox where to_address = ${ineligible.email} and subject like 'Résultats%'`).toHaveLength(0);
  });

  test("publishing twice is refused with a clear message; the database refuses a second publication row", async () => {
    const world = await decidedWorld(db);
    await publish(world);
    const error = await publish(world).catch((e) => e);
    expect(error).toBeInstanceOf(PublicationRefused);
    expect(error.message).toMatch(/^Les résultats de ce concours sont déjà publiés depuis le .* : une publication ne se refait pas\.$/);
    await expect(db`insert into publications (contest_id, published_at) values (${world.contest.id}, now())`).rejects.toMatchObject({
      code: "23505",
      constraint_name: "publications_pkey",
    });
    await expect(db`delete from publications where contest_id = ${world.contest.id}`).rejects.toThrow(/a publication never changes/);
    expect(await resultMails(world)).toHaveLength(3);
  });

  test("two admins publishing at once: one publication, one set of e-mails, one clear refusal", async () => {
    const world = await decidedWorld(db);
    const results = await Promise.allSettled([publish(world), publish(world)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(PublicationRefused);
    expect(await resultMails(world)).toHaveLength(3);
    expect(await db`select 1 from audit_log where action = 'results.published' and subject = ${`contest:${world.contest.id}`}`).toHaveLength(1);
  });
});

describe("what the public sees", () => {
  let media: MediaWorld;
  beforeAll(async () => {
    media = await tempFsStore();
  });
  afterAll(async () => {
    await media?.cleanup();
  });

  /** Gives a photo real processed copies in the store, as the worker would. */
  async function processedCopies(fileId: number, proposalId: number) {
    const derivatives: Record<string, string> = {};
    for (const variant of ["large", "medium", "thumbnail"] as const) {
      const key = `proposals/${proposalId}/${fileId}/${variant}.webp`;
      await media.store.put(
        key,
        await sharp({ create: { width: 40, height: 30, channels: 3, background: "#123456" } })
          .webp()
          .toBuffer(),
      );
      derivatives[variant] = key;
    }
    await db`update proposal_files set derivatives = ${db.json(derivatives)} where id = ${fileId}`;
  }

  test("/laureats lists only the laureates of published contests, with their price, motivation and mean scores", async () => {
    const published = await decidedWorld(db);
    await publish(published);
    const unpublished = await decidedWorld(db); // decided, never published
    const results = await listPublishedResults();
    expect(results.map((c) => c.contestId)).toContain(published.contest.id);
    expect(results.map((c) => c.contestId)).not.toContain(unpublished.contest.id);
    const contest = results.find((c) => c.contestId === published.contest.id)!;
    expect(contest.laureates).toHaveLength(1);
    const [kit] = contest.laureates;
    expect(kit).toMatchObject({
      proposalId: published.entries[1].id,
      title: "Kit numéro 2",
      themes: ["Réseaux sociaux"],
      audiences: ["Personnes âgées"],
      finalUnitPriceCents: 18_950,
      motivation: "Le jury salue un kit complet et très accessible.",
      reviewCount: 2,
      overall: 4,
      means: [
        { criterion: "Usage", mean: 4 },
        { criterion: "Conception", mean: 4 },
      ],
      photos: [{ id: published.entries[1].photoId, width: 800, height: 600, description: "Le kit ouvert sur une table." }],
    });
    // The description shown is the one submitted with the version, whatever the file's row says since.
    await db`update proposal_files set description = 'Réécrite après coup.' where id = ${published.entries[1].photoId}`;
    const again = (await listPublishedResults()).find((c) => c.contestId === published.contest.id)!;
    expect(again.laureates[0].photos[0].description).toBe("Le kit ouvert sur une table.");
  });

  test("one contest's published laureates, as a catalogue reads them; nothing before publication", async () => {
    const world = await decidedWorld(db);
    const other = await decidedWorld(db);
    await publish(other);
    await expect(findPublishedResults(world.contest.id)).resolves.toBeNull();
    await publish(world);
    const results = await findPublishedResults(world.contest.id);
    expect(results).toMatchObject({ contestId: world.contest.id, slug: world.contest.slug, title: world.contest.title, publishedAt: afterReview });
    expect(results!.laureates.map((l) => [l.proposalId, l.title, l.finalUnitPriceCents, l.finalMonthlyCapacity])).toEqual([
      [world.entries[1].id, "Kit numéro 2", 18_950, 250],
    ]);
  });

  test("the photo route serves a laureate's processed photo and refuses everything else", async () => {
    const world = await decidedWorld(db);
    const [e1, e2] = world.entries;
    for (const entry of world.entries) await processedCopies(entry.photoId, entry.id);
    const deps = { store: media.store };
    const open = (proposalId: number, fileId: number, variant: "large" | "medium" | "thumbnail" = "medium", ifNoneMatch?: string) =>
      openLaureatePhoto({ proposalId, fileId, variant, ifNoneMatch }, deps);

    // Not yet published: even the future laureate's photo is not found.
    await expect(open(e2.id, e2.photoId)).rejects.toBeInstanceOf(MediaFileNotFound);
    await publish(world);

    const photo = await open(e2.id, e2.photoId);
    const bytes = Buffer.concat(await Readable.from(photo.stream!).toArray());
    expect((await sharp(bytes).metadata()).format).toBe("webp");
    const [{ readySha256 }] = await db<{ readySha256: string }[]>`select ready_sha256 from proposal_files where id = ${e2.photoId}`;
    expect(photo.etag).toBe(`"${readySha256}-medium"`);
    expect(await open(e2.id, e2.photoId, "medium", photo.etag)).toEqual({ etag: photo.etag, stream: null });

    // A not-retained entry's photo, a photo under another entry's address, a file that is not a photo, one not ready, one outside the judged version.
    await expect(open(e1.id, e1.photoId)).rejects.toBeInstanceOf(MediaFileNotFound);
    await expect(open(e2.id, e1.photoId)).rejects.toBeInstanceOf(MediaFileNotFound);
    const [doc] = await db<{ id: number }[]>`
      insert into proposal_files (proposal_id, kind, display_name, media_type, original_key, original_size, original_sha256, status, ready_sha256, derivatives)
      values (${e2.id}, 'document', 'plan.pdf', 'application/pdf', 'uploads/doc-x', 10, ${"a".repeat(64)}, 'ready', ${"a".repeat(64)}, '{"clean": "x/clean.pdf"}')
      returning id`;
    await expect(open(e2.id, doc.id)).rejects.toBeInstanceOf(MediaFileNotFound);
    const [late] = await db<{ id: number }[]>`
      insert into proposal_files (proposal_id, kind, display_name, media_type, original_key, original_size, original_sha256, status, ready_sha256, derivatives)
      values (${e2.id}, 'photo', 'après.jpg', 'image/jpeg', 'uploads/late-x', 10, ${"b".repeat(64)}, 'ready', ${"b".repeat(64)}, ${db.json({ medium: `proposals/${e2.id}/${e2.photoId}/medium.webp` })})
      returning id`;
    await expect(open(e2.id, late.id)).rejects.toBeInstanceOf(MediaFileNotFound);
    await db`update proposal_files set status = 'processing' where id = ${e2.photoId}`;
    await expect(open(e2.id, e2.photoId)).rejects.toBeInstanceOf(MediaFileNotFound);
  });
});

describe("/laureats over HTTP", () => {
  let server: AppProcess;
  let sql: ReturnType<typeof connect>;
  let world: JuryWorld;

  beforeAll(async () => {
    server = await startTestServer(inject("pgAdminUrl"));
    sql = connect(server.databaseUrl, { max: 2 });
    world = await decidedWorld(sql);
    const store = fsBlobStore(`${server.dataDir}/blobs`);
    const photo = await noisyJpeg(64, 48);
    for (const entry of world.entries) {
      const derivatives: Record<string, string> = {};
      for (const variant of ["large", "medium", "thumbnail"] as const) {
        const key = `proposals/${entry.id}/${entry.photoId}/${variant}.webp`;
        await store.put(key, await sharp(photo).webp().toBuffer());
        derivatives[variant] = key;
      }
      await sql`update proposal_files set derivatives = ${sql.json(derivatives)} where id = ${entry.photoId}`;
    }
  });
  afterAll(async () => {
    await sql?.end();
    await server?.stop();
  });

  test("before publication the page says so; afterwards it shows the laureate and answers conditional GETs with 304", async () => {
    const before = await fetch(`${server.url}/laureats`);
    expect(before.status).toBe(200);
    const beforeHtml = await textOf(before);
    expect(beforeHtml).toContain("Aucun résultat n'est encore publié");
    expect(beforeHtml).not.toContain("Kit numéro 2");
    const beforeTag = before.headers.get("ETag")!;
    expect(beforeTag).toMatch(/^W\/"/);

    await publish(world, sql);
    // Published outside the web process (straight through the domain): the page shows it once its
    // one-second cache is over, and the old validator no longer matches.
    const revalidate = () => fetch(`${server.url}/laureats`, { headers: { "If-None-Match": beforeTag } });
    await expect.poll(async () => (await revalidate()).status, { timeout: 30_000, interval: 200 }).toBe(200);
    const after = await revalidate();
    expect(after.status).toBe(200);
    const html = await textOf(after);
    expect(html).toContain("Kit numéro 2");
    expect(html).toContain("Le jury salue un kit complet et très accessible.");
    expect(html).toMatch(/189,50/);
    expect(html).not.toContain("Kit numéro 1");
    expect(html).not.toContain("Kit numéro 3");
    expect(html).not.toContain("Candidat 2"); // the person's name is not published
    const raw = await (await fetch(`${server.url}/laureats`)).text();
    expect(raw).toContain(`/laureats/${world.entries[1].id}/photos/${world.entries[1].photoId}/medium`);
    expect(raw).toContain('alt="Le kit ouvert sur une table."'); // the photo's description, as submitted

    const tag = after.headers.get("ETag")!;
    expect(tag).not.toBe(beforeTag);
    expect(after.headers.get("Cache-Control")).toBe("no-cache");
    const again = await fetch(`${server.url}/laureats`, { headers: { "If-None-Match": tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  test("the deliberation pages are for admins only: anonymous visitors are sent to log in, and nothing is sealed or published", async () => {
    const other = await juryWorld(sql, { entryCount: 1, jurorCount: 1 });
    const base = `/admin/concours/${other.contest.slug}/deliberation`;
    for (const url of [base, `${base}/${other.entries[0].id}`, `${base}/publication`, `${base}/membres`]) {
      const page = await fetch(server.url + url, { redirect: "manual" });
      expect(page.status, url).toBe(302);
      expect(page.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    }
    const post = await fetch(server.url + base, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=seal",
    });
    expect(post.status).toBe(302);
    expect(await sql`select 1 from score_seals where contest_id = ${other.contest.id}`).toHaveLength(0);
  });

  test("the photo route: 200 for a published laureate's copy (public cache, 304 on revalidation), 404 for anything else", async () => {
    const [e1, e2] = world.entries;
    const url = (proposalId: number, fileId: number, variant: string) => `${server.url}/laureats/${proposalId}/photos/${fileId}/${variant}`;
    const ok = await fetch(url(e2.id, e2.photoId, "large"));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/webp");
    expect(ok.headers.get("Cache-Control")).toBe("public, max-age=86400");
    expect(ok.headers.get("Content-Disposition")).not.toContain("kit.jpg");
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).format).toBe("webp");
    const etag = ok.headers.get("ETag")!;
    expect((await fetch(url(e2.id, e2.photoId, "large"), { headers: { "If-None-Match": etag } })).status).toBe(304);

    for (const [proposalId, fileId, variant] of [
      [e1.id, e1.photoId, "large"], // not retained
      [e2.id, e1.photoId, "large"], // another entry's photo under the laureate's address
      [e2.id, e2.photoId, "original"], // originals are never served
      [e2.id, e2.photoId, "clean"],
      [e2.id, 999_999, "large"],
      ["abc", e2.photoId, "large"],
    ] as const) {
      const response = await fetch(url(proposalId as number, fileId, variant));
      expect(response.status, `${proposalId}/${fileId}/${variant}`).toBe(404);
    }
  });
});
