import { readFileSync } from "node:fs";
import { config } from "./config.server";

/**
 * The server's clock. Contest phases follow it, so tests need to move it: under NODE_ENV=test
 * only, CLOCK_FILE may name a file holding an ISO instant that is then "now".
 */
export function now(): Date {
  const file = process.env.CLOCK_FILE;
  if (file && config().env === "test") {
    const text = readFileSync(file, "utf8").trim();
    if (text) {
      const instant = new Date(text);
      if (!Number.isNaN(instant.getTime())) return instant;
    }
  }
  return new Date();
}
