// The jury, end to end in a real browser: a juror logs in with TOTP, declares a tie, scores two
// entries and submits; after the review closes (moved by the test's clock) the admin seals the
// scores, deliberates, names a laureate with a reason and publishes; /laureats shows the kit with
// its photo; the candidate's e-mail is in the outbox. Every page is checked with axe.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createContest } from "../../app/contest/contests.server";
import { fsBlobStore } from "../../app/infra/blobs/fs-blob-store.server";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { noisyJpeg } from "../support/media-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import { assign, contestInput, createDesigner, createJuror, createPerson, processedFile, submittedProposal } from "../support/fixtures";
import { afterReview, duringReview, duringSubmissions } from "../support/calendar";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let dir: string;
const clockFile = () => path.join(dir, "clock");

const PASSWORD = "une longue phrase de passe pour le jury";
const ADMIN = { email: "paul.gestion@programme.example.gouv.fr", secret: new Secret({ size: 20 }).base32 };
const JUROR = { email: "dominique.jure@exemple.fr", secret: new Secret({ size: 20 }).base32 };
const KITS = [
  {
    owner: { email: "ines.moreau@atelier-exemple.fr", name: "Inès Moreau" },
    title: "La malle des démarches",
    price: 18_950,
    photo: "Une malle ouverte : une tablette et des fiches plastifiées.",
  },
  {
    owner: { email: "hugo.petit@fablab-exemple.fr", name: "Hugo Petit" },
    title: "Le jeu Vrai ou faux",
    price: 4_500,
    photo: "Des cartes à jouer étalées sur une table.",
  },
];
const MOTIVATION = "Le jury salue une malle complète, simple à animer et très accessible.";
let contestId: number;
const entries: { id: number; title: string; ownerEmail: string }[] = [];

async function setClock(at: Date) {
  await writeFile(clockFile(), at.toISOString());
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kits-e2e-jury-"));
  await setClock(duringSubmissions);
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile() }), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  const admin = await createPerson(sql, { email: ADMIN.email, name: "Paul Gestion", roles: ["admin"], password: PASSWORD, totp: ADMIN.secret });
  const contest = await createContest(contestInput({ slug: "kits-2026" }), admin.id, sql);
  contestId = contest.id;

  // Two kits, submitted during the submission phase with a photo processed by the real pipeline, then ruled eligible.
  const store = fsBlobStore(path.join(server.dataDir, "blobs"));
  for (const [i, kit] of KITS.entries()) {
    const owner = await createDesigner(sql, kit.owner);
    const { proposalId } = await submittedProposal(sql, contestId, {
      ownerId: owner.id,
      draft: { title: kit.title, unitPrice: kit.price, team: [{ name: kit.owner.name, role: "Conception" }] },
      addFiles: async (proposalId, ownerId) =>
        processedFile(sql, store, {
          proposalId,
          ownerId,
          kind: "photo",
          filename: `${kit.owner.name}.jpg`,
          bytes: await noisyJpeg(1200, 900, { seed: i }),
          description: kit.photo,
        }),
      eligibleBy: admin.id,
    });
    entries.push({ id: proposalId, title: kit.title, ownerEmail: kit.owner.email });
  }

  // The juror's seat and assignments, as the admin's jury pages would have made them.
  const juror = await createJuror(sql, contestId, {
    email: JUROR.email,
    name: "Dominique Juré",
    password: PASSWORD,
    totp: JUROR.secret,
    invitedBy: admin.id,
  });
  for (const entry of entries) await assign(sql, entry.id, juror.id, contestId, admin.id);
  await setClock(duringReview);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

