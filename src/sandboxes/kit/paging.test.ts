import { describe, expect, it } from "vitest";
import {
  metaPagination,
  offsetSlice,
  pageSlice,
  parseOffsetLimit,
  parsePagePerPage,
  wordpressPagingHeaders,
} from "./paging.ts";

const LIMITS = { defaultPerPage: 10, maxPerPage: 100 };

describe("page / per_page (WordPress REST)", () => {
  it("defaults, bounds and WordPress's message for per_page", () => {
    expect(parsePagePerPage({}, LIMITS)).toEqual({ ok: true, value: { page: 1, perPage: 10 } });
    expect(parsePagePerPage({ per_page: "101" }, LIMITS)).toEqual({
      ok: false,
      param: "per_page",
      message: "per_page must be between 1 (inclusive) and 100 (inclusive)",
    });
    expect(parsePagePerPage({ page: "0" }, LIMITS)).toMatchObject({ ok: false, param: "page" });
    expect(parsePagePerPage({ per_page: "abc" }, LIMITS)).toMatchObject({ ok: false, param: "per_page" });
  });

  it("slices a page and links first, prev, next and last with the rest of the query kept", () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const request = { page: 2, perPage: 10 };
    expect(pageSlice(items, request)).toEqual(items.slice(10, 20));
    const headers = wordpressPagingHeaders(
      new URL("http://h/wp-json/wc/v3/products?per_page=10&page=2&sku=A"),
      23,
      request,
    );
    expect(headers["X-WP-Total"]).toBe("23");
    expect(headers["X-WP-TotalPages"]).toBe("3");
    const links = Object.fromEntries(
      (headers.Link ?? "").split(", ").map((part) => {
        const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
        return [rel, new URL(url as string).searchParams.get("page")];
      }),
    );
    expect(links).toEqual({ first: "1", prev: "1", next: "3", last: "3" });
    expect(headers.Link).toContain("sku=A");
  });

  it("has no prev on the first page, no next on the last, and no Link for an empty list", () => {
    const first = wordpressPagingHeaders(new URL("http://h/x"), 5, { page: 1, perPage: 10 });
    expect(first.Link).not.toContain('rel="prev"');
    expect(first.Link).not.toContain('rel="next"');
    expect(wordpressPagingHeaders(new URL("http://h/x"), 0, { page: 1, perPage: 10 }).Link).toBeUndefined();
  });
});

describe("meta.pagination and offset/limit", () => {
  it("describes the page in the body", () => {
    expect(metaPagination(23, 10, { page: 2, perPage: 10 })).toEqual({
      total: 23,
      count: 10,
      per_page: 10,
      current_page: 2,
      total_pages: 3,
      links: { previous: "?page=1&limit=10", current: "?page=2&limit=10", next: "?page=3&limit=10" },
    });
  });

  it("reads offset and limit", () => {
    const parsed = parseOffsetLimit({ offset: "5", limit: "2" }, LIMITS);
    expect(parsed).toEqual({ ok: true, value: { offset: 5, limit: 2 } });
    expect(offsetSlice([0, 1, 2, 3, 4, 5, 6, 7], { offset: 5, limit: 2 })).toEqual([5, 6]);
    expect(parseOffsetLimit({ limit: "500" }, LIMITS)).toMatchObject({ ok: false, param: "limit" });
  });
});
