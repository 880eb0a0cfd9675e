import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { BlobStoreConfigError, readBlobStoreEnv, type BlobStoreSettings } from "./blobs/settings";
import { embeddedDatabaseUrl } from "./postgres.server";

// Every setting the portal reads from its environment, validated once at start.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().url({ message: "PUBLIC_URL doit être une URL complète, par exemple https://kits.example.gouv.fr" }).optional(),
  ),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "DATABASE_URL doit commencer par postgres:// ou postgresql://" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  BLOB_DIR: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: "SMTP_URL doit commencer par smtp:// ou smtps://" })
    .optional(),
  MAIL_FROM: z.string().default("Kits d'inclusion numérique <ne-pas-repondre@kits-inclusion.example.gouv.fr>"),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  DEMO_MODE: z.enum(["auto", "on", "off"]).default("auto"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const trust = parseTrustProxy(value);
      if (trust === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            "doit être le nombre de relais devant le portail (par exemple 1), ou des adresses et réseaux séparés par des virgules (par exemple loopback ou 10.0.0.0/8) ; « true » laisserait chaque client choisir son adresse",
        });
        return z.NEVER;
      }
      return trust;
    }),
});

/** Which proxies may tell the client's address (X-Forwarded-For): none, the nearest N hops, or these addresses. */
export type TrustProxy = false | number | string[];

const proxyPresets = new Set(["loopback", "linklocal", "uniquelocal"]);

/** TRUST_PROXY's value for Express's "trust proxy", or null when it is not one we accept. */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return false;
  if (/^[0-9]{1,2}$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (proxyPresets.has(entry)) return true;
    const [address, bits, ...rest] = entry.split("/");
    if (rest.length || !isIP(address)) return false;
    return bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
  });
  return valid ? entries : null;
}

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: URL;
  /** PUBLIC_URL was set: then it is the only origin accepted for state-changing requests. */
  publicUrlConfigured: boolean;
  secureCookies: boolean;
  trustProxy: TrustProxy;
  databaseUrl: string;
  databasePoolSize: number;
  embeddedDatabase: { dataDir: string; port: number } | null;
  blobDir: string;
  /** BLOB_STORE=fs (default, under blobDir) or s3 with the S3_* variables. */
  blobStore: BlobStoreSettings;
  smtpUrl: string | null;
  mailFrom: string;
  runWorkerInline: boolean;
  // A request unanswered after this long while PostgreSQL does not answer gets the 503 page.
  requestTimeoutMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  // Demo conveniences (TOTP codes of demo accounts shown on the login page): only on the embedded database.
  demo: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  defaults: string[];
};

export class ConfigError extends Error {}

// zod's own messages are English; whoever starts the portal reads French.
const frenchErrors: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.expected === "integer") return { message: "doit être un nombre entier" };
      if (issue.expected === "number") return { message: "doit être un nombre" };
      return { message: `doit être du type ${issue.expected}` };
    case z.ZodIssueCode.too_small:
      return { message: `doit valoir au moins ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      return { message: `doit valoir au plus ${issue.maximum}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `doit valoir ${issue.options.map((o) => `« ${String(o)} »`).join(" ou ")}` };
    case z.ZodIssueCode.invalid_string:
      return { message: "n'a pas le format attendu" };
    default:
      return { message: ctx.defaultError };
  }
};

// Values that may hold credentials are never repeated in messages or logs.
const secretVariables = new Set(["DATABASE_URL", "SMTP_URL"]);

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env, { errorMap: frenchErrors });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const value = env[name];
      const received = value === undefined || secretVariables.has(name) ? "" : ` (valeur reçue : « ${value} »)`;
      return `  - ${name} : ${issue.message}${received}`;
    });
    throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const defaults: string[] = [];
  const dataDir = path.resolve(e.DATA_DIR);

  const embedded = e.DATABASE_URL ? null : { dataDir: path.join(dataDir, "postgres"), port: e.EMBEDDED_PG_PORT };
  if (embedded) defaults.push(`base de données : PostgreSQL embarqué dans ${embedded.dataDir}`);
  if (embedded && env.EMBEDDED_PG_PORT === undefined) defaults.push(`port de la base embarquée : ${embedded.port}`);
  const databaseUrl = e.DATABASE_URL ?? embeddedDatabaseUrl(e.EMBEDDED_PG_PORT, "kits");

  if (!e.PUBLIC_URL) defaults.push(`adresse publique : celle qu'utilise le navigateur (liens des courriels : http://localhost:${e.PORT})`);
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);

  const blobDir = path.resolve(e.BLOB_DIR ?? path.join(dataDir, "blobs"));
  let blobStore: BlobStoreSettings;
  try {
    blobStore = readBlobStoreEnv(env, blobDir);
  } catch (error) {
    if (error instanceof BlobStoreConfigError) throw new ConfigError(error.message);
    throw error;
  }
  if (blobStore.driver === "fs" && !e.BLOB_DIR) defaults.push(`fichiers : système de fichiers local dans ${blobDir}`);
  if (!e.SMTP_URL) defaults.push("courriels : conservés dans la boîte d'envoi, lisible par les gestionnaires (/admin/courriels)");

  const demo = e.DEMO_MODE === "auto" ? embedded !== null : e.DEMO_MODE === "on";
  if (demo && e.DATABASE_URL) {
    throw new ConfigError(
      "Configuration invalide :\n  - DEMO_MODE : le mode démonstration n'est permis qu'avec la base embarquée (sans DATABASE_URL)",
    );
  }

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    publicUrlConfigured: e.PUBLIC_URL !== undefined,
    secureCookies: publicUrl.protocol === "https:",
    trustProxy: e.TRUST_PROXY,
    databaseUrl,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    embeddedDatabase: embedded,
    blobDir,
    blobStore,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    runWorkerInline: e.WORKER === "inline",
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    demo,
    logLevel: e.LOG_LEVEL,
    defaults,
  };
}

let current: Config | undefined;

/** The process's configuration, read from the environment on first use. */
export function config(): Config {
  current ??= parseConfig(process.env);
  return current;
}
