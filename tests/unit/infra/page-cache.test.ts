import { afterEach, describe, expect, test, vi } from "vitest";
import { publicPageCache } from "~/infra/page-cache.server";

afterEach(() => {
  publicPageCache.clear();
  vi.useRealTimers();
});

describe("public page cache", () => {
  test("a copy is served for one second, with its nonce left out", () => {
    vi.useFakeTimers();
    publicPageCache.set("/concours", '<script nonce="n0nce">', "n0nce", 'W/"e"');
    expect(publicPageCache.get("/concours")).toMatchObject({ html: '<script nonce="%%kits-nonce%%">', etag: 'W/"e"' });
    vi.advanceTimersByTime(1000);
    expect(publicPageCache.get("/concours")).toBeNull();
  });

  test("addresses made up by visitors do not pile up: only about a second of renderings is kept", () => {
    vi.useFakeTimers();
    for (let i = 0; i < 1000; i++) publicPageCache.set(`/?page=${i}`, "<p>", "", 'W/"e"');
    vi.advanceTimersByTime(2000);
    publicPageCache.set("/", "<p>", "", 'W/"e"');
    expect(publicPageCache.size).toBe(1);
  });
});
