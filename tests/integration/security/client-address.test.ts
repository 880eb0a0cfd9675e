// The per-address login limit is keyed on an address the client cannot choose: the socket's by
// default, or the one appended by the proxies TRUST_PROXY names.
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { PortalClient } from "../accounts/http-client";
import { startTestServer, type TestServer } from "../../support/server";
import { createAccount } from "../../support/fixtures";

let direct: TestServer;
let behindRouter: TestServer;

beforeAll(async () => {
  [direct, behindRouter] = await Promise.all([startTestServer(inject("pgAdminUrl")), startTestServer(inject("pgAdminUrl"), { TRUST_PROXY: "1" })]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), behindRouter?.stop()]);
});

function failLogin(server: TestServer, forwardedFor: string, attempt: number) {
  return new PortalClient(server.url, server.url, { "X-Forwarded-For": forwardedFor }).post("/connexion", {
    email: `inconnu-${attempt}@exemple.fr`,
    password: "mauvais-mot-de-passe",
  });
}

async function logIn(server: TestServer, forwardedFor: string) {
  const sql: postgres.Sql = connect(server.databaseUrl, { max: 1 });
  try {
    const account = await createAccount(sql);
    return await new PortalClient(server.url, server.url, { "X-Forwarded-For": forwardedFor }).post("/connexion", {
      email: account.email,
      password: account.password,
    });
  } finally {
    await sql.end();
  }
}

describe("the address the login limit counts", () => {
  test("by default X-Forwarded-For is ignored: a new one each time does not dodge the limit", async () => {
    for (let i = 0; i < 10; i++) expect((await failLogin(direct, `198.51.100.${i + 1}`, i)).status).toBe(400);
    expect((await failLogin(direct, "198.51.100.200", 10)).status).toBe(429);
    expect((await logIn(direct, "192.0.2.99")).status).toBe(429);
  });

  test("behind one router (TRUST_PROXY=1), the address it appended counts, not what the client prepended", async () => {
    for (let i = 0; i < 10; i++) expect((await failLogin(behindRouter, "203.0.113.7", i)).status).toBe(400);
    expect((await failLogin(behindRouter, "198.51.100.1, 203.0.113.7", 10)).status).toBe(429);
    expect((await failLogin(behindRouter, "203.0.113.7", 11)).status).toBe(429);
    // Another person behind the same router is not held back.
    expect((await logIn(behindRouter, "203.0.113.8")).status).toBe(302);
  });
});
