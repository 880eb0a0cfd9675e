import { describe, expect, test } from "vitest";
import { acceptsGzip } from "~/open-data/download.server";

describe("acceptsGzip", () => {
  test.each([
    ["gzip", true],
    ["GZIP", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["x-gzip", true],
    ["*", true],
    ["deflate, *;q=0.5", true],
    ["gzip;q=0.001", true],
  ])("%s takes gzip", (header, expected) => expect(acceptsGzip(header)).toBe(expected));

  test.each([
    [null, false],
    ["", false],
    ["identity", false],
    ["br", false],
    ["gzip;q=0", false],
    ["gzip;q=0.0, br", false],
    ["*;q=0", false],
    ["deflate, *;q=0", false],
    ["gzip;q=pas-un-nombre", false],
  ])("%s does not", (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});
