import { z } from "zod";
import type { S3Settings } from "./s3-blob-store.server";

export type BlobStoreSettings = { driver: "fs"; root: string } | { driver: "s3"; s3: S3Settings };

const flag = z.enum(["true", "false", "1", "0"], { message: "doit valoir true ou false" }).transform((value) => value === "true" || value === "1");
const milliseconds = z.coerce.number({ message: "doit être un nombre de millisecondes" }).int().min(1).max(600_000);

// Read and validated with the rest of the configuration (app/infra/config.server.ts).
const blobStoreEnvSchema = z.discriminatedUnion("BLOB_STORE", [
  z.object({ BLOB_STORE: z.literal("fs") }),
  z.object({
    BLOB_STORE: z.literal("s3"),
    S3_ENDPOINT: z.string().url({ message: "doit être une URL complète, par exemple https://s3.fr-par.scw.cloud" }).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_BUCKET: z.string({ message: "est obligatoire avec BLOB_STORE=s3" }).min(3, { message: "est obligatoire avec BLOB_STORE=s3" }),
    S3_ACCESS_KEY_ID: z.string({ message: "est obligatoire avec BLOB_STORE=s3" }).min(1),
    S3_SECRET_ACCESS_KEY: z.string({ message: "est obligatoire avec BLOB_STORE=s3" }).min(1),
    S3_FORCE_PATH_STYLE: flag.optional(),
    S3_CONNECTION_TIMEOUT_MS: milliseconds.optional(),
    S3_REQUEST_TIMEOUT_MS: milliseconds.optional(),
  }),
]);

export class BlobStoreConfigError extends Error {}

/**
 * Which blob store the environment asks for: BLOB_STORE=fs (the default, under config().blobDir)
 * or BLOB_STORE=s3 with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and optionally
 * S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, S3_CONNECTION_TIMEOUT_MS, S3_REQUEST_TIMEOUT_MS.
 */
export function readBlobStoreEnv(env: Record<string, string | undefined>, fsRoot: string): BlobStoreSettings {
  const parsed = blobStoreEnvSchema.safeParse({ ...env, BLOB_STORE: env.BLOB_STORE || "fs" });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")} : ${issue.message}`);
    throw new BlobStoreConfigError(`Configuration du stockage des fichiers invalide :\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.BLOB_STORE === "fs") return { driver: "fs", root: fsRoot };
  return {
    driver: "s3",
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      // Most S3-compatible endpoints other than AWS want path-style addressing.
      forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
      connectionTimeoutMs: e.S3_CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: e.S3_REQUEST_TIMEOUT_MS,
    },
  };
}
