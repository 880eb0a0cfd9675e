// The open-data download page in a real browser: before and after the files are generated, one h1,
// a unique title, every file's columns, links that download the file; and an admin's long export,
// from the request to its progress bar to the file. No serious or critical accessibility violation.
import path from "node:path";
import type postgres from "postgres";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { fsBlobStore } from "../../app/infra/blobs/fs-blob-store.server";
import { connect } from "../../app/infra/postgres.server";
import { generateOpenData } from "../../app/open-data/files.server";
import { openCampaign } from "../support/catalogue-world";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { createPerson, createStructure, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

describe("/donnees/telechargements", () => {
  test("each file with its description, size, rows and columns, and a link that downloads it", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/donnees/telechargements`);
    await expect(page.title()).resolves.toBe("Télécharger les données ouvertes — Kits d'inclusion numérique");
    await expect(page.locator("h1").count()).resolves.toBe(1);
    await expect(page.getByText("Ce fichier n'a pas encore été produit", { exact: false }).count()).resolves.toBe(4);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await openCampaign(sql, "Campagne des données ouvertes");
    await generateOpenData({ sql, store: fsBlobStore(path.join(server.dataDir, "blobs")), now: new Date() });
    await page.reload();
    await expect(page.locator("main h2").allTextContents()).resolves.toEqual([
      "Enveloppe par département",
      "Kits livrés par commune",
      "Résultats du concours",
      "Grand livre de l'enveloppe",
    ]);
    await page.getByText("102 lignes", { exact: false }).waitFor();
    await expect(page.getByRole("table", { name: "Colonnes du fichier « Grand livre de l'enveloppe »" }).locator("tbody tr").count()).resolves.toBe(
      11,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Télécharger « Enveloppe par département »/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("allocations-departements.csv");
    await page.close();
  });

  test("an admin asks for the structures export, follows its progress bar, then downloads the file", async () => {
    await createStructure(sql, { legalName: "Médiathèque du test" });
    const cookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
    const { page, scriptErrors } = await pageWithSession(browser, server.url, cookie);
    await page.goto(`${server.url}/admin/exports`);
    await expect(page.title()).resolves.toBe("Exports — Administration — Kits d'inclusion numérique");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Exporter la liste des structures" }).click();
    await page.getByRole("heading", { level: 1, name: /Liste des structures, export n° \d+/ }).waitFor();
    await expect(page.locator("progress").count()).resolves.toBe(1);
    // The page reloads its data while the worker runs the export.
    await page.getByRole("link", { name: /Télécharger le fichier/ }).waitFor({ timeout: 60_000 });
    await expect(page.getByText("Avancement : Prêt : 1 ligne").count()).resolves.toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Télécharger le fichier/ }).click()]);
    expect(download.suggestedFilename()).toBe("structures.csv");
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  });
});
