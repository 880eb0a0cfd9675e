import { singleton } from "./singleton.server";

// Public pages are the same for every anonymous visitor: each process keeps the last rendering of
// each one for a second, so a burst of visitors costs one render, not one per request. The CSP
// nonce is left out of the stored copy and put back, fresh, into every response. While the database
// is known to be down, nothing is served from here (docs/decisions/007-public-pages-during-outage.md).

export const NONCE_SLOT = "%%kits-nonce%%";
const TTL_MS = 1000;

type Entry = { html: string; etag: string; expires: number };

class PublicPageCache {
  private entries = new Map<string, Entry>();
  private nextSweep = 0;

  get(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, html: string, nonce: string, etag: string) {
    this.sweep();
    this.entries.set(key, { html: nonce ? html.replaceAll(nonce, NONCE_SLOT) : html, etag, expires: Date.now() + TTL_MS });
  }

  // Expired copies go as new ones come in: the cache holds about a second of renderings, whatever
  // query strings visitors make up.
  private sweep() {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + TTL_MS;
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
  }

  /** How many renderings it holds. */
  get size() {
    return this.entries.size;
  }

  /** After a change made through this process, nothing stale is served even for that second. */
  clear() {
    this.entries.clear();
  }
}

export const publicPageCache = singleton("public-page-cache", () => new PublicPageCache());

/** Whether a request carries a session cookie (either name): signed-in pages are never shared. */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return /(?:^|;\s*)(?:__Host-)?kits_session=/.test(cookieHeader ?? "");
}
