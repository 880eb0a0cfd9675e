// The pages every State service must publish, and the 404 page: real content, in the DSFR layout,
// reachable from the footer, without serious accessibility violations or CSP errors.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function visit(path: string): Promise<{ page: Page; status: number; cspErrors: string[] }> {
  const page = await browser.newPage();
  const cspErrors: string[] = [];
  page.on("console", (message) => message.type() === "error" && /Content Security Policy/i.test(message.text()) && cspErrors.push(message.text()));
  const response = await page.goto(`${server.url}${path}`);
  return { page, status: response!.status(), cspErrors };
}

const h2s = (page: Page) => page.locator("main h2").allTextContents();

describe("legal pages", () => {
  test("mentions légales: publisher, publication director, host, licence", async () => {
    const { page, status, cspErrors } = await visit("/mentions-legales");
    expect(status).toBe(200);
    await expect(page.title()).resolves.toBe("Mentions légales — Kits d'inclusion numérique");
    expect(await page.locator("main h1").textContent()).toBe("Mentions légales");
    expect(await h2s(page)).toEqual(
      expect.arrayContaining(["Éditeur", "Directeur de la publication", "Hébergement", "Propriété intellectuelle et licence"]),
    );
    expect(await page.locator("main").textContent()).toContain("Agence nationale de la cohésion des territoires");
    expect(await page.locator("main").textContent()).toContain("etalab-2.0");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });

  test("déclaration d'accessibilité: RGAA 4.1 status as in the footer, honest test results, remedies", async () => {
    const { page, status, cspErrors } = await visit("/accessibilite");
    expect(status).toBe(200);
    expect(await page.locator("main h1").textContent()).toBe("Déclaration d'accessibilité");
    expect(await h2s(page)).toEqual([
      "État de conformité",
      "Résultats des tests",
      "Contenus non accessibles",
      "Établissement de cette déclaration d'accessibilité",
      "Retour d'information et contact",
      "Voies de recours",
    ]);
    const text = (await page.locator("main").textContent())!;
    expect(text).toContain("partiellement conforme");
    expect(text).toContain("RGAA), version 4.1");
    // From the internal audit of December 2026 (docs/accessibility-audit-2026-12.md), and said to be internal.
    expect(text).toContain("L'audit de conformité réalisé le 1er décembre 2026 révèle que 97 % des critères du RGAA version 4.1 sont respectés");
    expect(text).toContain("62 critères conformes sur 64 critères applicables");
    expect(text).toContain("audit interne");
    // The sample covers every space, and the known non-conformities are listed with their criterion.
    for (const space of ["Pages publiques", "Espace candidat", "Espace du jury", "Espace des fabricants", "Espace des gestionnaires"]) {
      await expect(page.getByRole("heading", { name: space, level: 4 }).count()).resolves.toBe(1);
    }
    // Pages put online after the audit are named as outside its sample, not counted in it.
    expect(text).toContain("Pages mises en ligne après cet audit et qui ne figurent pas encore dans son échantillon");
    for (const criterion of ["8.2", "13.1"]) expect(text).toContain(`critère ${criterion}`);
    expect(text).toContain("Défenseur des droits");
    // The footer announces the same status.
    expect(await page.locator('footer a[href="/accessibilite"]').textContent()).toBe("Accessibilité : partiellement conforme");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });

  test("données personnelles: controller, purposes, legal bases, retention, rights, one necessary cookie", async () => {
    const { page, status, cspErrors } = await visit("/donnees-personnelles");
    expect(status).toBe(200);
    expect(await h2s(page)).toEqual(
      expect.arrayContaining([
        "Responsable de traitement",
        "Finalités",
        "Bases légales",
        "Données traitées",
        "Durées de conservation",
        "Destinataires",
        "Vos droits",
        "Cookies",
      ]),
    );
    const retention = await page.locator("main table").textContent();
    expect(retention).toContain("12 heures au plus");
    expect(retention).toContain("Journal d'audit");
    expect(retention).toContain("Courriels");
    expect(await page.locator("main").textContent()).toContain("un seul cookie");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
    // True to its word: an anonymous visit sets no cookie at all.
    expect(await page.context().cookies()).toEqual([]);
  });

  test("each page is reached from the footer of the home page", async () => {
    const { page } = await visit("/");
    for (const [link, heading] of [
      ["Mentions légales", "Mentions légales"],
      ["Accessibilité : partiellement conforme", "Déclaration d'accessibilité"],
      ["Données personnelles", "Données personnelles"],
    ]) {
      await page.locator("footer").getByRole("link", { name: link, exact: true }).click();
      // A client-side navigation: wait for the new page's heading (fails after playwright's 30 s default).
      await page.locator("main h1", { hasText: new RegExp(`^${heading}$`) }).waitFor();
      await page.goBack();
      await page.waitForURL(`${server.url}/`);
    }
  });

  test("an unknown address shows the 404 page, accessible, with a way back home", async () => {
    const { page, status, cspErrors } = await visit("/cette-page-n-existe-pas");
    expect(status).toBe(404);
    expect(await page.locator("main h1").textContent()).toBe("Page introuvable");
    expect(await page.title()).toBe("Page introuvable — Kits d'inclusion numérique");
    expect(await page.locator('main a[href="/"]').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
