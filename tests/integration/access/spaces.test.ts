// Who reaches which role space, over HTTP against the built portal (run `npx remix build` first).
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { departementScope, type Role } from "~/accounts/roles";
import { startTestServer, type TestServer } from "../../support/server";
import { createPerson, sessionCookie } from "../../support/fixtures";

let server: TestServer;
let sql: ReturnType<typeof connect>;

type Person = { id: number; email: string; cookie: string };
const people: Record<string, Person> = {};

async function person(key: string, options: { roles: Role[]; scope?: string; totp?: boolean; secondFactorDone?: boolean; disabled?: boolean }) {
  const { id, email } = await createPerson(sql, {
    email: `${key.toLowerCase()}@acces.exemple.fr`,
    name: `Personne ${key}`,
    roles: options.roles,
    scope: options.scope,
    totp: options.totp,
    disabled: options.disabled,
  });
  people[key] = { id, email, cookie: await sessionCookie(sql, id, Boolean(options.secondFactorDone)) };
}

function get(path: string, who?: string) {
  const headers: Record<string, string> = {};
  if (who) headers.Cookie = people[who].cookie;
  return fetch(server.url + path, { headers, redirect: "manual" });
}

function post(path: string, who: string | undefined, fields: Record<string, string>, origin = server.url) {
  const headers: Record<string, string> = { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" };
  if (who) headers.Cookie = people[who].cookie;
  return fetch(server.url + path, { method: "POST", headers, body: new URLSearchParams(fields), redirect: "manual" });
}

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  await person("admin", { roles: ["admin"], totp: true, secondFactorDone: true });
  await person("juror", { roles: ["juror"], totp: true, secondFactorDone: true });
  await person("designer", { roles: ["designer"] });
  await person("structure", { roles: ["structure"] });
  await person("maker", { roles: ["maker"] });
  // An instructor always works on one département (never nationally), with a second factor.
  await person("instructor", { roles: ["instructor"], scope: departementScope("35"), totp: true, secondFactorDone: true });
  await person("adminAwaitingCode", { roles: ["admin"], totp: true, secondFactorDone: false });
  await person("jurorAwaitingCode", { roles: ["juror"], totp: true, secondFactorDone: false });
  await person("instructorAwaitingCode", { roles: ["instructor"], scope: departementScope("35"), totp: true, secondFactorDone: false });
  await person("adminNotEnrolled", { roles: ["admin"] });
  await person("jurorNotEnrolled", { roles: ["juror"] });
  await person("instructorNotEnrolled", { roles: ["instructor"], scope: departementScope("35") });
  await person("disabledAdmin", { roles: ["admin"], totp: true, secondFactorDone: true, disabled: true });
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const spaces: { path: string; owner: string }[] = [
  { path: "/admin", owner: "admin" },
  { path: "/admin/utilisateurs", owner: "admin" },
  { path: "/admin/utilisateurs?q=acces", owner: "admin" },
  { path: "/admin/courriels", owner: "admin" },
  { path: "/admin/journal", owner: "admin" },
  { path: "/admin/structures", owner: "admin" },
  { path: "/admin/fabricants", owner: "admin" },
  { path: "/admin/retours", owner: "admin" },
  { path: "/jury", owner: "juror" },
  { path: "/candidat", owner: "designer" },
  { path: "/candidat/fabricants", owner: "designer" },
  { path: "/candidat/retours", owner: "designer" },
  { path: "/structure", owner: "structure" },
  { path: "/structure/retours", owner: "structure" },
  { path: "/fabricant", owner: "maker" },
  { path: "/instruction", owner: "instructor" },
];
const roleHolders = ["admin", "juror", "designer", "structure", "maker", "instructor"];

describe("access to the role spaces", () => {
  test.each(spaces)("anonymous visitors of $path are sent to /connexion with a way back", async ({ path }) => {
    const response = await get(path);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
  });

  test.each(spaces)("on $path, its own role gets the page and every other role gets 403", async ({ path, owner }) => {
    for (const who of roleHolders) {
      const response = await get(path, who);
      const body = await response.text();
      if (who === owner) {
        expect(response.status, `${who} sur ${path}`).toBe(200);
        expect(body).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
      } else {
        expect(response.status, `${who} sur ${path}`).toBe(403);
        expect(body).toContain("Accès refusé");
        expect(body).not.toContain("acces.exemple.fr");
      }
    }
  });

  test.each(spaces)("on $path, an admin, juror or instructor who has not given their code yet is sent to /connexion/code", async ({ path }) => {
    for (const who of ["adminAwaitingCode", "jurorAwaitingCode", "instructorAwaitingCode"]) {
      const response = await get(path, who);
      expect(response.status, `${who} sur ${path}`).toBe(302);
      expect(response.headers.get("location")).toBe(`/connexion/code?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  test("an admin, juror or instructor without a second factor is sent to enrol before entering their space, and still refused elsewhere", async () => {
    const admin = await get("/admin/utilisateurs", "adminNotEnrolled");
    expect(admin.status).toBe(302);
    expect(admin.headers.get("location")).toBe(`/compte/double-authentification?redirectTo=${encodeURIComponent("/admin/utilisateurs")}`);
    const juror = await get("/jury", "jurorNotEnrolled");
    expect(juror.status).toBe(302);
    expect(juror.headers.get("location")).toBe(`/compte/double-authentification?redirectTo=${encodeURIComponent("/jury")}`);
    const instructor = await get("/instruction", "instructorNotEnrolled");
    expect(instructor.status).toBe(302);
    expect(instructor.headers.get("location")).toBe(`/compte/double-authentification?redirectTo=${encodeURIComponent("/instruction")}`);
    expect((await get("/jury", "adminNotEnrolled")).status).toBe(403);
    expect((await get("/admin", "jurorNotEnrolled")).status).toBe(403);
    expect((await get("/admin", "instructorNotEnrolled")).status).toBe(403);
    expect((await get("/instruction", "adminNotEnrolled")).status).toBe(403);
  });

  test("an unknown person or e-mail in the admin space answers 404", async () => {
    for (const path of ["/admin/utilisateurs/987654", "/admin/utilisateurs/abc", "/admin/courriels/987654", "/admin/courriels/-1"]) {
      const response = await get(path, "admin");
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("Page introuvable");
    }
  });

  test("a disabled account's session counts as no session", async () => {
    const response = await get("/admin", "disabledAdmin");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/connexion?redirectTo=%2Fadmin");
  });

  test("the data endpoints of single fetch refuse the same way and leak nothing", async () => {
    const refused = await get("/admin/utilisateurs.data", "designer");
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("acces.exemple.fr");
    const allowed = await get("/admin/utilisateurs.data?q=acces", "admin");
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("designer@acces.exemple.fr");
  });
});

describe("admin actions over HTTP", () => {
  async function membershipsOf(who: string) {
    return sql<{ role: string; scope: string }[]>`select role, scope from memberships where user_id = ${people[who].id} order by role, scope`;
  }

  test("only an admin can change an account; others get 403 and nothing changes", async () => {
    const target = `/admin/utilisateurs/${people.designer.id}`;
    const attempt = { intent: "grant", role: "admin", scopeKind: "national", scopeId: "" };
    expect((await post(target, "designer", attempt)).status).toBe(403);
    expect((await post(target, "juror", attempt)).status).toBe(403);
    expect((await post(target, "adminAwaitingCode", attempt)).status).toBe(302);
    const anonymous = await post(target, undefined, attempt);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/connexion\?redirectTo=/);
    expect(await membershipsOf("designer")).toEqual([{ role: "designer", scope: "*" }]);
  });

  test("a request from another site is refused even with an admin's cookie", async () => {
    const response = await post(`/admin/utilisateurs/${people.maker.id}`, "admin", { intent: "disable" }, "https://attaquant.example");
    expect(response.status).toBe(403);
    const [maker] = await sql<{ disabledAt: Date | null }[]>`select disabled_at from users where id = ${people.maker.id}`;
    expect(maker.disabledAt).toBeNull();
  });

  test("an admin grants a role, sees a French error for a bad scope, and disables an account whose session then dies", async () => {
    const target = `/admin/utilisateurs/${people.structure.id}`;
    const bad = await post(target, "admin", { intent: "grant", role: "structure", scopeKind: "structure", scopeId: "abc" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Indiquez le numéro de la structure, un nombre entier positif");

    const granted = await post(target, "admin", { intent: "grant", role: "structure", scopeKind: "structure", scopeId: "12" });
    expect(granted.status).toBe(302);
    expect(granted.headers.get("location")).toBe(`${target}?fait=grant`);
    expect(await membershipsOf("structure")).toEqual([
      { role: "structure", scope: "*" },
      { role: "structure", scope: "structure:12" },
    ]);
    const page = await (await get(`${target}?fait=grant`, "admin")).text();
    expect(page).toContain("Le rôle a été attribué.");
    expect(page).toContain("structure n° 12");

    expect((await get("/structure", "structure")).status).toBe(200);
    const disabled = await post(target, "admin", { intent: "disable" });
    expect(disabled.status).toBe(302);
    const after = await get("/structure", "structure");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/connexion/);

    const journal = await (await get(`/admin/journal?sujet=user:${people.structure.id}`, "admin")).text();
    expect(journal).toContain("Rôle attribué");
    expect(journal).toContain("Compte désactivé");
    expect(journal).toContain("Vérifier maintenant");
  });

  test("an admin's attempt to disable themself is refused with a French message", async () => {
    const response = await post(`/admin/utilisateurs/${people.admin.id}`, "admin", { intent: "disable" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Vous ne pouvez pas désactiver votre propre compte");
    expect((await get("/admin", "admin")).status).toBe(200);
  });
});
