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
    // Pass as given, but resolving normalises them into "//evil.example" or "/\\evil.example".
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/a/../..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/./\\evil.example",
    "/.\\/evil.example",
  ])("refuses %j and falls back to the default", (value) => {
    expect(safeRedirectTo(value)).toBe("/compte");
    expect(safeRedirectTo(value, "/")).toBe("/");
    // As it arrives percent-encoded in an address (?redirectTo=…), once decoded.
    const fromQuery = new URLSearchParams(`redirectTo=${encodeURIComponent(value)}`).get("redirectTo");
    expect(safeRedirectTo(fromQuery)).toBe("/compte");
  });

  test.each(["/.%2F%2Fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example"])(
    "keeps %j as the local path it is: encoded slashes are not slashes to a browser",
    (value) => {
      const target = safeRedirectTo(value);
      expect(target).toMatch(/^\/[^/\\]/);
      expect(new URL(target, "https://portail.example").origin).toBe("https://portail.example");
    },
  );

  test("refuses what is not a string", () => {
    expect(safeRedirectTo(null)).toBe("/compte");
    expect(safeRedirectTo(undefined)).toBe("/compte");
    expect(safeRedirectTo(["/admin"])).toBe("/compte");
  });

  const dotSegments = fc
    .array(fc.constantFrom("/", ".", "..", "\\", "%2e", "%2F", "evil.example", "a"), { maxLength: 8 })
    .map((parts) => parts.join(""));
  propTest.prop([fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), dotSegments)])(
    "whatever it is given, the result stays on this site",
    (value) => {
      const target = safeRedirectTo(value);
      expect(target.startsWith("/")).toBe(true);
      expect(target.startsWith("//")).toBe(false);
      expect(target).not.toMatch(/[\\\u0000-\u001f]/);
      expect(new URL(target, "https://portail.example").origin).toBe("https://portail.example");
    },
  );

  test("withRedirectTo carries a safe destination and drops the default or a hostile one", () => {
    expect(withRedirectTo("/connexion/code", "/admin?x=1")).toBe("/connexion/code?redirectTo=%2Fadmin%3Fx%3D1");
    expect(withRedirectTo("/connexion/code", "/compte")).toBe("/connexion/code");
    expect(withRedirectTo("/connexion/code", "//evil.example")).toBe("/connexion/code");
  });
});
