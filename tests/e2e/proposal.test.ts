// A designer drafts a kit proposal, uploads photos and a plan (watching the progress), submits it,
// reads the receipt, revises it into version 2; after the deadline (moved by the test's clock) an
// admin rules it eligible. Every page is checked with axe.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createContest } from "../../app/contest/contests.server";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { noisyJpeg, pdfWithMetadata } from "../support/media-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import { contestInput, createPerson } from "../support/fixtures";
import { deadline, duringSubmissions } from "../support/calendar";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let dir: string;
const clockFile = () => path.join(dir, "clock");

const DESIGNER = { email: "ines.moreau@atelier-exemple.fr", password: "une longue phrase de passe candidate" };
const ADMIN = {
  email: "paul.gestion@programme.example.gouv.fr",
  password: "une longue phrase de gestionnaire",
  secret: new Secret({ size: 20 }).base32,
};

async function setClock(at: Date) {
  await writeFile(clockFile(), at.toISOString());
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kits-e2e-proposal-"));
  await setClock(duringSubmissions);
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile() }), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  await createPerson(sql, { email: DESIGNER.email, name: "Inès Moreau", roles: ["designer"], password: DESIGNER.password });
  const admin = await createPerson(sql, { email: ADMIN.email, name: "Paul Gestion", roles: ["admin"], password: ADMIN.password, totp: ADMIN.secret });
  await createContest(contestInput({ slug: "kits-2026" }), admin.id, sql);
  await writeFile(path.join(dir, "photo-1.jpg"), await noisyJpeg(2400, 1800, { seed: 1 }));
  await writeFile(path.join(dir, "photo-2.jpg"), await noisyJpeg(1600, 1200, { seed: 2 }));
  await writeFile(path.join(dir, "plan.pdf"), await pdfWithMetadata(2));
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

async function logIn(page: Page, account: { email: string; password: string }) {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel("Adresse électronique").fill(account.email);
  await page.getByLabel("Mot de passe").fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname !== "/connexion");
}

async function upload(page: Page, kind: "photo" | "document", file: string) {
  await page.locator(`#champ-fichier-${kind}`).setInputFiles(path.join(dir, file));
  await page.locator(`form[action*="nature=${kind}"] button[type=submit]`).click();
}

