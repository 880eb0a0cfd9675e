// For one browser test file: the built portal (`npx remix build` first) on its own database, its
// clock held by the test (CLOCK_FILE), a Chromium, a connection to the database for what the tests
// arrange, and pages signed in as anyone.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { connect } from "~/infra/postgres.server";
import { launchBrowser } from "./browser";
import { sessionCookie } from "./fixtures";
import { startTestServer, type TestServer } from "./server";

export type ClockedBrowser = {
  server: TestServer;
  browser: Browser;
  sql: postgres.Sql;
  /** The instant the server takes as now, from its next request. */
  setClock: (at: Date) => Promise<void>;
  /** A new page in its own context, signed in as this person (a session as login leaves it), or anonymous with null. */
  pageAs: (userId: number | null, options?: BrowserContextOptions) => Promise<Page>;
};

export function clockedBrowser(start: Date): ClockedBrowser {
  const world = {} as ClockedBrowser;
  let clockFile = "";
  world.setClock = (at) => writeFile(clockFile, at.toISOString());
  world.pageAs = async (userId, options) => {
    const context = await world.browser.newContext(options);
    if (userId !== null) {
      const [name, value] = (await sessionCookie(world.sql, userId)).split("=");
      await context.addCookies([{ name, value, url: world.server.url }]);
    }
    return context.newPage();
  };
  beforeAll(async () => {
    clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-e2e-clock-")), "now");
    await world.setClock(start);
    [world.server, world.browser] = await Promise.all([
      startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile }),
      launchBrowser(),
    ]);
    world.sql = connect(world.server.databaseUrl, { max: 2 });
  });
  afterAll(async () => {
    await world.sql?.end();
    await world.browser?.close();
    await world.server?.stop();
  });
  return world;
}
