// The instructor role: granted by an admin for one département (by its INSEE code), never national,
// and behind a second factor. The domain function first, then the admin's form over HTTP (run
// `npx remix build` first).
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { changeUser, getUserAdminView, grantRole } from "~/accounts/admin.server";
import { userChangeSchema } from "~/accounts/admin-schemas";
import { requireUser } from "~/accounts/permissions.server";
import { sessionCookieName } from "~/accounts/session-cookie.server";
import { createSession } from "~/accounts/sessions.server";
import { listMemberships } from "~/accounts/users.server";
import { db } from "~/infra/db.server";
import { Refused } from "~/infra/domain-errors";
import { connect } from "~/infra/postgres.server";
import { auditOf, createPerson, sessionCookie } from "../../support/fixtures";
import { rejectionOf } from "../../support/rejection";
import { startTestServer, type TestServer } from "../../support/server";

const unknownDepartement = "Ce département n'existe pas. Indiquez son code INSEE, par exemple 35, 2A ou 974.";
const notACode = "Indiquez le code du département, par exemple 35, 2A ou 974.";
const neverNational = "Le rôle « Instructeur départemental » porte sur un département.";

async function grantsAbout(sql: postgres.Sql, userId: number) {
  return (await auditOf(sql, "role.granted")).filter((entry) => entry.subject === `user:${userId}`);
}

/** The refusal a promise was rejected with, as the form would show it: its field and message. */
async function refusalOf(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Refused);
  return (error as Refused).fieldErrors();
}

describe("an admin grants the instructor role (domain)", () => {
  test("an instructor of 35, of 2A and of 974: stored with the département's code, audited, shown as the département", async () => {
    const admin = await createPerson(db, { roles: ["admin"], totp: true });
    for (const code of ["35", "2A", "974"]) {
      const person = await createPerson(db);
      const change = userChangeSchema.parse({ intent: "grant", role: "instructor", scopeKind: "departement", scopeId: code.toLowerCase() });
      expect(await changeUser({ actorId: admin.id, userId: person.id, change })).toBe("grant");
      const [membership] = await listMemberships(person.id);
      expect(membership).toMatchObject({ role: "instructor", scope: `departement:${code}` });
      expect((await getUserAdminView(person.id)).memberships).toMatchObject([
        { role: "instructor", scope: `departement:${code}`, grantedById: admin.id },
      ]);
      expect(await grantsAbout(db, person.id)).toEqual([
        {
          actorId: admin.id,
          subject: `user:${person.id}`,
          data: { role: "instructor", scope: `departement:${code}`, membershipId: membership.id },
        },
      ]);
    }
  });

  test("never national, never another kind of scope, and a département scope only for instructors: refused by field, nothing saved", async () => {
    const admin = await createPerson(db, { roles: ["admin"], totp: true });
    const person = await createPerson(db);
    expect(await refusalOf(grantRole({ actorId: admin.id, userId: person.id, role: "instructor", scope: "*" }))).toEqual({
      scopeKind: neverNational,
    });
    expect(await refusalOf(grantRole({ actorId: admin.id, userId: person.id, role: "instructor", scope: "contest:3" }))).toEqual({
      scopeKind: neverNational,
    });
    expect(await refusalOf(grantRole({ actorId: admin.id, userId: person.id, role: "structure", scope: "departement:35" }))).toEqual({
      scopeKind: "Le rôle « Structure de proximité » est national ou porte sur une structure.",
    });
    expect(await listMemberships(person.id)).toEqual([]);
    expect(await grantsAbout(db, person.id)).toEqual([]);
  });

  test("a code shaped like a département that is none (20, 975, 00) is refused by the field, nothing saved", async () => {
    const admin = await createPerson(db, { roles: ["admin"], totp: true });
    const person = await createPerson(db);
    for (const code of ["20", "975", "00", "99"]) {
      expect(await refusalOf(grantRole({ actorId: admin.id, userId: person.id, role: "instructor", scope: `departement:${code}` })), code).toEqual({
        scopeId: unknownDepartement,
      });
    }
    expect(await refusalOf(grantRole({ actorId: admin.id, userId: person.id, role: "instructor", scope: "departement:35; drop" }))).toEqual({
      scopeId: "Portée invalide : « departement:35; drop ».",
    });
    expect(await listMemberships(person.id)).toEqual([]);
    expect(await grantsAbout(db, person.id)).toEqual([]);
  });
});

