// Security headers on every kind of response, against the built app (`npx remix build` first).
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startTestServer, type TestServer } from "../../support/server";

const HTTPS_ORIGIN = "https://kits.example.gouv.fr";

let http: TestServer;
let https: TestServer;

beforeAll(async () => {
  [http, https] = await Promise.all([
    startTestServer(inject("pgAdminUrl")),
    // Behind a TLS-terminating proxy: the process listens on plain http, its public URL is https.
    startTestServer(inject("pgAdminUrl"), { PUBLIC_URL: HTTPS_ORIGIN }),
  ]);
});
afterAll(async () => {
  await Promise.all([http?.stop(), https?.stop()]);
});

/** One request of each kind the portal answers: pages, errors, refusals, files, health. */
function responsesOf(server: TestServer, origin: string) {
  return Promise.all([
    fetch(`${server.url}/`),
    fetch(`${server.url}/connexion`),
    fetch(`${server.url}/mentions-legales`),
    fetch(`${server.url}/adresse-qui-n-existe-pas`),
    fetch(`${server.url}/connexion`, { method: "POST", headers: { Origin: "https://attaquant.example" } }),
    fetch(`${server.url}/connexion`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=",
    }),
    fetch(`${server.url}/dsfr/dsfr.min.css`),
    fetch(`${server.url}/healthz`),
  ]);
}

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function nonceOf(response: Response): string {
  const scriptSrc = directives(response.headers.get("content-security-policy") ?? "").get("script-src") ?? [];
  const nonces = scriptSrc.filter((v) => v.startsWith("'nonce-")).map((v) => v.slice("'nonce-".length, -1));
  expect(nonces).toHaveLength(1);
  return nonces[0];
}

describe("security headers", () => {
  test("every response has a CSP with a script nonce, no unsafe-inline script, and frame-ancestors 'none'", async () => {
    for (const response of await responsesOf(http, http.url)) {
      const csp = response.headers.get("content-security-policy");
      expect(csp, `${response.url} ${response.status}`).toMatch(/script-src/);
      const d = directives(csp!);
      const scriptSrc = d.get("script-src") ?? d.get("default-src")!;
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(scriptSrc.some((v) => /^'nonce-[A-Za-z0-9+/]{16,}={0,2}'$/.test(v))).toBe(true);
      expect(d.get("frame-ancestors")).toEqual(["'none'"]);
      expect(d.get("object-src")).toEqual(["'none'"]);
      expect(d.get("base-uri")).toEqual(["'self'"]);
    }
  });

  test("every response forbids MIME sniffing and framing and sets a Referrer-Policy", async () => {
    for (const response of await responsesOf(http, http.url)) {
      const what = `${response.url} ${response.status}`;
      expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), what).toBe("DENY");
      expect(response.headers.get("referrer-policy"), what).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      expect(response.headers.get("x-powered-by"), what).toBeNull();
    }
  });

  test("the nonce is new for every response and every script of the page carries it", async () => {
    const pages = await Promise.all([fetch(`${http.url}/`), fetch(`${http.url}/`), fetch(`${http.url}/accessibilite`)]);
    const nonces = pages.map(nonceOf);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const [i, page] of pages.entries()) {
      const html = await page.text();
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[i]}"`);
      // Inline event handlers cannot carry a nonce: there must be none.
      expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }
  });

  test("on a plain-http deployment there is no HSTS", async () => {
    for (const response of await responsesOf(http, http.url)) {
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });

  test("when the public URL is https, every response has HSTS for at least a year, subdomains included", async () => {
    for (const response of await responsesOf(https, HTTPS_ORIGIN)) {
      const hsts = response.headers.get("strict-transport-security");
      expect(hsts, `${response.url} ${response.status}`).toMatch(/max-age=\d+/);
      const maxAge = Number(/max-age=(\d+)/.exec(hsts!)?.[1]);
      expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toMatch(/includeSubDomains/i);
      expect(directives(response.headers.get("content-security-policy")!).has("upgrade-insecure-requests")).toBe(true);
    }
  });
});
