import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  metaPagination,
  type PageLimits,
  pageSlice,
  parsePageLimit,
  parsePagePerPage,
  wordpressPagingHeaders,
} from "./paging.ts";
import { type Query, lastValueQuery as query } from "./query.ts";

/**
 * Declarative resource routes: a platform states its resources as a table (collection path,
 * verbs, paging style, query filters, renderer) and the kit serves them. Anything a platform
 * does that a table cannot say (an extension switch, a ping on create) stays a hand-written route.
 */

/** A page parameter out of bounds, in the platform's error (WordPress 400, BigCommerce v3 422, …). */
export type ParamError = (param: string, message: string) => Error;

/** How a platform pages a collection: it parses the query and sends one page of rendered items. */
export interface PagingStyle {
  send<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    items: readonly T[],
    render: (item: T) => unknown,
  ): unknown;
}

/**
 * WordPress REST: `page` + `per_page`, a bare array with `X-WP-Total`, `X-WP-TotalPages` and a
 * `Link` header repeating the query (credentials left out, each name once) with another page.
 */
export function wordpressPaging(options: {
  readonly limits: PageLimits;
  readonly baseUrl: () => string;
  readonly hidden: (param: string) => boolean;
  readonly invalid: ParamError;
}): PagingStyle {
  return {
    send(request, reply, items, render) {
      const q = query(request);
      const parsed = parsePagePerPage(q, options.limits);
      if (!parsed.ok) throw options.invalid(parsed.param, parsed.message);
      const url = new URL(request.url.split("?")[0] as string, options.baseUrl());
      for (const [name, value] of Object.entries(q))
        if (value !== undefined && !options.hidden(name)) url.searchParams.set(name, value);
      reply.headers(wordpressPagingHeaders(url, items.length, parsed.value));
      return reply.send(pageSlice(items, parsed.value).map(render));
    },
  };
}

/** `page` + `limit`, answered as `{data, meta: {pagination}}` (BigCommerce v3 and JSON:API-ish APIs). */
export function metaPaging(options: {
  readonly limits: PageLimits;
  readonly invalid: ParamError;
}): PagingStyle {
  return {
    send(request, _reply, items, render) {
      const parsed = parsePageLimit(query(request), options.limits);
      if (!parsed.ok) throw options.invalid(parsed.param, parsed.message);
      const slice = pageSlice(items, parsed.value);
      return {
        data: slice.map(render),
        meta: { pagination: metaPagination(items.length, slice.length, parsed.value) },
      };
    },
  };
}

/**
 * `page` + `limit` over a bare array with no totals (BigCommerce v2): a `limit` above the
 * maximum is cut to it, and an empty page is `emptyStatus` with no body when one is given.
 */
export function plainPaging(options: {
  readonly limits: PageLimits;
  readonly invalid: ParamError;
  readonly emptyStatus?: number;
}): PagingStyle {
  const positive = (q: Query, name: string, fallback: number) => {
    const value = q[name];
    if (value === undefined || value === "") return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw options.invalid(name, `The field '${name}' is invalid.`);
    return n;
  };
  return {
    send(request, reply, items, render) {
      const q = query(request);
      const limit = Math.min(positive(q, "limit", options.limits.defaultPerPage), options.limits.maxPerPage);
      const page = positive(q, "page", 1);
      return unpaged(options.emptyStatus).send(
        request,
        reply,
        items.slice((page - 1) * limit, page * limit),
        render,
      );
    },
  };
}

/** The whole collection as a bare array; an empty one is `emptyStatus` with no body when given. */
export function unpaged(emptyStatus?: number): PagingStyle {
  return {
    send: (_request, reply, items, render) =>
      items.length === 0 && emptyStatus !== undefined ? reply.code(emptyStatus).send() : items.map(render),
  };
}

/** A query filter: applied when its parameter is present, it turns the value into a test. */
export type Filter<T> = (value: string, q: Query, name: string) => (item: T) => boolean;

/** `name=a,b,c`: the item's key is one of the values. */
export const oneOf =
  <T>(key: (item: T) => string | number): Filter<T> =>
  (value) => {
    const wanted = new Set(value.split(",").map((s) => s.trim()));
    return (item) => wanted.has(String(key(item)));
  };

/** `name=x`: the item's key is exactly the value. */
export const equals =
  <T>(key: (item: T) => string | number): Filter<T> =>
  (value) =>
  (item) =>
    String(key(item)) === value;

/** What one verb needs: the request, the path's ids and the query. */
export interface Call {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly q: Query;
  /** A positive integer path parameter, 0 when it is not one. */
  id(name?: string): number;
  readonly body: Record<string, unknown>;
}