describe("an instructor's second factor", () => {
  /** What requireUser answers for the instructor's space: the user, a redirect, or a status. */
  async function gate(token: string, scope?: string) {
    const request = new Request("http://localhost/instruction", { headers: { Cookie: `${sessionCookieName()}=${token}` } });
    try {
      return { user: (await requireUser(request, { role: "instructor", scope })).id };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      return thrown.status >= 300 && thrown.status < 400 ? { redirect: thrown.headers.get("Location") } : { status: thrown.status };
    }
  }

  test("without TOTP an instructor is sent to enrol; enrolled but without the code, to give it; with both, in their département only", async () => {
    const notEnrolled = await createPerson(db, { roles: ["instructor"], scope: "departement:35" });
    const { token: first } = await createSession({ userId: notEnrolled.id, secondFactor: false });
    expect(await gate(first)).toEqual({ redirect: "/compte/double-authentification?redirectTo=%2Finstruction" });

    const enrolled = await createPerson(db, { roles: ["instructor"], scope: "departement:35", totp: true });
    const { token: pending } = await createSession({ userId: enrolled.id, secondFactor: false });
    expect(await gate(pending)).toEqual({ redirect: "/connexion/code?redirectTo=%2Finstruction" });

    const { token: done } = await createSession({ userId: enrolled.id, secondFactor: true });
    expect(await gate(done)).toEqual({ user: enrolled.id });
    expect(await gate(done, "departement:35")).toEqual({ user: enrolled.id });
    expect(await gate(done, "departement:29")).toEqual({ status: 403 });
  });
});

describe("the admin's grant form over HTTP", () => {
  let server: TestServer;
  let sql: postgres.Sql;
  let adminCookie: string;

  beforeAll(async () => {
    server = await startTestServer(inject("pgAdminUrl"));
    sql = connect(server.databaseUrl, { max: 2 });
    adminCookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  });
  afterAll(async () => {
    await sql?.end();
    await server?.stop();
  });

  function grant(userId: number, scopeKind: string, scopeId: string) {
    return fetch(`${server.url}/admin/utilisateurs/${userId}`, {
      method: "POST",
      headers: { Origin: server.url, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "grant", role: "instructor", scopeKind, scopeId }),
      redirect: "manual",
    });
  }

  /** The message shown under a field of the answered page, as a person reads it. */
  function messageBy(html: string, field: string) {
    const match = html.match(new RegExp(`<p class="fr-error-text" id="champ-${field}-message">([^<]*)</p>`));
    return match?.[1].replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
  }

  async function membershipsOf(userId: number) {
    return sql<{ role: string; scope: string }[]>`select role, scope from memberships where user_id = ${userId}`;
  }

  test("an instructor of 35, 2A and 974 is granted and shown on the person's page", async () => {
    for (const [typed, code] of [
      ["35", "35"],
      ["2a", "2A"],
      ["974", "974"],
    ]) {
      const person = await createPerson(sql);
      const response = await grant(person.id, "departement", typed);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/admin/utilisateurs/${person.id}?fait=grant`);
      expect(await membershipsOf(person.id)).toEqual([{ role: "instructor", scope: `departement:${code}` }]);
      const page = await (await fetch(server.url + response.headers.get("Location"), { headers: { Cookie: adminCookie } })).text();
      expect(page).toContain("Instructeur départemental");
      expect(page).toContain(`département ${code}`);
    }
  });

  test("national scope, unknown codes and hostile text are refused by their field in French, what was typed kept, nothing saved", async () => {
    const person = await createPerson(sql);
    const national = await grant(person.id, "national", "");
    expect(national.status).toBe(400);
    expect(messageBy(await national.text(), "scopeKind")).toBe(neverNational);
    for (const code of ["20", "975", "00"]) {
      const response = await grant(person.id, "departement", code);
      expect(response.status, code).toBe(400);
      const html = await response.text();
      expect(messageBy(html, "scopeId"), code).toBe(unknownDepartement);
      expect(html).toContain(`value="${code}"`);
    }
    for (const typed of ["35; drop", "35' or '1'='1", "__proto__"]) {
      const response = await grant(person.id, "departement", typed);
      expect(response.status, typed).toBe(400);
      expect(messageBy(await response.text(), "scopeId"), typed).toBe(notACode);
    }
    const long = await grant(person.id, "departement", "9".repeat(40));
    expect(long.status).toBe(400);
    expect(messageBy(await long.text(), "scopeId")).toBe("Le numéro ou le code de la portée tient en 30 caractères au plus.");
    const nul = await grant(person.id, "departement", "35\u0000");
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain("caractère nul");
    expect(await membershipsOf(person.id)).toEqual([]);
    expect(await grantsAbout(sql, person.id)).toEqual([]);
  });

  test("an instructor's grant on a person who does not exist, or by someone who is not an admin, changes nothing", async () => {
    expect((await grant(987_654_321, "departement", "35")).status).toBe(404);
    const instructor = await createPerson(sql, { roles: ["instructor"], scope: "departement:35", totp: true });
    const target = await createPerson(sql);
    const response = await fetch(`${server.url}/admin/utilisateurs/${target.id}`, {
      method: "POST",
      headers: { Origin: server.url, Cookie: await sessionCookie(sql, instructor.id), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "grant", role: "instructor", scopeKind: "departement", scopeId: "35" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await membershipsOf(target.id)).toEqual([]);
  });
});
