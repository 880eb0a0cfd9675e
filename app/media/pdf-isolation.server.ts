import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { logger } from "~/infra/logger.server";
import { MAX_PDF_PAGES } from "./media";
import { cleanPdf, type CleanedPdf, type PdfRefusal } from "./pdfs.server";

export const PDF_TIME_LIMIT_MS = 20_000;

// The worker's entry, next to this file when run from source (tsx, tests), or from the Remix build
// (build/index.js), whose app sources stay in ../app.
function workerEntry(): string | null {
  for (const candidate of ["./pdf-clean.worker.ts", "../app/media/pdf-clean.worker.ts"]) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Cleans a PDF in a worker thread, given `timeLimitMs` at most: a file that takes longer is refused
 * (the thread is terminated), and the web process keeps answering meanwhile.
 */
export function cleanPdfIsolated(bytes: Uint8Array, options: { maxPages?: number; timeLimitMs?: number } = {}): Promise<CleanedPdf | PdfRefusal> {
  const maxPages = options.maxPages ?? MAX_PDF_PAGES;
  const entry = workerEntry();
  if (!entry) {
    logger.warn("nettoyage des PDF dans le processus principal : fichier du worker introuvable");
    return cleanPdf(bytes, { maxPages });
  }
  // TypeScript sources run in the thread through tsx's loader, registered before the entry loads.
  const tsx = fileURLToPath(import.meta.resolve("tsx/esm/api"));
  const bootstrap = `
    const { pathToFileURL } = require("node:url");
    import(pathToFileURL(${JSON.stringify(tsx)}).href)
      .then(({ register }) => { register(); return import(pathToFileURL(${JSON.stringify(entry)}).href); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { bytes, maxPages } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({
        ok: false,
        reason: `Ce PDF demande trop de calcul pour être vérifié (plus de ${Math.round((options.timeLimitMs ?? PDF_TIME_LIMIT_MS) / 1000)} secondes) : il est peut-être endommagé. Exportez-le de nouveau en PDF puis déposez-le.`,
      });
    }, options.timeLimitMs ?? PDF_TIME_LIMIT_MS);
    worker.once("message", (result: CleanedPdf | PdfRefusal) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
