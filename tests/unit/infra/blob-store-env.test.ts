import { describe, expect, test } from "vitest";
import { BlobStoreConfigError, readBlobStoreEnv } from "~/infra/blobs/index.server";

describe("blob store settings from the environment", () => {
  test("the local filesystem by default", () => {
    expect(readBlobStoreEnv({}, "/data/blobs")).toEqual({ driver: "fs", root: "/data/blobs" });
    expect(readBlobStoreEnv({ BLOB_STORE: "fs" }, "/data/blobs")).toEqual({ driver: "fs", root: "/data/blobs" });
  });

  test("S3 with its settings; path-style by default when an endpoint is given", () => {
    const settings = readBlobStoreEnv(
      {
        BLOB_STORE: "s3",
        S3_ENDPOINT: "https://s3.example.fr",
        S3_BUCKET: "kits",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_CONNECTION_TIMEOUT_MS: "2000",
      },
      "/unused",
    );
    expect(settings).toEqual({
      driver: "s3",
      s3: {
        endpoint: "https://s3.example.fr",
        region: "us-east-1",
        bucket: "kits",
        accessKeyId: "id",
        secretAccessKey: "secret",
        forcePathStyle: true,
        connectionTimeoutMs: 2000,
        requestTimeoutMs: undefined,
      },
    });
    expect(
      readBlobStoreEnv({ BLOB_STORE: "s3", S3_BUCKET: "kits", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "s", S3_REGION: "eu-west-3" }, "/u"),
    ).toMatchObject({
      s3: { endpoint: undefined, region: "eu-west-3", forcePathStyle: false },
    });
  });

  test("a missing or malformed setting is a clear French error naming it", () => {
    expect(() => readBlobStoreEnv({ BLOB_STORE: "s3" }, "/u")).toThrow(BlobStoreConfigError);
    expect(() => readBlobStoreEnv({ BLOB_STORE: "s3" }, "/u")).toThrow(/S3_BUCKET : est obligatoire avec BLOB_STORE=s3/);
    expect(() =>
      readBlobStoreEnv({ BLOB_STORE: "s3", S3_BUCKET: "kits", S3_ACCESS_KEY_ID: "i", S3_SECRET_ACCESS_KEY: "s", S3_ENDPOINT: "pas une url" }, "/u"),
    ).toThrow(/S3_ENDPOINT : doit être une URL complète/);
    expect(() => readBlobStoreEnv({ BLOB_STORE: "ftp" }, "/u")).toThrow(/BLOB_STORE/);
  });
});
