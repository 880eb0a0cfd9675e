// Cross-site request forgery: a state-changing request is served only when its Origin is the portal's own.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startTestServer, type AppProcess, type TestServer } from "../../support/server";

const HTTPS_ORIGIN = "https://kits.example.gouv.fr";
const REFUSAL = "Requête refusée : elle ne provient pas du portail.";

let http: TestServer;
let https: TestServer;
let unconfigured: AppProcess;

beforeAll(async () => {
  [http, https, unconfigured] = await Promise.all([
    startTestServer(inject("pgAdminUrl")),
    startTestServer(inject("pgAdminUrl"), { PUBLIC_URL: HTTPS_ORIGIN }),
    startTestServer(inject("pgAdminUrl"), { PUBLIC_URL: "" }),
  ]);
});
afterAll(async () => {
  await Promise.all([http?.stop(), https?.stop(), unconfigured?.stop()]);
});

// Real forms of the portal, and an address that does not exist.
const targets = ["/connexion", "/inscription", "/deconnexion", "/mot-de-passe-oublie", "/", "/adresse-inconnue"];
const form = { "Content-Type": "application/x-www-form-urlencoded" };

async function post(server: TestServer, path: string, headers: Record<string, string>, method = "POST") {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...form, ...headers },
    body: "email=victime%40example.fr",
    redirect: "manual",
  });
  return { status: response.status, body: await response.text() };
}

describe("foreign origins", () => {
  test("a POST from another site is refused with 403 and a French message", async () => {
    for (const path of targets) {
      const answer = await post(http, path, { Origin: "https://attaquant.example" });
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).toContain(REFUSAL);
    }
  });

  test("a POST without Origin is refused, even with a Referer from the portal", async () => {
    for (const path of targets) {
      expect((await post(http, path, {})).status, path).toBe(403);
      expect((await post(http, path, { Referer: `${http.url}/connexion` })).status, path).toBe(403);
    }
  });

  test("look-alike origins are refused: other port, other scheme, subdomain, opaque origin", async () => {
    const own = new URL(http.url);
    const lookAlikes = [
      `http://localhost:${Number(own.port) + 1}`,
      `https://localhost:${own.port}`,
      `http://evil.localhost:${own.port}`,
      `${http.url}.attaquant.example`,
      "null",
    ];
    for (const origin of lookAlikes) {
      expect((await post(http, "/connexion", { Origin: origin })).status, origin).toBe(403);
    }
  });

  test("PUT, PATCH and DELETE are guarded like POST", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const answer = await post(http, "/connexion", { Origin: "https://attaquant.example" }, method);
      expect(answer.status, method).toBe(403);
      expect(answer.body, method).toContain(REFUSAL);
    }
  });

  test("a POST from the portal's own origin passes the guard", async () => {
    for (const path of targets) {
      const answer = await post(http, path, { Origin: http.url });
      expect(answer.status, path).not.toBe(403);
      expect(answer.body, path).not.toContain(REFUSAL);
    }
  });

  test("behind https, only the public https origin is accepted, not the address the process listens on", async () => {
    expect((await post(https, "/connexion", { Origin: https.url })).status).toBe(403);
    const own = await post(https, "/connexion", { Origin: HTTPS_ORIGIN });
    expect(own.status).not.toBe(403);
    expect(own.body).not.toContain(REFUSAL);
  });

  test("a refusal is a French page that names the address to use", async () => {
    const answer = await post(http, "/connexion", { Origin: "https://attaquant.example" });
    expect(answer.body).toContain('<html lang="fr"');
    expect(answer.body).toContain(`Ouvrez le portail à cette adresse et recommencez`);
    expect(answer.body).toContain(`href="${http.url}/"`);
  });

  test("without PUBLIC_URL, the address the browser used is the portal's own: 127.0.0.1 and localhost alike", async () => {
    const port = unconfigured.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const response = await fetch(`http://${host}/connexion`, {
        method: "POST",
        headers: { ...form, Origin: `http://${host}` },
        body: "email=personne%40example.fr&password=mauvais",
        redirect: "manual",
      });
      expect(response.status, host).not.toBe(403);
      expect(await response.text(), host).not.toContain(REFUSAL);
    }
    // Another site is still refused: its Origin is not the Host the request was sent to.
    const foreign = await fetch(`http://127.0.0.1:${port}/connexion`, {
      method: "POST",
      headers: { ...form, Origin: "http://attaquant.example" },
      body: "email=personne%40example.fr",
      redirect: "manual",
    });
    expect(foreign.status).toBe(403);
  });
});