async function logInWithCode(page: Page, account: { email: string; secret: string }) {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel("Adresse électronique").fill(account.email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/connexion/code");
  await page.getByLabel("Code à usage unique").fill(new TOTP({ secret: Secret.fromBase32(account.secret) }).generate());
  await page.getByRole("button", { name: "Valider" }).click();
  await page.waitForURL((url) => url.pathname !== "/connexion/code");
}

describe("the jury, from scores to published results, in a real browser", () => {
  test("a juror scores two entries; the admin seals, deliberates, names a laureate and publishes; /laureats shows it", async () => {
    const [usage, access] = (await sql<{ id: number }[]>`select id from contest_criteria where contest_id = ${contestId} order by position`).map(
      (c) => c.id,
    );

    // The juror: TOTP, a tie declared, two entries scored and submitted.
    const juror = await browser.newPage();
    await logInWithCode(juror, JUROR);
    await juror.goto(`${server.url}/jury`);
    await juror.getByRole("heading", { name: "Espace du jury" }).waitFor();
    await expectAccessible(juror);
    await juror.goto(`${server.url}/jury/liens`);
    await juror.getByLabel("Nom de l'organisation").fill("Médiathèque de Riom");
    await juror.getByRole("button", { name: "Ajouter l'organisation" }).click();
    await juror.getByRole("cell", { name: "Médiathèque de Riom", exact: true }).waitFor();
    await juror.getByRole("button", { name: "Je confirme ma déclaration" }).click();
    await juror.getByText("Votre déclaration est confirmée.").waitFor();
    await expectAccessible(juror);
    const ties = await sql`select label from juror_ties where contest_id = ${contestId}`;
    expect(ties.map((t) => t.label)).toEqual(["Médiathèque de Riom"]);

    const scores = [
      { usage: 5, access: 4, comment: "Une malle très complète, bravo." },
      { usage: 2, access: 3, comment: "" },
    ];
    for (const [i, entry] of entries.entries()) {
      await juror.goto(`${server.url}/jury`);
      await juror.getByRole("link", { name: `Entrée n° ${entry.id}` }).click();
      await juror.waitForURL(new RegExp(`/jury/entrees/${entry.id}$`));
      // Blind: the candidate's name appears nowhere on the page.
      expect(await juror.locator("main").textContent()).not.toContain(KITS[i].owner.name);
      await juror.locator(`label[for="score-${usage}-${scores[i].usage}"]`).click();
      await juror.locator(`label[for="score-${access}-${scores[i].access}"]`).click();
      if (scores[i].comment) await juror.getByLabel("Commentaire pour le candidat (facultatif)").fill(scores[i].comment);
      await juror.getByRole("button", { name: "Soumettre", exact: true }).click();
      await juror.getByText("Votre évaluation est soumise.").waitFor();
      await expectAccessible(juror);
    }
    expect(await sql`select 1 from reviews where status = 'submitted'`).toHaveLength(2);

    // The review closes.
    await setClock(afterReview);

    // The admin seals, deliberates, decides and publishes.
    const admin = await browser.newPage();
    await logInWithCode(admin, ADMIN);
    const deliberation = `${server.url}/admin/concours/kits-2026/deliberation`;
    await admin.goto(deliberation);
    await expectAccessible(admin);
    await admin.getByRole("button", { name: "Sceller les notes" }).click();
    await admin.getByText("Les notes sont scellées.").waitFor();
    const [seal] = await sql<{ digest: string }[]>`select digest from score_seals where contest_id = ${contestId}`;
    expect(await admin.locator("main").textContent()).toContain(seal.digest);
    const ranking = admin.getByRole("table", { name: /Classement des propositions recevables/ });
    await expect(ranking.locator("tbody tr").first().textContent()).resolves.toContain("La malle des démarches");
    await expectAccessible(admin);
    // Each juror's figures, on a page of their own.
    await admin.getByRole("link", { name: "Notes des membres du jury" }).click();
    await admin.getByRole("table", { name: /Notes des membres du jury/ }).waitFor();
    await expectAccessible(admin);
    await admin.getByRole("link", { name: "Délibération" }).click();
    await ranking.waitFor();

    await ranking.getByRole("link", { name: "La malle des démarches" }).click();
    await admin.getByRole("heading", { name: "La malle des démarches" }).waitFor();
    await expectAccessible(admin);
    // A laureate without its confirmed figures is refused by the field, and what was typed stays.
    await admin.locator('label[for="outcome-laureate"]').click();
    await admin.getByLabel("Motivation").fill(MOTIVATION);
    await admin.getByLabel("Prix unitaire final (lauréat)").fill("");
    await admin.getByRole("button", { name: "Enregistrer la décision" }).click();
    await admin.locator("#champ-finalUnitPrice-message").waitFor();
    await expect(admin.getByLabel("Motivation").inputValue()).resolves.toBe(MOTIVATION);
    await expectAccessible(admin);
    await admin.getByLabel("Prix unitaire final (lauréat)").fill("179,90");
    await admin.getByLabel("Capacité de production mensuelle confirmée (lauréat)").fill("150");
    await admin.getByRole("button", { name: "Enregistrer la décision" }).click();
    await admin.getByText("La décision est enregistrée.").waitFor();

    await admin.getByRole("link", { name: "Le jeu Vrai ou faux" }).click();
    await admin.locator('label[for="outcome-not_retained"]').click();
    await admin.getByLabel("Motivation").fill("Une bonne idée, mais le jeu reste difficile à animer sans formation.");
    await admin.getByRole("button", { name: "Enregistrer la décision" }).click();
    await admin.getByText("La décision est enregistrée.").waitFor();
    await expectAccessible(admin);

    await admin.getByRole("link", { name: "Publier les résultats…" }).click();
    await admin.getByRole("heading", { name: "Publier les résultats" }).waitFor();
    await expectAccessible(admin);
    await admin.locator('label[for="confirm"]').click();
    await admin.getByRole("button", { name: "Publier les résultats" }).click();
    await admin.getByText("Les résultats sont publiés.").waitFor();
    await expectAccessible(admin);

    // The public page: the laureate, its photo (a processed copy), price and motivation; not the other kit.
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/laureats`);
    await visitor.getByRole("heading", { name: "La malle des démarches" }).waitFor();
    const text = await visitor.locator("main").textContent();
    expect(text).toContain(MOTIVATION);
    expect(text).toMatch(/179,90\s€/);
    expect(text).not.toContain("Le jeu Vrai ou faux");
    expect(text).not.toContain("Inès Moreau");
    const image = visitor.locator(`img[alt="${KITS[0].photo}"]`);
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(visitor);

    // The candidates' e-mails, with the decision and its motivation.
    const [mail] = await sql<{ subject: string; textBody: string }[]>`
      select subject, text_body from mail_outbox where to_address = ${KITS[0].owner.email} and subject like 'Résultats%'`;
    expect(mail.subject).toBe("Résultats du concours : votre proposition est lauréate — La malle des démarches");
    expect(mail.textBody).toContain(MOTIVATION);
    expect(mail.textBody).toContain("Une malle très complète, bravo.");
    const [other] = await sql<
      { subject: string }[]
    >`select subject from mail_outbox where to_address = ${KITS[1].owner.email} and subject like 'Résultats%'`;
    expect(other.subject).toMatch(/^Résultats du concours : votre proposition n'est pas retenue — /);
    const statuses = await sql<{ status: string }[]>`select status from proposals order by id`;
    expect(statuses.map((s) => s.status)).toEqual(["laureate", "not_retained"]);
  });
});
