import { singleton } from "./singleton.server";

// Public pages are the same for every anonymous visitor: each process keeps the last rendering of
// each one for a second, so a burst of visitors costs one render, not one per request. When that
// second is over, one request renders the page again while the others still get the last copy
// (for RENDER_GRACE_MS at most): otherwise every visitor arriving during a heavy page's render
// would render it too. The stored copy is cut where the CSP nonce was, and each response gets its
// own, fresh. While the database is known to be down, nothing is served from here
// (docs/decisions/007-public-pages-during-outage.md).

const TTL_MS = 1000;
const RENDER_GRACE_MS = 5000;

/** A stored rendering: its bytes cut where the nonce goes, so that each response only joins them. */
type Entry = { pieces: Buffer[]; etag: string; expires: number };

/** The page's bytes with this response's nonce. */
export function withNonce(entry: Pick<Entry, "pieces">, nonce: string): Buffer {
  const glue = Buffer.from(nonce);
  return Buffer.concat(entry.pieces.flatMap((piece, i) => (i === 0 ? [piece] : [glue, piece])));
}

class PublicPageCache {
  private entries = new Map<string, Entry>();
  /** Pages being rendered again by one request, and since when. */
  private rendering = new Map<string, number>();
  private nextSweep = 0;

  /**
   * The copy to serve, or null when this request is to render the page: there is no copy, or it
   * is over its second and nobody is rendering it yet (this request is then counted as doing so,
   * until `set` or `renderEnded`).
   */
  take(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const now = Date.now();
    if (now < entry.expires) return entry;
    if (now >= entry.expires + RENDER_GRACE_MS) {
      this.entries.delete(key);
      return null;
    }
    const since = this.rendering.get(key);
    if (since !== undefined && now - since < RENDER_GRACE_MS) return entry;
    this.rendering.set(key, now);
    return null;
  }

  set(key: string, html: string, nonce: string, etag: string) {
    this.sweep();
    this.rendering.delete(key);
    const pieces = (nonce ? html.split(nonce) : [html]).map((piece) => Buffer.from(piece));
    this.entries.set(key, { pieces, etag, expires: Date.now() + TTL_MS });
  }

  /** The request that was rendering `key` is over, whether or not it left a copy (an error, a 404). */
  renderEnded(key: string) {
    this.rendering.delete(key);
  }

  // Old copies go as new ones come in: the cache holds a few seconds of renderings at most,
  // whatever query strings visitors make up.
  private sweep() {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + TTL_MS;
    for (const [key, entry] of this.entries) if (entry.expires + RENDER_GRACE_MS <= now) this.entries.delete(key);
    for (const [key, since] of this.rendering) if (since + RENDER_GRACE_MS <= now) this.rendering.delete(key);
  }

  /** How many renderings it holds. */
  get size() {
    return this.entries.size;
  }

  /** After a change made through this process, nothing stale is served even for that second. */
  clear() {
    this.entries.clear();
    this.rendering.clear();
    this.nextSweep = 0;
  }
}

export const publicPageCache = singleton("public-page-cache", () => new PublicPageCache());

/** Whether a request carries a session cookie (either name): signed-in pages are never shared. */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return /(?:^|;\s*)(?:__Host-)?kits_session=/.test(cookieHeader ?? "");
}
