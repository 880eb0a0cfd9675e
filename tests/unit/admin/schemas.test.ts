import { describe, expect, test } from "vitest";
import { auditFilterSchema, outboxFilterSchema, userChangeSchema, userSearchSchema } from "~/accounts/admin-schemas";
import { parseForm } from "~/infra/forms";
import { containsPattern } from "~/infra/paging";
import { pageWindow } from "~/ui/pagination";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return parseForm(data, userChangeSchema);
}

describe("the role grant form", () => {
  test("a national grant needs no number and is stored as scope '*'", () => {
    expect(form({ intent: "grant", role: "juror", scopeKind: "national", scopeId: "" })).toEqual({
      ok: true,
      data: { intent: "grant", role: "juror", scope: "*" },
    });
  });

  test("a grant on one object is stored as 'kind:number'", () => {
    expect(form({ intent: "grant", role: "structure", scopeKind: "structure", scopeId: " 42 " })).toMatchObject({
      ok: true,
      data: { role: "structure", scope: "structure:42" },
    });
    expect(form({ intent: "grant", role: "juror", scopeKind: "contest", scopeId: "3" })).toMatchObject({ ok: true, data: { scope: "contest:3" } });
  });

  test("a scoped grant without a positive whole number is refused at the number field, in French, values kept", () => {
    for (const scopeId of ["", "0", "-4", "1.5", "douze", "12abc"]) {
      const result = form({ intent: "grant", role: "maker", scopeKind: "maker", scopeId });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.errors.scopeId).toMatch(/^Indiquez le numéro du fabricant, un nombre entier positif/);
      expect(result.values).toMatchObject({ role: "maker", scopeKind: "maker", scopeId });
    }
  });

  test("a role cannot be scoped to an object of another kind", () => {
    const result = form({ intent: "grant", role: "structure", scopeKind: "contest", scopeId: "1" });
    expect(result).toMatchObject({ ok: false, errors: { scopeKind: "Le rôle « Structure de proximité » est national ou porte sur une structure." } });
    expect(form({ intent: "grant", role: "maker", scopeKind: "structure", scopeId: "1" }).ok).toBe(false);
    expect(form({ intent: "grant", role: "designer", scopeKind: "maker", scopeId: "1" }).ok).toBe(false);
  });

  test("an unknown role or scope kind is refused with a French message", () => {
    expect(form({ intent: "grant", role: "superuser", scopeKind: "national" })).toMatchObject({
      ok: false,
      errors: { role: "Choisissez le rôle à attribuer." },
    });
    expect(form({ intent: "grant", role: "admin", scopeKind: "planet" })).toMatchObject({
      ok: false,
      errors: { scopeKind: "Choisissez la portée du rôle." },
    });
  });

  test("revoke, disable and enable are parsed; anything else is an unknown action", () => {
    expect(form({ intent: "revoke", membershipId: "17" })).toEqual({ ok: true, data: { intent: "revoke", membershipId: 17 } });
    expect(form({ intent: "revoke", membershipId: "x" })).toMatchObject({ ok: false, errors: { membershipId: "Rôle introuvable." } });
    expect(form({ intent: "disable" })).toEqual({ ok: true, data: { intent: "disable" } });
    expect(form({ intent: "enable" })).toEqual({ ok: true, data: { intent: "enable" } });
    expect(form({ intent: "delete" })).toMatchObject({ ok: false, errors: { intent: "Action inconnue." } });
  });
});

describe("query strings of the admin lists", () => {
  test("a bad page number means the first page, and text is trimmed", () => {
    expect(userSearchSchema.parse({ q: "  Dupont ", page: "3" })).toEqual({ q: "Dupont", page: 3 });
    for (const page of ["0", "-1", "abc", "2.5", undefined]) expect(userSearchSchema.parse({ page }).page).toBe(1);
    expect(outboxFilterSchema.parse({})).toEqual({ destinataire: "", page: 1 });
    expect(auditFilterSchema.parse({ sujet: "user:12", page: "2" })).toEqual({ sujet: "user:12", page: 2 });
  });

  test("a LIKE pattern escapes the wildcards typed by the admin", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});

describe("pagination", () => {
  test("shows the first, the last and the pages around the current one, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});

describe("audit entries as the admin reads them", () => {
  test("known actions have a French label, unknown ones keep their code; data reads as key : value lines", async () => {
    const { auditActionLabel, auditDataLines } = await import("~/audit/labels");
    expect(auditActionLabel("role.granted")).toBe("Rôle attribué");
    expect(auditActionLabel("something.new")).toBe("something.new");
    expect(auditDataLines({ role: "juror", scope: "contest:3", ids: [1, 2] })).toEqual(["role : juror", "scope : contest:3", "ids : [1,2]"]);
    expect(auditDataLines(null)).toEqual([]);
  });
});
