import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";

let hub: TestHub;
let api: Api;
let other: Api;

beforeAll(async () => {
  hub = await startTestHub();
  api = apiFor(hub.app, await createTenant(hub, "Preview shop"));
  other = apiFor(hub.app, await createTenant(hub, "Other shop"));
  await api.post("/api/v1/products/import", {
    products: [{ sku: "PV-1", name: "Preview mug", quantity: 9 }],
  });
});
afterAll(() => hub?.close());

const preview = (body: unknown, as = api) => as.post("/api/v1/custom-alerts/preview", body);
const bigOrder = { ">": [{ var: "totalMinor" }, 10000] };

describe("custom alert preview", () => {
  it("shows each field as a placeholder before any event of the type happened", async () => {
    const res = await preview({ eventType: "order.imported", template: "Order {{ orderNumber }} placed" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      sample: true,
      event: null,
      matches: null,
      message: "Order [orderNumber] placed",
    });
    const run = await preview({
      eventType: "feed_run.finished",
      template: "{{ feedKind }}: {{ counts.new }} new, {{ counts.failed }} failed",
      condition: { ">": [{ var: "counts.failed" }, 0] },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.message).toBe("[feedKind]: [counts.new] new, [counts.failed] failed");
  });

  it("renders the latest real event of the account and says whether the condition holds", async () => {
    const placed = await api.post("/api/v1/orders", {
      platformOrderId: "pv-1",
      orderNumber: "#PV1",
      placedAt: new Date().toISOString(),
      currency: "USD",
      lines: [{ sku: "PV-1", quantity: 2, unitPriceMinor: 9000 }],
    });
    expect(placed.status).toBe(201);
    const template = "Big order {{ orderNumber }}: {{ totalMinor }} {{ currency }}";
    const res = await preview({ eventType: "order.imported", condition: bigOrder, template });
    expect(res.body).toMatchObject({ sample: false, matches: true, message: "Big order #PV1: 18000 USD" });
    const small = await preview({
      eventType: "order.imported",
      condition: { "<": [{ var: "totalMinor" }, 100] },
      template,
    });
    expect(small.body.matches).toBe(false);
    // Another account's preview never sees this account's events.
    expect((await preview({ eventType: "order.imported", template }, other)).body.sample).toBe(true);
  });

  it("names the unknown field or the broken template in a 400, like Save would", async () => {
    const field = await preview({
      eventType: "order.imported",
      condition: { ">": [{ var: "grandTotal" }, 1] },
      template: "x",
    });
    expect(field.status).toBe(400);
    expect(field.body.detail).toContain("grandTotal");
    const template = await preview({ eventType: "refund.recorded", template: "Hi {{ customer.name }}" });
    expect(template.status).toBe(400);
    expect(template.body.detail).toContain("customer");
    const parse = await preview({ eventType: "refund.recorded", template: "{% if %}" });
    expect(parse.status).toBe(400);
    expect(parse.body.detail).toMatch(/does not parse/);
    expect((await preview({ eventType: "nope", template: "x" })).status).toBe(400);
    expect((await preview({ eventType: "order.imported", template: "" })).status).toBe(400);
  });
});
