import { z } from "zod";

// Listing pages (users, outbox, audit log) share one way of reading ?page= and of describing a page.

/** A page number from a query string: anything that is not a positive integer means the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** A list's search box from a query string: trimmed; null when empty, or longer than any name searched. */
export const searchText = z
  .string()
  .trim()
  .max(100)
  .transform((text) => text || null)
  .nullable()
  .catch(null)
  .default(null);

/** `more`: a bounded count stopped at `total` (see countBound): more rows match, the last page is not known. */
export type Paged<T> = { items: T[]; total: number; page: number; pageCount: number; pageSize: number; more?: boolean };

/** Given the `bound` its count stopped past (see countBound), a count above it reads as "more than `bound`". */
export function paged<T>(items: T[], total: number, page: number, pageSize: number, bound?: number): Paged<T> {
  const more = bound !== undefined && total > bound;
  const counted = more ? bound : total;
  return { items, total: counted, page, pageSize, pageCount: Math.max(1, Math.ceil(counted / pageSize)), ...(more ? { more } : {}) };
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** How many pages past the current one a bounded count reaches. */
export const COUNTED_PAGES = 20;

/**
 * Where a list's count may stop: the rows up to the current page and COUNTED_PAGES pages more.
 * Counting tens of thousands of rows on every request of a national queue costs more than the
 * page itself; nobody reads "50,000" differently from "more than 1,000". Count `bound + 1` rows at
 * most (`limit`) and give `bound` to `paged`.
 */
export function countBound(page: number, pageSize: number): number {
  return offsetOf(page, pageSize) + COUNTED_PAGES * pageSize;
}

/** A LIKE pattern that matches `text` anywhere, with the pattern's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
