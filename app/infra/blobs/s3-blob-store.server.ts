import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Readable } from "node:stream";
import { assertValidKey, BlobNotFound, BlobStoreUnavailable, BlobTooLarge, MeteredStream, type BlobStore, type PutOptions } from "./blob-store";

export type S3Settings = {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** A hung endpoint must fail fast: the user gets a clear error and keeps their draft. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
};

export function s3BlobStore(settings: S3Settings): BlobStore {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    maxAttempts: 2,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectionTimeoutMs ?? 3_000,
      requestTimeout: settings.requestTimeoutMs ?? 30_000,
      // Without this the SDK only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    }),
  });
  const Bucket = settings.bucket;

  return {
    async put(key, body, options: PutOptions = {}) {
      assertValidKey(key);
      const meter = new MeteredStream(options.maxBytes);
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : Readable.from(body as AsyncIterable<Buffer>);
      source.on("error", (error) => meter.destroy(error));
      source.pipe(meter);
      // Multipart upload: parts are sent as they fill; an error aborts it, so no object appears.
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: meter, ContentType: options.contentType ?? "application/octet-stream" },
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        if (meter.destroyed && meter.errored instanceof BlobTooLarge) throw meter.errored;
        if (error instanceof BlobTooLarge) throw error;
        throw unavailable(error);
      }
      return { key, size: meter.bytesPassed, sha256: meter.digest() };
    },

    async get(key) {
      assertValidKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return object.Body as NodeJS.ReadableStream;
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFound(key);
        throw unavailable(error);
      }
    },

    async stat(key) {
      assertValidKey(key);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw unavailable(error);
      }
    },

    async delete(key) {
      assertValidKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (error) {
        throw unavailable(error);
      }
    },

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return true;
      } catch {
        return false;
      }
    },
  };
}

function isNotFound(error: unknown) {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

function unavailable(error: unknown) {
  return error instanceof BlobStoreUnavailable ? error : new BlobStoreUnavailable(error);
}
