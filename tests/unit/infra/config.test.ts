import path from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "~/infra/config.server";

function refusal(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`configuration acceptée à tort : ${JSON.stringify(env)}`);
}

describe("configuration", () => {
  test("an empty environment starts on the embedded defaults, and lists each of them", () => {
    const cfg = parseConfig({});
    const dataDir = path.resolve(".data");
    expect(cfg.embeddedDatabase).toEqual({ dataDir: path.join(dataDir, "postgres"), port: 5433 });
    expect(cfg.databaseUrl).toBe("postgres://postgres:postgres@127.0.0.1:5433/kits?host=%2Ftmp");
    expect(cfg.port).toBe(3000);
    expect(cfg.publicUrl.href).toBe("http://localhost:3000/");
    expect(cfg.blobDir).toBe(path.join(dataDir, "blobs"));
    expect(cfg.smtpUrl).toBeNull();
    expect(cfg.runWorkerInline).toBe(true);
    expect(cfg.demo).toBe(true);
    expect(cfg.sessionIdleMs).toBe(120 * 60_000);
    expect(cfg.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(cfg.defaults).toEqual([
      `base de données : PostgreSQL embarqué dans ${path.join(dataDir, "postgres")}`,
      "port de la base embarquée : 5433",
      "adresse publique : celle qu'utilise le navigateur (liens des courriels : http://localhost:3000)",
      `fichiers : système de fichiers local dans ${path.join(dataDir, "blobs")}`,
      "courriels : conservés dans la boîte d'envoi, lisible par les gestionnaires (/admin/courriels)",
    ]);
  });

  test("every value set explicitly is used and no longer listed as a default", () => {
    const cfg = parseConfig({
      DATABASE_URL: "postgres://kits:secret@db.internal:5432/kits",
      PUBLIC_URL: "https://kits.example.gouv.fr",
      BLOB_DIR: "/srv/kits/blobs",
      SMTP_URL: "smtp://relay.internal:25",
      PORT: "8080",
      WORKER: "off",
      SESSION_IDLE_MINUTES: "30",
      SESSION_ABSOLUTE_HOURS: "8",
    });
    expect(cfg.embeddedDatabase).toBeNull();
    expect(cfg.databaseUrl).toBe("postgres://kits:secret@db.internal:5432/kits");
    expect(cfg.blobDir).toBe("/srv/kits/blobs");
    expect(cfg.smtpUrl).toBe("smtp://relay.internal:25");
    expect(cfg.port).toBe(8080);
    expect(cfg.runWorkerInline).toBe(false);
    expect(cfg.sessionIdleMs).toBe(30 * 60_000);
    expect(cfg.sessionAbsoluteMs).toBe(8 * 3_600_000);
    expect(cfg.defaults).toEqual([]);
  });

  test("a bad value is refused with a French message naming the variable and what it received", () => {
    expect(refusal({ PORT: "trois-mille" })).toBe("Configuration invalide :\n  - PORT : doit être un nombre (valeur reçue : « trois-mille »)");
    expect(refusal({ PORT: "70000" })).toContain("PORT : doit valoir au plus 65535");
    expect(refusal({ DATABASE_POOL_SIZE: "0" })).toContain("DATABASE_POOL_SIZE : doit valoir au moins 1");
    expect(refusal({ SESSION_IDLE_MINUTES: "1.5" })).toContain("SESSION_IDLE_MINUTES : doit être un nombre entier");
    expect(refusal({ WORKER: "yes" })).toContain("WORKER : doit valoir « inline » ou « off » (valeur reçue : « yes »)");
    expect(refusal({ LOG_LEVEL: "verbose" })).toContain("LOG_LEVEL : doit valoir « debug » ou « info » ou « warn » ou « error »");
    expect(refusal({ PUBLIC_URL: "kits.gouv.fr" })).toContain("PUBLIC_URL : PUBLIC_URL doit être une URL complète");
    expect(refusal({ SMTP_URL: "mail.example.fr" })).toContain("SMTP_URL : SMTP_URL doit commencer par smtp:// ou smtps://");
  });

  test("every bad value is named at once, not only the first", () => {
    const message = refusal({ PORT: "x", WORKER: "y", EMBEDDED_PG_PORT: "0" });
    expect(message).toMatch(/- PORT :/);
    expect(message).toMatch(/- WORKER :/);
    expect(message).toMatch(/- EMBEDDED_PG_PORT :/);
    expect(message).not.toMatch(/Expected|Invalid|received/);
  });

  test("a database URL, which may hold a password, is never repeated in the message", () => {
    const message = refusal({ DATABASE_URL: "mysql://kits:motdepasse-secret@db/kits" });
    expect(message).toContain("DATABASE_URL : DATABASE_URL doit commencer par postgres:// ou postgresql://");
    expect(message).not.toContain("motdepasse-secret");
  });

  test("demo mode is refused with DATABASE_URL, and off by default there", () => {
    expect(refusal({ DATABASE_URL: "postgres://db/kits", DEMO_MODE: "on" })).toContain(
      "DEMO_MODE : le mode démonstration n'est permis qu'avec la base embarquée (sans DATABASE_URL)",
    );
    expect(parseConfig({ DATABASE_URL: "postgres://db/kits" }).demo).toBe(false);
    expect(parseConfig({ DATABASE_URL: "postgres://db/kits", DEMO_MODE: "off" }).demo).toBe(false);
    expect(parseConfig({ DEMO_MODE: "off" }).demo).toBe(false);
    expect(parseConfig({}).demo).toBe(true);
  });

  test("cookies are Secure exactly when the public URL is https", () => {
    expect(parseConfig({ PUBLIC_URL: "https://kits.example.gouv.fr" }).secureCookies).toBe(true);
    expect(parseConfig({ PUBLIC_URL: "http://kits.example.gouv.fr" }).secureCookies).toBe(false);
    expect(parseConfig({}).secureCookies).toBe(false);
  });

  test("the embedded database follows DATA_DIR and EMBEDDED_PG_PORT", () => {
    const cfg = parseConfig({ DATA_DIR: "/var/lib/kits", EMBEDDED_PG_PORT: "5599" });
    expect(cfg.embeddedDatabase).toEqual({ dataDir: "/var/lib/kits/postgres", port: 5599 });
    expect(cfg.databaseUrl).toBe("postgres://postgres:postgres@127.0.0.1:5599/kits?host=%2Ftmp");
    expect(cfg.blobDir).toBe("/var/lib/kits/blobs");
  });

  test("an EMBEDDED_PG_PORT that was set is not logged as a default", () => {
    const defaults = parseConfig({ EMBEDDED_PG_PORT: "5599" }).defaults.join("\n");
    expect(defaults).toContain("PostgreSQL embarqué");
    expect(defaults).not.toContain("5599");
    expect(defaults).not.toContain("port de la base embarquée");
  });
});

describe("TRUST_PROXY", () => {
  test("by default no proxy is trusted: the client's address is the socket's", () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: "" }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
  });

  test("a number of hops (a PaaS router) or addresses and networks (a reverse proxy) are taken", () => {
    expect(parseConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: "loopback" }).trustProxy).toEqual(["loopback"]);
    expect(parseConfig({ TRUST_PROXY: "10.0.0.0/8, 192.0.2.7, ::1" }).trustProxy).toEqual(["10.0.0.0/8", "192.0.2.7", "::1"]);
  });

  test.each(["true", "*", "10.0.0.0/33", "proxy.example", "1,2", "-1"])("%j is refused with a French message naming the variable", (value) => {
    expect(() => parseConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY : doit être le nombre de relais/);
  });
});
