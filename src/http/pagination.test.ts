import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../test/helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "../../test/helpers/test-connector.ts";
import type { Connector } from "../connectors/contract.ts";
import { AppError } from "../lib/errors.ts";
import { recordNotification } from "../modules/notifications/index.ts";
import { type CursorKey, cursorShapes, decodeCursor, encodeCursor } from "./pagination.ts";

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const uuid = "0b7e5a52-3f7e-4d4c-9a51-7f1d2c3b4a59";
const handedOut: Record<keyof typeof cursorShapes, CursorKey> = {
  instantAndUuid: { v: "2024-05-01T10:20:30.456Z", id: uuid },
  serial: { v: 42, id: "42" },
  skuAndUuid: { v: "SKU/1 ✓", id: uuid },
  microsAndSyncLogKey: { v: 1_714_558_830_456_789, id: `${uuid} push SKU 1 ✓` },
};
/** Cursors nobody handed out: wrong types, impossible instants, ids the database would choke on. */
const forged = [
  "not base64 at all!",
  Buffer.from("not json").toString("base64url"),
  raw(null),
  raw([1, 2]),
  raw({ v: "x", id: "y" }),
  raw({ v: 1.5, id: "1" }),
  raw({ v: 1e21, id: "1" }),
  raw({ v: -1, id: "-1" }),
  raw({ v: "a\u0000b", id: uuid }),
  raw({ v: "2024-05-01T10:20:30.456Z", id: "not-a-uuid" }),
  raw({ v: 42, id: "42", extra: true }),
];
/** Instants `toISOString` never writes; any text is a SKU, so these are forged for the others only. */
const forgedInstants = [
  raw({ v: "2024-05-01T10:20:30Z", id: uuid }),
  raw({ v: "0000-01-01T00:00:00.000Z", id: uuid }),
  raw({ v: "2024-02-30T00:00:00.000Z", id: uuid }),
  raw({ v: "+275760-09-13T00:00:00.000Z", id: uuid }),
];
const forgedFor = (shape: keyof typeof cursorShapes) =>
  shape === "skuAndUuid" ? forged : [...forged, ...forgedInstants];

describe("cursor decoding", () => {
  it("reads back every cursor shape a listing hands out", () => {
    for (const [name, key] of Object.entries(handedOut)) {
      const shape = cursorShapes[name as keyof typeof cursorShapes];
      expect(decodeCursor(encodeCursor(key), shape), name).toEqual(key);
    }
  });

  it("refuses anything else with a 400 AppError, whatever the shape", () => {
    for (const [name, shape] of Object.entries(cursorShapes)) {
      for (const cursor of forgedFor(name as keyof typeof cursorShapes)) {
        let thrown: unknown;
        try {
          decodeCursor(cursor, shape);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, cursor).toBeInstanceOf(AppError);
        expect((thrown as AppError).status).toBe(400);
      }
    }
  });
});

let hub: TestHub;
let api: Api;
let connectionId: string;
beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
  const tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", {
    products: [
      { sku: "PG-1", name: "One", quantity: 5 },
      { sku: "PG-2", name: "Two", quantity: 5 },
      { sku: "PG-3", name: "Three", quantity: 5 },
    ],
  });
  for (const n of [1, 2, 3]) {
    await api.post("/api/v1/orders", {
      platformOrderId: `pg-${n}`,
      placedAt: new Date(Date.UTC(2024, 0, n)).toISOString(),
      currency: "USD",
      lines: [{ sku: `PG-${n}`, quantity: 1, unitPriceMinor: 100 }],
    });
    await recordNotification(hub.ctx.db, {
      accountId: tenant.accountId,
      type: "product_refund",
      vars: { sku: `PG-${n}` },
      dedupeKey: `pg-${n}`,
    });
  }
  const connection = await api.post("/api/v1/connections", {
    platform: "test",
    name: "Paged shop",
    credentials: { token: "good-token" },
    onboarding: false,
  });
  connectionId = connection.body.id;
  for (const kind of ["new-orders", "new-products", "stock-check"]) {
    await api.post(`/api/v1/connections/${connectionId}/feeds/${kind}/run`, {});
  }
});
afterAll(() => hub?.close());

const listings = (): [string, keyof typeof cursorShapes][] => [
  ["/api/v1/orders", "instantAndUuid"],
  ["/api/v1/feed-runs", "instantAndUuid"],
  ["/api/v1/notifications", "instantAndUuid"],
  ["/api/v1/stock/movements", "serial"],
  ["/api/v1/events", "serial"],
  [`/api/v1/connections/${connectionId}/drift`, "serial"],
  ["/api/v1/sync-log", "microsAndSyncLogKey"],
  ["/api/v1/products", "skuAndUuid"],
  ["/api/v1/planning/report", "skuAndUuid"],
];

describe("listing cursors over HTTP", () => {
  it("answers 400 problem+json, never 500, to a forged cursor on every listing", async () => {
    for (const [url, shape] of listings()) {
      for (const cursor of [...forgedFor(shape), raw({ v: 1, id: randomUUID() })]) {
        const res = await api.get(`${url}?cursor=${encodeURIComponent(cursor)}`);
        expect(res.status, `${url} ${Buffer.from(cursor, "base64url").toString()}`).toBe(400);
        expect(res.body).toMatchObject({ code: expect.stringMatching(/^invalid_/) });
      }
    }
  });

  it("walks every listing one row at a time through the cursors it hands out", async () => {
    for (const [url] of listings()) {
      const all = await api.get(`${url}?limit=500`);
      expect(all.status, url).toBe(200);
      const expected = (all.body as { items: unknown[] }).items;
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.get(`${url}?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.status, `${url} ${JSON.stringify(page.body)}`).toBe(200);
        walked.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor && walked.length <= expected.length);
      expect(walked, url).toEqual(expected);
    }
  });
});