describe("a kit proposal, from draft to eligibility, in a real browser", () => {
  test("draft, upload with progress, submit, receipt, version 2, then the admin rules it eligible after the deadline", async () => {
    const page = await browser.newPage();
    await logIn(page, DESIGNER);
    await page.goto(`${server.url}/candidat`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Nouvelle proposition" }).click();
    await page.waitForURL(/\/candidat\/propositions\/\d+$/);
    const proposalUrl = page.url();

    // A bad price is refused by its field, and what was typed stays.
    await page.getByLabel("Titre du kit").fill("La malle des démarches");
    await page.getByLabel("Prix unitaire estimé").fill("12,345");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page.locator("#champ-unitPrice-message").textContent()).resolves.toMatch(/au plus deux chiffres après la virgule/);
    await expect(page.getByLabel("Titre du kit").inputValue()).resolves.toBe("La malle des démarches");
    await expectAccessible(page);

    await page.getByLabel("Résumé").fill("Une malle pour apprendre les démarches en ligne en médiathèque.");
    await page.getByLabel("Description").fill("Six ateliers, une tablette reconditionnée, des fiches faciles à lire.");
    // DSFR draws its own boxes over the inputs: people click the labels.
    await page.locator("label", { hasText: "Achats en ligne" }).click();
    await page.locator("label", { hasText: "Personnes âgées" }).click();
    await page.getByLabel("Élément 1 : nom").fill("Tablette reconditionnée");
    await page.getByLabel("Élément 1 : quantité").fill("1");
    await page.getByLabel("Prix unitaire estimé").fill("1 234,56");
    await page.getByLabel("Capacité de production mensuelle").fill("120");
    await page.getByLabel("Délai de fabrication").fill("30");
    await page.getByLabel("Licence des plans et contenus").selectOption("CC BY-SA 4.0");
    await page.getByLabel("Accessibilité", { exact: true }).fill("Fiches en FALC, gros caractères.");
    await page.getByLabel("Note environnementale").fill("Matériel reconditionné et réparable.");
    await page.getByLabel("Personne 1 : nom").fill("Inès Moreau");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.getByText("Le brouillon est enregistré.").waitFor();

    // Uploads: slow the network down so the progress bar is seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await upload(page, "photo", "photo-1.jpg");
    await page.locator("progress").first().waitFor({ state: "visible" });
    await page.getByText("Photo reçue : elle est en cours de traitement.").waitFor({ timeout: 90_000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await upload(page, "photo", "photo-2.jpg");
    await page.getByText("Photo reçue : elle est en cours de traitement.").waitFor();
    await upload(page, "document", "plan.pdf");
    await page.getByText("Document reçu : il est en cours de vérification.").waitFor();

    // The worker processes them; the page follows by itself.
    await expect.poll(async () => page.locator(".fr-badge--success", { hasText: "Prêt" }).count(), { timeout: 90_000 }).toBe(3);
    await expect(page.locator('img[alt^="Photo « photo-1.jpg »"]').count()).resolves.toBe(1);
    await expectAccessible(page);

    // Each photo needs its description (its alternative text) before the proposal can be submitted.
    await page.getByRole("button", { name: "Déposer cette version" }).click();
    // Said by each photo's field, and in the summary at the top.
    await page.locator("p.fr-error-text", { hasText: "Décrivez la photo 1 (« photo-1.jpg »)" }).waitFor();
    expect(await page.locator(".fr-alert--error").textContent()).toMatch(/Décrivez la photo 2 \(« photo-2\.jpg »\)/);
    for (const [name, description] of [
      ["photo-1.jpg", "Une malle ouverte : une tablette et des fiches plastifiées."],
      ["photo-2.jpg", "Deux personnes suivent une fiche en atelier."],
    ]) {
      const field = page.getByLabel(`Description de la photo « ${name} »`);
      await field.fill(description);
      await page.locator("form", { has: field }).getByRole("button", { name: "Enregistrer la description" }).click();
      await page.locator(`img[alt="${description}"]`).waitFor();
    }
    await expectAccessible(page);

    // Submit: a receipt with its number, time and digest.
    await page.getByRole("button", { name: "Déposer cette version" }).click();
    await page.waitForURL(/\/recepisse\/1$/);
    await page.getByRole("heading", { name: "Récépissé de dépôt" }).waitFor();
    const receipt = await page.locator("main").textContent();
    expect(receipt).toMatch(/N° KIT-2026-\d{5}/);
    expect(receipt).toMatch(/version 1/);
    expect(receipt).toMatch(/[0-9a-f]{64}/);
    expect(receipt).toContain("10 mars 2026");
    expect(receipt).toContain("Description : Deux personnes suivent une fiche en atelier.");
    await expectAccessible(page);
    const [mail] = await sql<{ subject: string }[]>`select subject from mail_outbox where to_address = ${DESIGNER.email} order by id desc limit 1`;
    expect(mail.subject).toMatch(/^Récépissé de dépôt KIT-2026-\d{5}/);

    // Edit and submit again: version 2, a new receipt.
    await page.goto(proposalUrl);
    await page.getByLabel("Délai de fabrication").fill("21");
    await page.getByRole("button", { name: "Déposer cette version" }).click();
    await page.waitForURL(/\/recepisse\/2$/);
    await page.getByRole("heading", { name: "Récépissé de dépôt" }).waitFor();
    expect(await page.locator("main").textContent()).toMatch(/version 2/);

    // After the deadline the proposal is read-only and a late attempt gets a clear message.
    await setClock(deadline);
    await page.goto(proposalUrl);
    await page.getByText("Cette proposition ne peut plus être modifiée").waitFor();
    expect(await page.getByRole("button", { name: "Déposer cette version" }).count()).toBe(0);
    await expectAccessible(page);

    // The admin sees it and rules it eligible.
    const admin = await browser.newPage();
    await logIn(admin, ADMIN);
    await admin.getByLabel("Code à usage unique").fill(new TOTP({ secret: Secret.fromBase32(ADMIN.secret) }).generate());
    await admin.getByRole("button", { name: "Valider" }).click();
    await admin.waitForURL((url) => url.pathname !== "/connexion/code");
    await admin.goto(`${server.url}/admin/concours/kits-2026/propositions`);
    await expectAccessible(admin);
    await admin.getByRole("link", { name: "La malle des démarches" }).click();
    await admin.getByText("Contenu de la version 2").waitFor();
    await expect(admin.locator('img[alt="Une malle ouverte : une tablette et des fiches plastifiées. (agrandir)"]').count()).resolves.toBe(1);
    await expectAccessible(admin);
    await admin.locator("label", { hasText: /^Recevable$/ }).click();
    await admin.getByRole("button", { name: "Enregistrer la décision" }).click();
    await admin.getByText("La décision de recevabilité est enregistrée.").waitFor();
    expect(await admin.locator("main").textContent()).toContain("Recevable");

    const [proposal] = await sql<{ status: string; currentVersion: number }[]>`select status, current_version from proposals`;
    expect(proposal).toEqual({ status: "eligible", currentVersion: 2 });
  });
});
