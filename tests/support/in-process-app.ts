// The built app (`npx remix build` first) served by this test process, on its database (`db` is one
// per process): for tests that watch what the app does inside (the statements its pool sends) or
// need no process of its own.
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { config } from "~/infra/config.server";
import { createApp } from "../../server/app";

export async function serveBuiltAppInProcess() {
  const build = (await import(pathToFileURL(path.resolve(import.meta.dirname, "../../build/index.js")).href)) as ServerBuild;
  const server = createApp(build, config()).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
