// The eligibility rules in a real browser: while ordering is open the admin narrows the rules to a
// list, is asked for a reason, gives one; the public /distribution page then shows the new rules.
// Both pages accessible (axe), no script error, client-side navigation works.
import { readFileSync } from "node:fs";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { setRules } from "../../app/eligibility/rules.server";
import { createCampaign } from "../../app/envelope/campaigns.server";
import { connect } from "../../app/infra/postgres.server";
import { structureKinds } from "../../app/structures/kinds";
import { importTerritorialList } from "../../app/territories/lists.server";
import { launchBrowser, seriousAccessibilityViolations, pageWithSession } from "../support/browser";
import { createPerson, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let cookie: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  const adminId = (await createPerson(sql, { roles: ["admin"], totp: true })).id;
  cookie = await sessionCookie(sql, adminId);
  await importTerritorialList(
    {
      name: "France Ruralités Revitalisation",
      source: "Échantillon du dépôt",
      validFrom: "2025-07-01",
      isSample: true,
      fileText: readFileSync("db/samples/frr-echantillon.csv", "utf8"),
      actorId: adminId,
      now: new Date(),
    },
    sql,
  );
  const day = 24 * 3600 * 1000;
  const campaign = await createCampaign(
    {
      name: "Distribution 2026",
      nationalCapCents: 40_000_000_00,
      reserve: { percent: 5 },
      opensAt: new Date(Date.now() - day),
      closesAt: new Date(Date.now() + 60 * day),
      actorId: adminId,
      now: new Date(),
    },
    sql,
  );
  await setRules(
    {
      campaignId: campaign.id,
      allowedKinds: structureKinds,
      territory: "everywhere",
      listIds: [],
      franceServicesEverywhere: false,
      capCents: null,
      capUnits: null,
      reason: "Ouverture de la campagne",
      actorId: adminId,
      now: new Date(),
    },
    sql,
  );
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

function adminPage() {
  return pageWithSession(browser, server.url, cookie, { refusedForms: true });
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("eligibility rules", () => {
  test("while ordering is open the admin narrows the rules with a reason, and /distribution shows them", async () => {
    const { page, scriptErrors } = await adminPage();
    await page.goto(`${server.url}/admin/eligibilite`);
    await page.getByRole("heading", { name: "Nouvelle version des règles" }).waitFor();
    await expectAccessible(page);

    // DSFR draws its own boxes over the inputs: a person clicks the label.
    const label = (text: string) => page.locator("label", { hasText: text });
    await label("EHPAD ou résidence autonomie").click();
    await label("Seulement dans les communes des listes cochées ci-dessous").click();
    await label("France Ruralités Revitalisation").click();
    await label("Les espaces France Services peuvent commander partout").click();
    await page.getByLabel("Plafond par structure, en euros (facultatif)").fill("1 500");
    await page.getByRole("button", { name: "Enregistrer une nouvelle version" }).click();
    // No reason while ordering is open: asked for one, by the field, with the choices kept.
    await page.getByRole("link", { name: /Raison du changement : Les commandes sont ouvertes/ }).waitFor();
    await expect(page.getByLabel("France Ruralités Revitalisation").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("EHPAD ou résidence autonomie").isChecked()).resolves.toBe(false);
    await expectAccessible(page);

    await page.getByLabel(/^Raison du changement/).fill("Recentrage sur les territoires ruraux");
    await page.getByRole("button", { name: "Enregistrer une nouvelle version" }).click();
    await page.getByText("La version 2 des règles est enregistrée").waitFor();
    await expect(page.getByRole("cell", { name: "Recentrage sur les territoires ruraux" }).count()).resolves.toBe(1);
    await expect(page.getByRole("cell", { name: "Ouverture de la campagne" }).count()).resolves.toBe(1);
    await expectAccessible(page);

    // Client-side navigation to the public page: the admin page hydrated.
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "La distribution" }).click();
    await page.getByRole("heading", { name: "Qui peut commander" }).waitFor();
    await page.getByText("Les commandes sont ouvertes").waitFor();
    await expect(page.getByText("Règles en vigueur depuis le").textContent()).resolves.toContain("(version 2)");
    await expect(page.getByText(/^« France Ruralités Revitalisation » : Échantillon du dépôt/).count()).resolves.toBe(1);
    await expect(page.getByText("Les espaces France Services peuvent commander où qu'ils soient.").count()).resolves.toBe(1);
    await expect(page.getByText(/Chaque structure commande au plus 1\s500,00\s€ pendant la campagne\./).count()).resolves.toBe(1);
    await expect(page.getByText(/EHPAD/).count()).resolves.toBe(0);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
