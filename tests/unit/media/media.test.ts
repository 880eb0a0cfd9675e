import { describe, expect, test } from "vitest";
import { derivativeSize, fileKeys } from "~/media/media";

describe("media shapes", () => {
  test("derivatives fit inside their box and are never enlarged", () => {
    expect(derivativeSize(4000, 3000, "large")).toEqual({ width: 1600, height: 1200 });
    expect(derivativeSize(3000, 4000, "medium")).toEqual({ width: 600, height: 800 });
    expect(derivativeSize(500, 250, "large")).toEqual({ width: 500, height: 250 });
    expect(derivativeSize(500, 250, "thumbnail")).toEqual({ width: 320, height: 160 });
    expect(derivativeSize(10_000, 10, "thumbnail")).toEqual({ width: 320, height: 1 });
  });

  test("keys are the server's own: proposal, file id, variant", () => {
    expect(fileKeys({ keyPrefix: "proposals" }, 12, 345)).toEqual({
      original: "proposals/12/345/original",
      large: "proposals/12/345/large.webp",
      medium: "proposals/12/345/medium.webp",
      thumbnail: "proposals/12/345/thumbnail.webp",
      clean: "proposals/12/345/clean.pdf",
    });
  });
});
