// How every list reads its page number and its search box from a hand-editable address.
import { describe, expect, test } from "vitest";
import { containsPattern, offsetOf, pageNumber, paged, searchText } from "~/infra/paging";

describe("a list's query string", () => {
  test("anything that is not a page number means the first page", () => {
    for (const value of ["0", "-1", "abc", "\u0000", "2.5", "99999999999", "", "__proto__", "1 OR 1=1", undefined, null, {}])
      expect(pageNumber.parse(value), JSON.stringify(value)).toBe(1);
    expect(pageNumber.parse("7")).toBe(7);
    expect(pageNumber.parse("1e3")).toBe(1000);
  });

  test("a search is trimmed; empty, missing or too long, it is no search", () => {
    expect(searchText.parse("  Médiathèque  ")).toBe("Médiathèque");
    for (const value of ["", "   ", undefined, null, 42, "x".repeat(101)]) expect(searchText.parse(value), String(value)).toBeNull();
  });

  test("a page past the end is empty but knows how many pages there are", () => {
    expect(paged([], 120, 9, 50)).toEqual({ items: [], total: 120, page: 9, pageSize: 50, pageCount: 3 });
    expect(paged([], 0, 1, 50).pageCount).toBe(1);
    expect(offsetOf(3, 50)).toBe(100);
  });

  test("a search's own wildcards are text", () => {
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
