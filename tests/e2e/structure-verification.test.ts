// The verification of structures in a real browser: an instructor of Ille-et-Vilaine logs in with
// TOTP, opens their queue (which shows none of the Finistère's structures), reads a structure's
// file, is told by field what a rejection lacks, then verifies it; a structure asked a question
// answers it. Every page is checked with axe, and no script fails.
import { Secret, TOTP } from "otpauth";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "../../app/accounts/roles";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations, watchScriptErrors } from "../support/browser";
import { createPerson, createStructure, PASSWORD, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
const INSTRUCTOR = { email: "ines.instructrice@prefecture.example.gouv.fr", secret: new Secret({ size: 20 }).base32 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  await createPerson(sql, {
    email: INSTRUCTOR.email,
    name: "Inès Instructrice",
    roles: ["instructor"],
    scope: departementScope("35"),
    password: PASSWORD,
    totp: INSTRUCTOR.secret,
  });
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function newPage(cookie?: string): Promise<{ page: Page; scriptErrors: string[] }> {
  const context = await browser.newContext();
  if (cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const page = await context.newPage();
  return { page, scriptErrors: watchScriptErrors(page, { refusedForms: true }) };
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("verifying structures in a real browser", () => {
  test("an instructor logs in with TOTP and verifies a pending structure of their département", async () => {
    const structure = await createStructure(sql, {
      communeCode: "35238",
      legalName: "Médiathèque des Champs Libres",
      address: "10 cours des Alliés",
    });
    await createStructure(sql, { communeCode: "35238", legalName: "Espace numérique des Alliés", address: "10, Cours des Alliés" });
    await createStructure(sql, { communeCode: "29019", legalName: "Centre social de Brest-Bellevue" });
    const { page, scriptErrors } = await newPage();

    await page.goto(`${server.url}/connexion?redirectTo=${encodeURIComponent("/instruction")}`);
    await page.getByLabel("Adresse électronique").fill(INSTRUCTOR.email);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion/code");
    await page.getByLabel("Code à usage unique").fill(new TOTP({ secret: Secret.fromBase32(INSTRUCTOR.secret) }).generate());
    await page.getByRole("button", { name: "Valider" }).click();
    await page.waitForURL((url) => url.pathname === "/instruction");

    await page.getByRole("heading", { level: 1, name: "Instruction des structures" }).waitFor();
    await expect(page.getByRole("link", { name: "Médiathèque des Champs Libres" }).count()).resolves.toBe(1);
    await expect(page.getByText("Brest-Bellevue").count()).resolves.toBe(0);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Médiathèque des Champs Libres" }).click();
    await page.waitForURL((url) => url.pathname === `/instruction/structures/${structure.id}`);
    await page.getByRole("heading", { level: 1, name: "Médiathèque des Champs Libres" }).waitFor();
    await expect(page.getByText("Clé de contrôle valide").count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Espace numérique des Alliés" }).count()).resolves.toBe(1);
    await expectAccessible(page);

    // A rejection without its reason is refused by field, with the error summary.
    await page.getByRole("button", { name: "Refuser la structure" }).click();
    await page.getByText("Indiquez la raison du refus").first().waitFor();
    await expect(page.locator("[data-error-summary]").count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Vérifier la structure" }).click();
    await page.getByText("La structure « Médiathèque des Champs Libres » est vérifiée").waitFor();
    await expect(page.getByRole("link", { name: "Médiathèque des Champs Libres" }).count()).resolves.toBe(0);
    await expectAccessible(page);
    const [row] = await sql<{ status: string }[]>`select status from structures where id = ${structure.id}`;
    expect(row.status).toBe("verified");
    expect(scriptErrors).toEqual([]);
  });

  test("a structure asked a question reads it and answers; it is pending again", async () => {
    const structure = await createStructure(sql, { status: "information_requested", reason: "Quels publics accueillez-vous ?" });
    const { page, scriptErrors } = await newPage(await sessionCookie(sql, structure.memberId));
    await page.goto(`${server.url}/structure/reponse`);
    await page.getByText("Quels publics accueillez-vous ?").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Votre réponse").fill("Des seniors et des demandeurs d'emploi.");
    await page.getByRole("button", { name: "Envoyer la réponse" }).click();
    await page.getByText("la vérification de votre structure reprend").waitFor();
    await expectAccessible(page);
    const [row] = await sql<{ status: string }[]>`select status from structures where id = ${structure.id}`;
    expect(row.status).toBe("pending");
    expect(scriptErrors).toEqual([]);
  });

  test("the admin's queue and decision page, with every département, are accessible too", async () => {
    const structure = await createStructure(sql, { communeCode: "2A004", legalName: "France Services d'Ajaccio", kind: "france_services" });
    const admin = await createPerson(sql, { roles: ["admin"], totp: true });
    const { page, scriptErrors } = await newPage(await sessionCookie(sql, admin.id));
    await page.goto(`${server.url}/admin/structures?departement=2A`);
    await page.getByRole("link", { name: "France Services d'Ajaccio" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "France Services d'Ajaccio" }).click();
    await page.waitForURL((url) => url.pathname === `/admin/structures/${structure.id}`);
    await page.getByRole("heading", { level: 1, name: "France Services d'Ajaccio" }).waitFor();
    await expect(page.getByText("2A — Corse-du-Sud").count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
