// A start that fails says why in words: PostgreSQL's own reason when it stops while starting (the
// package rejects with nothing), and the real cause of anything thrown, never « undefined ».
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EmbeddedPostgresStartError, startEmbeddedPostgres } from "../../../db/embedded";
import { describeError } from "../../../server/boot";
import { freePort } from "../../support/ports";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataFolder() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-startup-pg-"));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, "data");
}

async function startFailure(start: Promise<unknown>) {
  const error = await start.catch((error: unknown) => error);
  expect(error).toBeInstanceOf(EmbeddedPostgresStartError);
  return error as EmbeddedPostgresStartError;
}

describe("PostgreSQL stopping while it starts", () => {
  test("its port taken on 127.0.0.1 in the meantime: PostgreSQL's reason, recognised as a taken port", { timeout: 120_000 }, async () => {
    const port = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => holder.close(() => resolve())));

    const error = await startFailure(startEmbeddedPostgres({ dataDir: await dataFolder(), port, database: "kits" }));
    expect(error.portTaken).toBe(true);
    expect(error.message).toContain(`port ${port}`);
    expect(error.message).toContain("Address already in use");
  });

  test("its data folder used by another running PostgreSQL: the lock named, not a port problem", { timeout: 120_000 }, async () => {
    const dataDir = await dataFolder();
    const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "kits" });
    cleanups.push(() => running.stop());

    const error = await startFailure(startEmbeddedPostgres({ dataDir, port: await freePort(), database: "kits" }));
    expect(error.portTaken).toBe(false);
    expect(error.message).toContain('lock file "postmaster.pid" already exists');
  });
});

describe("the cause of a failed start, in words", () => {
  test("a value that is not an Error is shown as it is", () => {
    expect(describeError(undefined)).toBe("valeur levée : undefined");
    expect(describeError("disque plein")).toBe("disque plein");
    expect(describeError({ code: "E42", detail: "quota" })).toBe("valeur levée : { code: 'E42', detail: 'quota' }");
  });

  test("an Error without message is named by its class and code", () => {
    expect(describeError(new TypeError())).toBe("TypeError sans message");
    expect(describeError(Object.assign(new Error(), { code: "ECONNREFUSED" }))).toBe("Error ECONNREFUSED");
  });

  test("an AggregateError lists each of its errors, and causes are followed", () => {
    // What Node throws when every address of a host refuses the connection: no message of its own.
    const refused = Object.assign(
      new AggregateError([new Error("connect ECONNREFUSED ::1:5433"), new Error("connect ECONNREFUSED 127.0.0.1:5433")]),
      { code: "ECONNREFUSED" },
    );
    expect(describeError(refused)).toBe("AggregateError ECONNREFUSED\n  - connect ECONNREFUSED ::1:5433\n  - connect ECONNREFUSED 127.0.0.1:5433");
    const wrapped = new Error("migrations impossibles", { cause: new Error("relation « x » inexistante", { cause: 42 }) });
    expect(describeError(wrapped)).toBe("migrations impossibles\n  cause : relation « x » inexistante\n    cause : valeur levée : 42");
  });
});
