import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxFromCli } from "../../../test/helpers/channel-sandbox.ts";
import { startReceiver } from "../kit/test-receiver.ts";
import { fromPacific, type ShipStationSandbox, startShipStationSandbox } from "./index.ts";
import { pacificText } from "./pacific.ts";

let s: ShipStationSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const auth = () =>
  `Basic ${Buffer.from(`${s.credentials.apiKey}:${s.credentials.apiSecret}`).toString("base64")}`;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${s.url}${path}`, {
    ...init,
    headers: { authorization: auth(), ...(init.body ? { "content-type": "application/json" } : {}) },
  });
// biome-ignore lint/suspicious/noExplicitAny: the test reads ShipStation's JSON as it comes
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();
const control = (path: string, body: unknown) =>
  fetch(`${s.url}/_sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  s = await startShipStationSandbox({ seed: 3, products: 8, orders: 30, stores: 5 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await s.close();
  await receiver.close();
});

describe("ShipStation sandbox", () => {
  it("reads Pacific wall-clock time on both sides of a DST change", () => {
    // 2026-03-08 02:30 does not exist in Los Angeles; 01:30 is PST (-8), 03:30 PDT (-7).
    expect(new Date(fromPacific("2026-03-08 01:30:00")).toISOString()).toBe("2026-03-08T09:30:00.000Z");
    expect(new Date(fromPacific("2026-03-08 03:30:00")).toISOString()).toBe("2026-03-08T10:30:00.000Z");
    expect(new Date(fromPacific("2026-07-01T12:00:00.0000000")).toISOString()).toBe(
      "2026-07-01T19:00:00.000Z",
    );
    expect(pacificText(Date.parse("2026-12-01T20:00:00Z"))).toBe("2026-12-01T12:00:00.0000000");
  });

  it("answers Basic auth only, with the rate headers, and 429 past the window", async () => {
    expect((await fetch(`${s.url}/stores`)).status).toBe(401);
    const bad = await fetch(`${s.url}/stores`, { headers: { authorization: "Basic eDp5" } });
    expect(bad.status).toBe(401);
    expect(await json(bad)).toEqual({ Message: "Authorization has been denied for this request." });
    const stores = await api("/stores");
    expect(stores.status).toBe(200);
    expect(stores.headers.get("x-rate-limit-limit")).toBe("40");
    expect(Number(stores.headers.get("x-rate-limit-reset"))).toBeGreaterThan(0);
    expect((await json(stores)).map((x: { storeId: number }) => x.storeId)).toHaveLength(5);
    const left = Number(stores.headers.get("x-rate-limit-remaining"));
    for (let i = 0; i < left; i++) expect((await api("/stores")).status).toBe(200);
    const throttled = await api("/stores");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(await json(throttled)).toEqual({ message: "Too Many Requests" });
    await fetch(`${s.url}/_sandbox/rate-limit`, { method: "DELETE" });
  });

  it("pages orders by modifyDate in Pacific time, each with its storeId", async () => {
    const all = await json(api("/orders?pageSize=500"));
    expect(all.total).toBe(30);
    expect(
      new Set(all.orders.map((o: { advancedOptions: { storeId: number } }) => o.advancedOptions.storeId))
        .size,
    ).toBe(5);
    const page = await json(api("/orders?pageSize=7&page=2&sortBy=ModifyDate"));
    expect(page).toMatchObject({ total: 30, page: 2, pages: 5 });
    expect(page.orders).toHaveLength(7);
    const newest = all.orders
      .map((o: { modifyDate: string }) => o.modifyDate)
      .sort()
      .at(-1) as string;
    const since = await json(
      api(`/orders?modifyDateStart=${encodeURIComponent(newest.slice(0, 19).replace("T", " "))}`),
    );
    expect(since.orders.length).toBeGreaterThanOrEqual(1);
    expect(since.orders.every((o: { modifyDate: string }) => o.modifyDate >= newest.slice(0, 19))).toBe(true);
    const tooBig = await api("/orders?pageSize=501");
    expect(tooBig.status).toBe(400);
    expect(await json(tooBig)).toMatchObject({
      Message: "An error has occurred.",
      ExceptionMessage: expect.any(String),
    });
  });

  it("subscribes webhooks and delivers resource_url for new orders and labels, marks orders shipped", async () => {
    const storeId = s.state.subStores[2]!.storeId;
    for (const event of ["ORDER_NOTIFY", "SHIP_NOTIFY"]) {
      const made = await api("/webhooks/subscribe", {
        method: "POST",
        body: JSON.stringify({
          target_url: `${receiver.url}/hook?t=1`,
          event,
          store_id: null,
          friendly_name: "hub",
        }),
      });
      expect(made.status).toBe(201);
    }
    expect((await json(api("/webhooks"))).webhooks).toHaveLength(2);
    const sku = s.state.store.items.values().next().value!.sku;
    const placed = await json(control("orders", { lines: [{ sku, quantity: 1 }], storeId }));
    expect(placed.advancedOptions.storeId).toBe(storeId);
    const shipped = await json(control(`orders/${placed.orderId}/ship`, { trackingNumber: "1Z999" }));
    expect(shipped.trackingNumber).toBe("1Z999");
    await s.webhooks.whenIdle();
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.resource_type)).toEqual(["ORDER_NOTIFY", "SHIP_NOTIFY"]);
    const orders = await json(fetch(bodies[0].resource_url, { headers: { authorization: auth() } }));
    expect(orders.orders.map((o: { orderId: number }) => o.orderId)).toEqual([placed.orderId]);
    const shipments = await json(fetch(bodies[1].resource_url, { headers: { authorization: auth() } }));
    expect(shipments.shipments[0]).toMatchObject({ orderId: placed.orderId, trackingNumber: "1Z999" });

    const other = await json(control("orders", { lines: [{ sku, quantity: 1 }] }));
    const marked = await api("/orders/markasshipped", {
      method: "POST",
      body: JSON.stringify({
        orderId: other.orderId,
        carrierCode: "ups",
        trackingNumber: "1ZHUB",
        notifyCustomer: true,
      }),
    });
    expect(marked.status).toBe(200);
    expect(await json(api(`/orders/${other.orderId}`))).toMatchObject({ orderStatus: "shipped" });
    const hooks = (await json(api("/webhooks"))).webhooks;
    for (const h of hooks)
      expect((await api(`/webhooks/${h.WebHookID}`, { method: "DELETE" })).status).toBe(200);
  });

  it("runs from the CLI with a last JSON line the hub takes", async () => {
    const info = await sandboxFromCli<{ platform: string; url: string; credentials: Record<string, string> }>(
      "shipstation",
      ["--port", "0", "--seed", "4", "--products", "6", "--orders", "2", "--stores", "5"],
    );
    expect(info.platform).toBe("shipstation");
    expect(info.credentials).toEqual({
      apiKey: expect.any(String),
      apiSecret: expect.any(String),
      apiUrl: info.url,
    });
  }, 60_000);
});