export interface Resource<T> {
  /** The collection's path (`/wp-json/wc/v3/orders`, `/stores/:hash/v2/orders/:id/products`). */
  readonly path: string;
  /** How the one record is rendered (lists render each item with it too unless `listRender`). */
  readonly render: (item: T, call: Call) => unknown;
  /** The collection before filters; its presence serves `GET path`. */
  readonly list?: (call: Call) => Iterable<T>;
  readonly paging?: PagingStyle;
  readonly filters?: Readonly<Record<string, Filter<T>>>;
  /** A test built from the whole query (date windows across several parameters, say). */
  readonly where?: (q: Query) => (item: T) => boolean;
  /** The order of the listing; null keeps the collection's own. */
  readonly sort?: (q: Query) => ((a: T, b: T) => number) | null;
  readonly listRender?: (item: T, call: Call) => unknown;
  /** The record at `path/:id`; throws the platform's not-found. Reads get `"read"`, writes `"write"`. */
  readonly find?: (call: Call, purpose: "read" | "write") => T;
  /** The record's path parameter (default `id`): `/orders/:id/refunds/:refundId`. */
  readonly itemParam?: string;
  /** Serves `GET path/:id` (default true when `find` is given). */
  readonly get?: boolean;
  /** `PUT path/:id`: applies the body to the record, which is then rendered. */
  readonly update?: (item: T, call: Call) => void;
  /** `POST path`: makes the record; answered with `created` (default 201). */
  readonly create?: (call: Call) => T;
  readonly created?: number;
  /** `POST path/batch`: `{create, update, delete}` with per-item errors, as the platform runs it. */
  readonly batch?: BatchVerb<T>;
}

export interface BatchVerb<T> {
  readonly limit: number;
  /** Checks run once before any item (the parent product exists, say). */
  readonly before?: (call: Call) => void;
  readonly tooLarge: (limit: number) => Error;
  /** The item's error body when `error` is the platform's own, else undefined (rethrown). */
  readonly itemError: (error: unknown) => unknown;
  /** The record an update item names; throws the platform's not-found for it. */
  readonly find: (id: number, call: Call) => T;
  readonly apply: (item: T, changes: Record<string, unknown>, call: Call) => void;
  /** What create and delete items get when the platform's batch does not make or remove records. */
  readonly refused?: (action: "create" | "delete") => Error;
}

function callOf(request: FastifyRequest, reply: FastifyReply): Call {
  const params = (request.params ?? {}) as Record<string, string>;
  return {
    request,
    reply,
    q: query(request),
    id(name = "id") {
      const n = Number(params[name]);
      return Number.isInteger(n) && n > 0 ? n : 0;
    },
    body: (request.body ?? {}) as Record<string, unknown>,
  };
}

function listed<T>(r: Resource<T>, call: Call, items: Iterable<T>): T[] {
  const tests: ((item: T) => boolean)[] = [];
  for (const [name, filter] of Object.entries(r.filters ?? {})) {
    const value = call.q[name];
    if (value !== undefined) tests.push(filter(value, call.q, name));
  }
  if (r.where) tests.push(r.where(call.q));
  const matching = [...items].filter((item) => tests.every((test) => test(item)));
  const order = r.sort?.(call.q);
  return order ? matching.sort(order) : matching;
}

function runBatch<T>(b: BatchVerb<T>, call: Call, render: (item: T) => unknown) {
  const body = call.body as { create?: unknown[]; update?: unknown[]; delete?: unknown[] };
  const total = (body.create?.length ?? 0) + (body.update?.length ?? 0) + (body.delete?.length ?? 0);
  if (total > b.limit) throw b.tooLarge(b.limit);
  b.before?.(call);
  const slot = (id: unknown, run: () => unknown) => {
    try {
      return run();
    } catch (error) {
      const itemError = b.itemError(error);
      if (itemError === undefined) throw error;
      return { id: typeof id === "number" ? id : Number(id) || 0, error: itemError };
    }
  };
  const refuse = (action: "create" | "delete") => () => {
    throw b.refused ? b.refused(action) : new Error(`batch ${action} is not served`);
  };
  const result: Record<string, unknown[]> = {};
  if (body.create) result.create = body.create.map(() => slot(0, refuse("create")));
  if (body.update)
    result.update = body.update.map((raw) => {
      const changes = (raw ?? {}) as Record<string, unknown>;
      return slot(changes.id, () => {
        const item = b.find(Number(changes.id) || 0, call);
        b.apply(item, changes, call);
        return render(item);
      });
    });
  if (body.delete) result.delete = body.delete.map((id) => slot(id, refuse("delete")));
  return result;
}

/** Serves each resource's declared verbs on `app`. */
export function serveResources(app: FastifyInstance, resources: readonly Resource<never>[]): void {
  for (const resource of resources) serveResource(app, resource as unknown as Resource<unknown>);
}

export function serveResource<T>(app: FastifyInstance, r: Resource<T>): void {
  const one = `${r.path}/:${r.itemParam ?? "id"}`;
  const render = (item: T, call: Call) => r.render(item, call);
  const paging = r.paging ?? unpaged();
  const { list, find, update, create, batch } = r;
  // Batch first: `path/batch` must not be read as `path/:id`.
  if (batch)
    app.post(`${r.path}/batch`, async (request, reply) => {
      const call = callOf(request, reply);
      return runBatch(batch, call, (item) => render(item, call));
    });
  if (list)
    app.get(r.path, async (request, reply) => {
      const call = callOf(request, reply);
      return paging.send(request, reply, listed(r, call, list(call)), (item) =>
        (r.listRender ?? render)(item, call),
      );
    });
  if (find && r.get !== false)
    app.get(one, async (request, reply) => {
      const call = callOf(request, reply);
      return render(find(call, "read"), call);
    });
  if (find && update)
    app.put(one, async (request, reply) => {
      const call = callOf(request, reply);
      const item = find(call, "write");
      update(item, call);
      return render(item, call);
    });
  if (create)
    app.post(r.path, async (request, reply) => {
      const call = callOf(request, reply);
      return reply.code(r.created ?? 201).send(render(create(call), call));
    });
}
