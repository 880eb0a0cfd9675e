// Runs in a worker thread (see pdf-isolation.server.ts): pdf-lib is synchronous and can spend
// seconds per megabyte on a hostile file; here it cannot hold up the web process's requests.
import { parentPort, workerData } from "node:worker_threads";
import { cleanPdf } from "./pdfs.server";

const { bytes, maxPages } = workerData as { bytes: Uint8Array; maxPages: number };
const result = await cleanPdf(bytes, { maxPages });
parentPort!.postMessage(result);
