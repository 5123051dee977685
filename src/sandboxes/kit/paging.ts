/**
 * Paging styles platforms use, each as a parser (query → request or a parameter error) and a
 * renderer (slice + headers or body fields). Cursor styles keep their own state and are added
 * beside these when a platform needs them.
 */
export type Query = Readonly<Record<string, unknown>>;

export type PageParse<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly param: string; readonly message: string };

export interface PageLimits {
  readonly defaultPerPage: number;
  readonly maxPerPage: number;
}

function integerParam(query: Query, name: string): number | null | "invalid" {
  const raw = query[name];
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return typeof raw === "string" && Number.isInteger(n) ? n : "invalid";
}

/** `page` (1-based) and `per_page`, with the bounds WordPress REST validates. */
export interface PagePerPage {
  readonly page: number;
  readonly perPage: number;
}

export function parsePagePerPage(query: Query, limits: PageLimits): PageParse<PagePerPage> {
  const perPage = integerParam(query, "per_page") ?? limits.defaultPerPage;
  if (perPage === "invalid" || perPage < 1 || perPage > limits.maxPerPage) {
    return {
      ok: false,
      param: "per_page",
      message: `per_page must be between 1 (inclusive) and ${limits.maxPerPage} (inclusive)`,
    };
  }
  const page = integerParam(query, "page") ?? 1;
  if (page === "invalid" || page < 1) {
    return { ok: false, param: "page", message: "page must be greater than or equal to 1" };
  }
  return { ok: true, value: { page, perPage } };
}

export function pageSlice<T>(items: readonly T[], request: PagePerPage): T[] {
  const start = (request.page - 1) * request.perPage;
  return items.slice(start, start + request.perPage);
}

export function totalPages(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

function withPage(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set("page", String(page));
  return url.toString();
}

/**
 * WordPress REST paging headers: `X-WP-Total`, `X-WP-TotalPages` and a `Link` header with
 * `rel="first"`, `"prev"`, `"next"`, `"last"` pointing at the same query with another page.
 */
export function wordpressPagingHeaders(
  requestUrl: URL,
  total: number,
  request: PagePerPage,
): Record<string, string> {
  const pages = totalPages(total, request.perPage);
  const links: string[] = [];
  if (pages > 0) links.push(`<${withPage(requestUrl, 1)}>; rel="first"`);
  if (request.page > 1)
    links.push(`<${withPage(requestUrl, Math.min(request.page - 1, pages))}>; rel="prev"`);
  if (request.page < pages) links.push(`<${withPage(requestUrl, request.page + 1)}>; rel="next"`);
  if (pages > 0) links.push(`<${withPage(requestUrl, pages)}>; rel="last"`);
  const headers: Record<string, string> = { "X-WP-Total": String(total), "X-WP-TotalPages": String(pages) };
  if (links.length > 0) headers.Link = links.join(", ");
  return headers;
}

/** `meta.pagination` in the body (BigCommerce v3 and other JSON:API-ish platforms). */
export interface MetaPagination {
  readonly total: number;
  readonly count: number;
  readonly per_page: number;
  readonly current_page: number;
  readonly total_pages: number;
  readonly links: { readonly previous?: string; readonly current: string; readonly next?: string };
}

export function metaPagination(
  total: number,
  count: number,
  request: PagePerPage,
  pageParam = "page",
): MetaPagination {
  const pages = totalPages(total, request.perPage);
  const link = (page: number) => `?${pageParam}=${page}&limit=${request.perPage}`;
  return {
    total,
    count,
    per_page: request.perPage,
    current_page: request.page,
    total_pages: pages,
    links: {
      ...(request.page > 1 ? { previous: link(request.page - 1) } : {}),
      current: link(request.page),
      ...(request.page < pages ? { next: link(request.page + 1) } : {}),
    },
  };
}

/** `page` + `limit` (BigCommerce v3 spells per_page as `limit`). */
export function parsePageLimit(query: Query, limits: PageLimits): PageParse<PagePerPage> {
  const limit = integerParam(query, "limit") ?? limits.defaultPerPage;
  if (limit === "invalid" || limit < 1 || limit > limits.maxPerPage) {
    return { ok: false, param: "limit", message: `limit must be between 1 and ${limits.maxPerPage}` };
  }
  const page = integerParam(query, "page") ?? 1;
  if (page === "invalid" || page < 1) return { ok: false, param: "page", message: "page must be 1 or more" };
  return { ok: true, value: { page, perPage: limit } };
}

/** `offset` + `limit`, zero-based. */
export interface OffsetLimit {
  readonly offset: number;
  readonly limit: number;
}

export function parseOffsetLimit(query: Query, limits: PageLimits): PageParse<OffsetLimit> {
  const limit = integerParam(query, "limit") ?? limits.defaultPerPage;
  if (limit === "invalid" || limit < 1 || limit > limits.maxPerPage) {
    return { ok: false, param: "limit", message: `limit must be between 1 and ${limits.maxPerPage}` };
  }
  const offset = integerParam(query, "offset") ?? 0;
  if (offset === "invalid" || offset < 0)
    return { ok: false, param: "offset", message: "offset must be 0 or more" };
  return { ok: true, value: { offset, limit } };
}

export function offsetSlice<T>(items: readonly T[], request: OffsetLimit): T[] {
  return items.slice(request.offset, request.offset + request.limit);
}
