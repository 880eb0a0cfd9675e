import { describe, expect, test } from "vitest";
import { changeUser, disableAccount, enableAccount, getUserAdminView, grantRole, revokeMembership, searchUsers } from "~/accounts/admin.server";
import { createSession, findSessionUser } from "~/accounts/sessions.server";
import { listMemberships } from "~/accounts/users.server";
import { verifyAuditChain } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { NotFound, Refused } from "~/infra/domain-errors";
import { createPerson } from "../../support/fixtures";

async function auditAbout(userId: number) {
  return db<{ actorId: number | null; action: string; data: Record<string, unknown> }[]>`
    select actor_id, action, data from audit_log where subject = ${`user:${userId}`} order by id`;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refused);
  return (error as Error).message;
}

describe("granting and revoking roles", () => {
  test("a granted role is stored with its scope and who granted it, and audited with actor and subject", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    const membershipId = await grantRole({ actorId: admin, userId: person, role: "juror", scope: "contest:7" });
    expect(await listMemberships(person)).toEqual([{ id: membershipId, role: "juror", scope: "contest:7" }]);
    const view = await getUserAdminView(person);
    expect(view.memberships).toMatchObject([{ role: "juror", scope: "contest:7", grantedById: admin }]);
    expect(await auditAbout(person)).toEqual([{ actorId: admin, action: "role.granted", data: { role: "juror", scope: "contest:7", membershipId } }]);
  });

  test("granting the same role and scope twice is refused in French and audited once", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    await grantRole({ actorId: admin, userId: person, role: "designer", scope: "*" });
    expect(await refusal(grantRole({ actorId: admin, userId: person, role: "designer", scope: "*" }))).toBe(
      "Cette personne a déjà le rôle « Candidat » (portée national).",
    );
    expect(await auditAbout(person)).toHaveLength(1);
    // The same role on another scope is a different membership.
    await grantRole({ actorId: admin, userId: person, role: "designer", scope: "contest:2" });
    expect((await listMemberships(person)).map((m) => m.scope)).toEqual(["*", "contest:2"]);
  });

  test("a malformed scope never reaches the database", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    await refusal(grantRole({ actorId: admin, userId: person, role: "maker", scope: "maker:0" }));
    await refusal(grantRole({ actorId: admin, userId: person, role: "maker", scope: "everywhere" }));
    expect(await listMemberships(person)).toEqual([]);
  });

  test("a revoked membership is gone and the revocation is audited with the role and scope", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    const membershipId = await grantRole({ actorId: admin, userId: person, role: "maker", scope: "maker:3" });
    await revokeMembership({ actorId: admin, userId: person, membershipId });
    expect(await listMemberships(person)).toEqual([]);
    expect((await auditAbout(person)).map((e) => [e.action, e.data])).toEqual([
      ["role.granted", { role: "maker", scope: "maker:3", membershipId }],
      ["role.revoked", { role: "maker", scope: "maker:3", membershipId }],
    ]);
    expect(await refusal(revokeMembership({ actorId: admin, userId: person, membershipId }))).toBe("Ce rôle a déjà été retiré.");
  });

  test("a membership of someone else cannot be revoked through another person's page", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const a = (await createPerson(db)).id;
    const b = (await createPerson(db)).id;
    const membershipOfA = await grantRole({ actorId: admin, userId: a, role: "designer", scope: "*" });
    await refusal(revokeMembership({ actorId: admin, userId: b, membershipId: membershipOfA }));
    expect(await listMemberships(a)).toHaveLength(1);
  });

  test("an admin cannot revoke their own admin role, but another admin can", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const other = (await createPerson(db, { roles: ["admin"] })).id;
    const [own] = await listMemberships(admin);
    expect(await refusal(revokeMembership({ actorId: admin, userId: admin, membershipId: own.id }))).toMatch(
      /^Vous ne pouvez pas retirer votre propre rôle de gestionnaire/,
    );
    expect(await listMemberships(admin)).toHaveLength(1);
    expect(await auditAbout(admin)).toEqual([]);
    await revokeMembership({ actorId: other, userId: admin, membershipId: own.id });
    expect(await listMemberships(admin)).toEqual([]);
  });

  test("an admin may drop their own other roles", async () => {
    const admin = (await createPerson(db, { roles: ["admin", "juror"] })).id;
    const juror = (await listMemberships(admin)).find((m) => m.role === "juror")!;
    await revokeMembership({ actorId: admin, userId: admin, membershipId: juror.id });
    expect((await listMemberships(admin)).map((m) => m.role)).toEqual(["admin"]);
  });

  test("acting on a person who does not exist is not found, in French", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const error = await grantRole({ actorId: admin, userId: 987_654, role: "designer", scope: "*" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as NotFound).message).toBe("Cette personne n'existe pas.");
  });
});

