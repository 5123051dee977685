import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { SandboxError } from "./errors.ts";
import { metaPaging, oneOf, plainPaging, serveResource, wordpressPaging } from "./resources.ts";

type Thing = { id: number; sku: string; qty: number };

const invalid = (param: string, message: string) => new SandboxError(400, message, { param, message });

function app(things: Thing[]) {
  const server = Fastify();
  server.setErrorHandler((error, _request, reply) =>
    error instanceof SandboxError ? reply.code(error.status).send(error.body) : reply.send(error),
  );
  const find = (id: number) => {
    const found = things.find((t) => t.id === id);
    if (!found) throw new SandboxError(404, "missing", { code: "missing", id });
    return found;
  };
  const base = {
    list: () => things,
    filters: { "sku:in": oneOf<Thing>((t) => t.sku) },
    sort: () => (a: Thing, b: Thing) => b.id - a.id,
    render: (t: Thing) => ({ id: t.id, sku: t.sku, qty: t.qty }),
  };
  serveResource<Thing>(server, {
    ...base,
    path: "/wp/things",
    paging: wordpressPaging({
      limits: { defaultPerPage: 2, maxPerPage: 3 },
      baseUrl: () => "http://shop.test",
      hidden: (name) => name === "secret",
      invalid,
    }),
    find: (call) => find(call.id()),
    update: (t, call) => {
      t.qty = Number(call.body.qty);
    },
    batch: {
      limit: 3,
      tooLarge: (limit) => new SandboxError(413, "too many", { limit }),
      itemError: (error) => (error instanceof SandboxError ? error.body : undefined),
      find,
      apply: (t, changes) => {
        t.qty = Number(changes.qty);
      },
      refused: (action) => new SandboxError(400, action, { refused: action }),
    },
  });
  serveResource<Thing>(server, {
    ...base,
    path: "/v3/things",
    paging: metaPaging({ limits: { defaultPerPage: 2, maxPerPage: 3 }, invalid }),
  });
  serveResource<Thing>(server, {
    ...base,
    path: "/v2/things",
    paging: plainPaging({ limits: { defaultPerPage: 2, maxPerPage: 3 }, invalid, emptyStatus: 204 }),
  });
  return server;
}

const things = () => [
  { id: 1, sku: "A", qty: 1 },
  { id: 2, sku: "B", qty: 2 },
  { id: 3, sku: "C", qty: 3 },
];

describe("declarative resource routes", () => {
  it("filters, sorts and pages WordPress-style with totals and links that leave hidden parameters out", async () => {
    const res = await app(things()).inject("/wp/things?page=2&secret=s&sku:in=A,B,C");
    expect(res.json()).toEqual([{ id: 1, sku: "A", qty: 1 }]);
    expect(res.headers["x-wp-total"]).toBe("3");
    expect(res.headers["x-wp-totalpages"]).toBe("2");
    expect(res.headers.link).toContain('rel="prev"');
    expect(res.headers.link).not.toContain("secret");
    const filtered = await app(things()).inject("/wp/things?sku:in=B");
    expect(filtered.json()).toEqual([{ id: 2, sku: "B", qty: 2 }]);
    expect((await app(things()).inject("/wp/things?per_page=4")).statusCode).toBe(400);
  });

  it("answers meta.pagination pages and plain pages, an empty plain page as 204", async () => {
    const meta = (await app(things()).inject("/v3/things?limit=2")).json();
    expect(meta.data.map((t: Thing) => t.id)).toEqual([3, 2]);
    expect(meta.meta.pagination).toMatchObject({ total: 3, count: 2, total_pages: 2, current_page: 1 });
    const plain = await app(things()).inject("/v2/things?limit=9");
    expect(plain.json().map((t: Thing) => t.id)).toEqual([3, 2, 1]);
    const empty = await app(things()).inject("/v2/things?page=5");
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe("");
  });

  it("reads and updates one record, and batches with per-item errors and a limit", async () => {
    const server = app(things());
    expect((await server.inject("/wp/things/2")).json()).toEqual({ id: 2, sku: "B", qty: 2 });
    expect((await server.inject("/wp/things/9")).statusCode).toBe(404);
    const put = await server.inject({ method: "PUT", url: "/wp/things/2", payload: { qty: 7 } });
    expect(put.json()).toEqual({ id: 2, sku: "B", qty: 7 });
    const batch = await server.inject({
      method: "POST",
      url: "/wp/things/batch",
      payload: {
        update: [
          { id: 1, qty: 5 },
          { id: 9, qty: 1 },
        ],
        delete: [3],
      },
    });
    expect(batch.json()).toEqual({
      update: [
        { id: 1, sku: "A", qty: 5 },
        { id: 9, error: { code: "missing", id: 9 } },
      ],
      delete: [{ id: 3, error: { refused: "delete" } }],
    });
    const tooMany = await server.inject({
      method: "POST",
      url: "/wp/things/batch",
      payload: { update: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 1 }] },
    });
    expect(tooMany.statusCode).toBe(413);
  });
});
