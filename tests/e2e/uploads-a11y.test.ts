// An upload as a keyboard and screen-reader user meets it: « Envoyer » keeps focus while the file
// travels, the progress bar carries the percentage under a stable name, and the polite live region
// says a few sentences per upload (not one per percent), the photo's final state once.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { duringSubmissions } from "../support/calendar";
import { clockedBrowser } from "../support/clocked-browser";
import { draftProposal } from "../support/fixtures";
import { noisyJpeg } from "../support/media-fixtures";

const portal = clockedBrowser(duringSubmissions);
let photo: string;

beforeAll(async () => {
  photo = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-e2e-uploads-")), "atelier.jpg");
  await writeFile(photo, await noisyJpeg(1600, 1200, { seed: 3 }));
});

type Watch = {
  /** Mutation records in the page's live regions. */
  liveRecords: number;
  /** Each live region's text after each batch of its mutations, in order. */
  liveTexts: { region: number; text: string }[];
  progressNames: string[];
  progressTexts: string[];
  /** Whether focus was on « Envoyer » at every change of the progress bar. */
  focusKept: boolean;
};

describe("a photo uploaded by keyboard", () => {
  test("keeps focus on « Envoyer », names its progress stably, and says its final state once, in a handful of announcements", async () => {
    const { ownerId, proposalId } = await draftProposal(portal.sql);
    const page = await portal.pageAs(ownerId);
    const context = page.context();
    await page.goto(`${portal.server.url}/candidat/propositions/${proposalId}`);

    // Watch the live regions and the photo's upload form from inside the page.
    await page.evaluate(() => {
      const watch: Watch = { liveRecords: 0, liveTexts: [], progressNames: [], progressTexts: [], focusKept: true };
      (window as unknown as { watch: Watch }).watch = watch;
      document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]').forEach((region, index) => {
        new MutationObserver((records) => {
          watch.liveRecords += records.length;
          watch.liveTexts.push({ region: index, text: region.textContent ?? "" });
        }).observe(region, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      const form = document.querySelector('form[action*="nature=photo"]')!;
      const button = form.querySelector("button[type=submit]");
      new MutationObserver(() => {
        const bar = form.querySelector("progress");
        if (!bar) return;
        watch.progressNames.push(bar.getAttribute("aria-label") ?? "");
        watch.progressTexts.push(bar.getAttribute("aria-valuetext") ?? "");
        if (document.activeElement !== button) watch.focusKept = false;
      }).observe(form, { childList: true, subtree: true, attributes: true });
    });

    // Slow the network so the file travels for a few seconds, in many progress events.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 200 * 1024 });

    // The file dialog is the system's: the test picks the file, then the keyboard takes over.
    const input = page.locator("#champ-fichier-photo");
    await input.setInputFiles(photo);
    await input.focus();
    await page.keyboard.press("Tab");
    const onSend = () => page.evaluate(() => document.activeElement === document.querySelector('form[action*="nature=photo"] button[type=submit]'));
    expect(await onSend()).toBe(true);
    await page.keyboard.press("Enter");

    await page.locator("progress").waitFor({ state: "visible" });
    expect(await onSend()).toBe(true);
    await page.getByText("Photo reçue : elle est en cours de traitement.").waitFor({ timeout: 60_000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.locator(".fr-badge--success", { hasText: "Prêt" }).waitFor({ timeout: 60_000 });
    await page.getByText("« atelier.jpg » : Prêt.").waitFor({ timeout: 15_000 });

    const watch = await page.evaluate(() => (window as unknown as { watch: Watch }).watch);
    expect(await onSend()).toBe(true);
    expect(watch.focusKept).toBe(true);

    // The bar carried the progress: one name throughout, a value in words at every step.
    expect(watch.progressTexts.length).toBeGreaterThan(0);
    expect(new Set(watch.progressNames)).toEqual(new Set(["Envoi de la photo"]));
    for (const text of watch.progressTexts) expect(text).toMatch(/^\d{1,3} % envoyés$/);

    // The start, the answer, the final state: a handful of changes, the final state said once.
    expect(watch.liveRecords).toBeGreaterThan(0);
    expect(watch.liveRecords).toBeLessThanOrEqual(8);
    const ready = watch.liveTexts.filter(
      ({ region, text }, i) =>
        text.includes("« atelier.jpg » : Prêt.") &&
        !watch.liveTexts
          .slice(0, i)
          .filter((before) => before.region === region)
          .at(-1)
          ?.text.includes("« atelier.jpg » : Prêt."),
    );
    expect(ready).toHaveLength(1);
    await context.close();
  });
});
