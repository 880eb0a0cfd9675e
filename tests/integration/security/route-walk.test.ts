// Every route of the route manifest, as anonymous and as each role, with hostile ids, hostile query
// strings and hostile bodies: the answer is never a 5xx, and nothing is written.
import { readConfig } from "@remix-run/dev/dist/config.js";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { roles, rolesRequiringSecondFactor } from "~/accounts/roles";
import { connect } from "~/infra/postgres.server";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type AppProcess } from "../../support/server";
import { contestWithAdmin, createPerson, sessionCookie } from "../../support/fixtures";

let server: AppProcess;
let sql: postgres.Sql;
let contestSlug: string;
const cookies: Record<string, string | null> = { anonymous: null };

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  contestSlug = (await contestWithAdmin(sql)).contest.slug;
  for (const role of roles) {
    const totp = rolesRequiringSecondFactor.includes(role);
    // Every role national, but an instructor's, which always belongs to one département.
    const scope = role === "instructor" ? "departement:35" : undefined;
    const user = await createPerson(sql, { email: `${role}@parcours.exemple.fr`, name: `Personne ${role}`, roles: [role], scope, totp });
    cookies[role] = await sessionCookie(sql, user.id, totp);
  }
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

/** Every route's address pattern, from the manifest the Remix compiler builds. */
async function routePatterns(): Promise<string[]> {
  const { routes } = await readConfig(path.resolve(import.meta.dirname, "../../.."));
  const full = (id: string): string => {
    const route = routes[id];
    const own = route.path ?? "";
    return route.parentId ? [full(route.parentId), own].filter(Boolean).join("/") : own;
  };
  const patterns = new Set(
    Object.keys(routes)
      .filter((id) => id !== "root")
      .map((id) => `/${full(id)}`),
  );
  // Signing out last: it would end the sessions the other requests use.
  return [...patterns].sort((a, b) => Number(a === "/deconnexion") - Number(b === "/deconnexion") || a.localeCompare(b));
}

const hostileValues = ["99999999999999999999", "%00", "__proto__", "constructor", "0", "-1", "1e3", "%E2%80%AE"];
const hostileQuery =
  "?q=__proto__&destinataire=constructor&page=99999999999999999999&redirectTo=/.//evil.example&__proto__=1&constructor=1&toString=1&statut=%E2%80%AE";
const nulQuery = "?q=%00&destinataire=%00&page=%00";

function addresses(pattern: string): string[] {
  const fill = (value: string, slug = value) =>
    pattern
      .replace(/:slug/g, slug)
      .replace(/:[A-Za-z]+\??/g, value)
      .replace(/\*$/, value);
  if (!/[:*]/.test(pattern)) return [pattern];
  return [...hostileValues.map((value) => fill(value)), fill("99999999999999999999", contestSlug), fill("1", contestSlug)];
}

/** Audited changes, but for signing out, which the walk does last on purpose. */
async function auditCount() {
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from audit_log where action <> 'auth.logout'`;
  return count;
}

// Some 700 requests per visitor: a generous bound for a busy machine, not a speed target.
test.each(["anonymous", ...roles])("no route answers 5xx to hostile ids, query strings or bodies, as %s", { timeout: 300_000 }, async (who) => {
  const patterns = await routePatterns();
  expect(patterns.length).toBeGreaterThan(40);
  const auditBefore = await auditCount();
  const failures: string[] = [];
  const cookie = cookies[who];
  {
    const requests: { method: string; url: string; contentType?: string; body?: string }[] = [];
    for (const pattern of patterns) {
      const [first, ...others] = addresses(pattern);
      for (const url of [first, ...others]) requests.push({ method: "GET", url: url + hostileQuery });
      requests.push({ method: "GET", url: first + nulQuery });
      requests.push({
        method: "POST",
        url: first,
        contentType: "application/x-www-form-urlencoded",
        body: "constructor=a&__proto__=b&toString=c&intent=constructor&hasOwnProperty=d",
      });
      requests.push({
        method: "POST",
        url: first,
        contentType: "application/x-www-form-urlencoded",
        body: "intent=save&title=a%00b&email=a%00@b.fr",
      });
      requests.push({
        method: "POST",
        url: first,
        contentType: "multipart/form-data",
        body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--x--\r\n',
      });
      requests.push({
        method: "POST",
        url: first,
        contentType: "multipart/form-data; boundary=x",
        body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsa',
      });
    }
    // A few at a time: enough to be quick, not so many that a busy machine times out.
    for (let i = 0; i < requests.length; i += 4) {
      await Promise.all(
        requests.slice(i, i + 4).map(async ({ method, url, contentType, body }) => {
          const headers: Record<string, string> = { Origin: server.url, Accept: "text/html" };
          if (cookie) headers.Cookie = cookie;
          if (contentType) headers["Content-Type"] = contentType;
          const answer = await rawRequest(server.url + url, { method, headers, body });
          if (answer.status >= 500) failures.push(`${who} ${method} ${url} ${body ?? ""} → ${answer.status}`);
        }),
      );
    }
  }
  expect(failures).toEqual([]);
  expect(server.isAlive()).toBe(true);
  expect(await auditCount()).toBe(auditBefore);
});
