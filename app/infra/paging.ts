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

export type Paged<T> = { items: T[]; total: number; page: number; pageCount: number; pageSize: number };

export function paged<T>(items: T[], total: number, page: number, pageSize: number): Paged<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** A LIKE pattern that matches `text` anywhere, with the pattern's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
