import { describe, expect, test } from "vitest";
import { clearedSessionCookie, readSessionToken, sessionCookie, sessionCookieName } from "~/accounts/session-cookie.server";
import { newToken } from "~/accounts/sessions.server";
import { parseConfig } from "~/infra/config.server";

const https = parseConfig({ NODE_ENV: "test", PUBLIC_URL: "https://kits.example.gouv.fr", DATABASE_URL: "postgres://x@localhost/kits" });
const http = parseConfig({ NODE_ENV: "test", PUBLIC_URL: "http://localhost:3000", DATABASE_URL: "postgres://x@localhost/kits" });

function attributes(cookie: string) {
  const [pair, ...rest] = cookie.split("; ");
  return { pair, attrs: rest.map((a) => a.toLowerCase()) };
}

describe("session cookie", () => {
  const token = newToken();
  const expires = new Date("2030-01-01T12:00:00Z");

  test("on https: __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", () => {
    const { pair, attrs } = attributes(sessionCookie(token, expires, https));
    expect(pair).toBe(`__Host-kits_session=${token}`);
    expect(attrs).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/"]));
    expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
    expect(attrs).toContain(`expires=${expires.toUTCString().toLowerCase()}`);
  });

  test("on plain http (local use): no prefix and no Secure, still HttpOnly and SameSite=Lax", () => {
    const { pair, attrs } = attributes(sessionCookie(token, expires, http));
    expect(pair).toBe(`kits_session=${token}`);
    expect(attrs).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attrs).not.toContain("secure");
  });

  test("the cleared cookie has the same name and attributes and expires in the past", () => {
    const { pair, attrs } = attributes(clearedSessionCookie(https));
    expect(pair).toBe("__Host-kits_session=");
    expect(attrs).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/", "expires=thu, 01 jan 1970 00:00:00 gmt"]));
  });

  test("only a well-formed token under the right name is read back", () => {
    const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(readSessionToken(request(`kits_session=${token}`), http)).toBe(token);
    expect(readSessionToken(request(`kits_session=${token}`), https)).toBeNull();
    expect(readSessionToken(request(`__Host-kits_session=${token}`), https)).toBe(token);
    expect(readSessionToken(request("kits_session=not-a-token"), http)).toBeNull();
    expect(readSessionToken(request(`kits_session=${token}x`), http)).toBeNull();
    expect(sessionCookieName(https)).toBe("__Host-kits_session");
  });
});
