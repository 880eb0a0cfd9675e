import { afterEach, describe, expect, test, vi } from "vitest";
import { publicPageCache, withNonce } from "~/infra/page-cache.server";

afterEach(() => {
  publicPageCache.clear();
  vi.useRealTimers();
});

describe("public page cache", () => {
  test("a copy is served for one second, with its nonce left out", () => {
    vi.useFakeTimers();
    publicPageCache.set("/concours", '<script nonce="n0nce"></script><script nonce="n0nce">é', "n0nce", 'W/"e"');
    const copy = publicPageCache.take("/concours")!;
    expect(copy.etag).toBe('W/"e"');
    expect(copy.pieces.join("")).not.toContain("n0nce");
    expect(withNonce(copy, "fr4iche").toString()).toBe('<script nonce="fr4iche"></script><script nonce="fr4iche">é');
    vi.advanceTimersByTime(999);
    expect(publicPageCache.take("/concours")).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(publicPageCache.take("/concours")).toBeNull();
  });

  test("past its second, one request renders the page again while the others get the last copy", () => {
    vi.useFakeTimers();
    publicPageCache.set("/laureats", "<p>avant", "", 'W/"avant"');
    vi.advanceTimersByTime(1500);
    expect(publicPageCache.take("/laureats")).toBeNull();
    for (let i = 0; i < 50; i++) expect(publicPageCache.take("/laureats")?.etag).toBe('W/"avant"');
    publicPageCache.set("/laureats", "<p>après", "", 'W/"après"');
    expect(publicPageCache.take("/laureats")?.etag).toBe('W/"après"');
  });

  test("a render that leaves no copy (an error, a 404) lets the next request render", () => {
    vi.useFakeTimers();
    publicPageCache.set("/concours", "<p>", "", 'W/"e"');
    vi.advanceTimersByTime(1500);
    expect(publicPageCache.take("/concours")).toBeNull();
    expect(publicPageCache.take("/concours")).not.toBeNull();
    publicPageCache.renderEnded("/concours");
    expect(publicPageCache.take("/concours")).toBeNull();
  });

  test("the last copy is not served for ever: not past five seconds, nor after a change through this process", () => {
    vi.useFakeTimers();
    publicPageCache.set("/catalogue", "<p>", "", 'W/"e"');
    vi.advanceTimersByTime(1500);
    expect(publicPageCache.take("/catalogue")).toBeNull();
    // The render in progress hangs: its copy stays the answer until the grace ends, then everyone renders.
    vi.advanceTimersByTime(3000);
    expect(publicPageCache.take("/catalogue")).not.toBeNull();
    vi.advanceTimersByTime(1500);
    expect(publicPageCache.take("/catalogue")).toBeNull();
    expect(publicPageCache.take("/catalogue")).toBeNull();

    publicPageCache.set("/", "<p>", "", 'W/"e"');
    vi.advanceTimersByTime(1500);
    expect(publicPageCache.take("/")).toBeNull();
    publicPageCache.clear();
    expect(publicPageCache.take("/")).toBeNull();
    expect(publicPageCache.take("/")).toBeNull();
  });

  test("addresses made up by visitors do not pile up: only a few seconds of renderings are kept", () => {
    vi.useFakeTimers();
    for (let i = 0; i < 1000; i++) publicPageCache.set(`/?page=${i}`, "<p>", "", 'W/"e"');
    vi.advanceTimersByTime(6000);
    publicPageCache.set("/", "<p>", "", 'W/"e"');
    expect(publicPageCache.size).toBe(1);
  });
});
