import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { safeRedirectTo, withRedirectTo } from "~/accounts/redirects";

describe("redirectTo sanitising", () => {
  test("keeps a path of this site, with its query and fragment", () => {
    expect(safeRedirectTo("/admin")).toBe("/admin");
    expect(safeRedirectTo("/jury/evaluations?page=2#critere-3")).toBe("/jury/evaluations?page=2#critere-3");
  });

  test.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example/admin",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "admin",
    "",
    " //evil.example",
  ])("refuses %j and falls back to the default", (value) => {
    expect(safeRedirectTo(value)).toBe("/compte");
    expect(safeRedirectTo(value, "/")).toBe("/");
  });

  test("refuses what is not a string", () => {
    expect(safeRedirectTo(null)).toBe("/compte");
    expect(safeRedirectTo(undefined)).toBe("/compte");
    expect(safeRedirectTo(["/admin"])).toBe("/compte");
  });

  propTest.prop([fc.string({ unit: "binary", maxLength: 40 })])("whatever it is given, the result stays on this site", (value) => {
    const target = safeRedirectTo(value);
    expect(target.startsWith("/")).toBe(true);
    expect(target.startsWith("//")).toBe(false);
    expect(target).not.toMatch(/[\\\u0000-\u001f]/);
    expect(new URL(target, "https://portail.example").origin).toBe("https://portail.example");
  });

  test("withRedirectTo carries a safe destination and drops the default or a hostile one", () => {
    expect(withRedirectTo("/connexion/code", "/admin?x=1")).toBe("/connexion/code?redirectTo=%2Fadmin%3Fx%3D1");
    expect(withRedirectTo("/connexion/code", "/compte")).toBe("/connexion/code");
    expect(withRedirectTo("/connexion/code", "//evil.example")).toBe("/connexion/code");
  });
});