describe("disabling and re-enabling accounts", () => {
  test("disabling an account ends its live sessions at once, and is audited", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db, { roles: ["designer"] })).id;
    const first = await createSession({ userId: person, secondFactor: false });
    const second = await createSession({ userId: person, secondFactor: false });
    const adminSession = await createSession({ userId: admin, secondFactor: true });
    expect((await findSessionUser(first.token))?.id).toBe(person);
    expect((await getUserAdminView(person)).liveSessions).toBe(2);

    await disableAccount({ actorId: admin, userId: person });

    expect(await findSessionUser(first.token)).toBeNull();
    expect(await findSessionUser(second.token)).toBeNull();
    const [{ count }] = await db<{ count: number }[]>`select count(*)::int as count from sessions where user_id = ${person}`;
    expect(count).toBe(0);
    expect((await findSessionUser(adminSession.token))?.id).toBe(admin);
    const view = await getUserAdminView(person);
    expect(view.disabledAt).toBeInstanceOf(Date);
    expect(view.liveSessions).toBe(0);
    expect(await auditAbout(person)).toEqual([{ actorId: admin, action: "account.disabled", data: { sessionsEnded: 2 } }]);
    expect(await refusal(disableAccount({ actorId: admin, userId: person }))).toBe("Ce compte est déjà désactivé.");
  });

  test("a session opened after the account was disabled is dead too", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    await disableAccount({ actorId: admin, userId: person });
    const late = await createSession({ userId: person, secondFactor: false });
    expect(await findSessionUser(late.token)).toBeNull();
  });

  test("an admin cannot disable their own account", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const session = await createSession({ userId: admin, secondFactor: true });
    expect(await refusal(disableAccount({ actorId: admin, userId: admin }))).toMatch(/^Vous ne pouvez pas désactiver votre propre compte/);
    expect((await getUserAdminView(admin)).disabledAt).toBeNull();
    expect((await findSessionUser(session.token))?.id).toBe(admin);
    expect(await auditAbout(admin)).toEqual([]);
  });

  test("a re-enabled account can open sessions again; the change is audited", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    await disableAccount({ actorId: admin, userId: person });
    await enableAccount({ actorId: admin, userId: person });
    expect((await getUserAdminView(person)).disabledAt).toBeNull();
    const session = await createSession({ userId: person, secondFactor: false });
    expect((await findSessionUser(session.token))?.id).toBe(person);
    expect((await auditAbout(person)).map((e) => e.action)).toEqual(["account.disabled", "account.enabled"]);
    expect(await refusal(enableAccount({ actorId: admin, userId: person }))).toBe("Ce compte est déjà actif.");
  });

  test("a change whose audit entry cannot be written leaves the database as it was", async () => {
    const person = (await createPerson(db)).id;
    const session = await createSession({ userId: person, secondFactor: false });
    // An actor who does not exist violates audit_log's foreign key, after the account was updated.
    await expect(disableAccount({ actorId: 999_999, userId: person })).rejects.toThrow(/foreign key/);
    expect((await getUserAdminView(person)).disabledAt).toBeNull();
    expect((await findSessionUser(session.token))?.id).toBe(person);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("a change made inside a caller's transaction rolls back with it", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    await db
      .begin(async (tx) => {
        await grantRole({ actorId: admin, userId: person, role: "designer", scope: "*" }, tx);
        throw new Error("abandon");
      })
      .catch(() => {});
    expect(await listMemberships(person)).toEqual([]);
    expect(await auditAbout(person)).toEqual([]);
  });
});

describe("changeUser, the form's single entry point", () => {
  test("applies each kind of change and says which one it applied", async () => {
    const admin = (await createPerson(db, { roles: ["admin"] })).id;
    const person = (await createPerson(db)).id;
    expect(await changeUser({ actorId: admin, userId: person, change: { intent: "grant", role: "structure", scope: "structure:9" } })).toBe("grant");
    const [membership] = await listMemberships(person);
    expect(membership).toMatchObject({ role: "structure", scope: "structure:9" });
    expect(await changeUser({ actorId: admin, userId: person, change: { intent: "disable" } })).toBe("disable");
    expect(await changeUser({ actorId: admin, userId: person, change: { intent: "enable" } })).toBe("enable");
    expect(await changeUser({ actorId: admin, userId: person, change: { intent: "revoke", membershipId: membership.id } })).toBe("revoke");
    expect((await auditAbout(person)).map((e) => e.action)).toEqual(["role.granted", "account.disabled", "account.enabled", "role.revoked"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe("searching people", () => {
  test("finds by part of the name or of the e-mail, in any case, with roles, and pages the results", async () => {
    const marie = (await createPerson(db, { name: "Marie Curie-Dupont", email: "marie.curie@labo.fr", roles: ["designer", "juror"] })).id;
    await createPerson(db, { name: "Jean Dupont", email: "jean@mairie-saint-flour.fr" });
    await createPerson(db, { name: "Zoé Martin", email: "zoe@dupont-associes.fr" });
    await createPerson(db, { name: "Paul Sans Rapport", email: "paul@ailleurs.fr" });

    const byName = await searchUsers({ query: "dupont", page: 1 });
    expect(byName.total).toBe(3);
    expect(byName.items.map((u) => u.name)).toEqual(["Jean Dupont", "Marie Curie-Dupont", "Zoé Martin"]);
    expect(byName.items[1].memberships).toEqual([
      { role: "designer", scope: "*" },
      { role: "juror", scope: "*" },
    ]);

    expect((await searchUsers({ query: "LABO.FR", page: 1 })).items.map((u) => u.id)).toEqual([marie]);
    expect((await searchUsers({ query: "%", page: 1 })).total).toBe(0);
    expect((await searchUsers({ query: "_", page: 1 })).total).toBe(0);

    const first = await searchUsers({ query: "dupont", page: 1, pageSize: 2 });
    const second = await searchUsers({ query: "dupont", page: 2, pageSize: 2 });
    expect([first.pageCount, second.pageCount, first.items.length, second.items.length]).toEqual([2, 2, 2, 1]);
    expect(second.items[0].name).toBe("Zoé Martin");
  });

  test("an exact e-mail comes first", async () => {
    // Both contain the query; by name alone Aaron would come first.
    const aaron = (await createPerson(db, { name: "Aaron Exact", email: "contact.exact@exemple-exact.fr" })).id;
    const exact = (await createPerson(db, { name: "Zacharie Exact", email: "exact@exemple-exact.fr" })).id;
    const result = await searchUsers({ query: " EXACT@exemple-exact.fr ", page: 1 });
    expect(result.items.map((u) => u.id)).toEqual([exact, aaron]);
  });
});
