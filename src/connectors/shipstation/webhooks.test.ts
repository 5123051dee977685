import { describe, expect, it } from "vitest";
import { resourcePath } from "./orders.ts";
import { pacificDate, pacificFilter } from "./pacific.ts";
import { hookToken, parseShipStationWebhook, verifyShipStationWebhook } from "./webhooks.ts";

const credentials = { apiKey: "key", apiSecret: "secret", apiUrl: "http://127.0.0.1:4010" };
const body = (resource_url: string) =>
  Buffer.from(JSON.stringify({ resource_url, resource_type: "SHIP_NOTIFY" }));
const url = (token: string) => ({ url: `/webhooks/shipstation/c?token=${token}` });

describe("ShipStation webhooks", () => {
  it("accept only the hub's token and a resource on the connection's API", () => {
    const token = hookToken(credentials);
    const good = body("http://127.0.0.1:4010/shipments?batchId=1&includeShipmentItems=False");
    expect(verifyShipStationWebhook(credentials, {}, good, url(token))).toBe(true);
    expect(verifyShipStationWebhook(credentials, {}, good, url(`${token.slice(0, -1)}0`))).toBe(false);
    expect(verifyShipStationWebhook(credentials, {}, good, { url: "/webhooks/shipstation/c" })).toBe(false);
    expect(verifyShipStationWebhook(credentials, {}, good)).toBe(false);
    expect(verifyShipStationWebhook(credentials, {}, Buffer.from("not json"), url(token))).toBe(false);
    // A new secret gives a new token.
    expect(hookToken({ ...credentials, apiSecret: "other" })).not.toBe(token);
  });

  it("name a resource only on the API's own host and its orders or shipments reads", () => {
    const base = "http://127.0.0.1:4010";
    expect(resourcePath(base, `${base}/orders?importBatch=a`)).toBe("/orders?importBatch=a");
    expect(resourcePath(base, `${base}/shipments?batchId=b`)).toBe("/shipments?batchId=b");
    for (const refused of [
      "http://169.254.169.254/orders",
      "http://127.0.0.1:4011/orders",
      "http://127.0.0.1:4010.evil.test/orders",
      "http://user:pw@127.0.0.1:4010/orders",
      `${base}/_sandbox/info`,
      `${base}/orders/1/../../_sandbox/info`,
      `${base}/webhooks`,
      "file:///etc/passwd",
      "not a url",
    ])
      expect(resourcePath(base, refused), refused).toBeNull();
    expect(resourcePath("https://ssapi.shipstation.com", "https://ssapi.shipstation.com/orders?x=1")).toBe(
      "/orders?x=1",
    );
  });

  it("read the resource URL as the event, so a repeated delivery is a duplicate", () => {
    const a = parseShipStationWebhook({}, body("http://127.0.0.1:4010/shipments?batchId=1"));
    const b = parseShipStationWebhook({}, body("http://127.0.0.1:4010/shipments?batchId=1"));
    expect(a.eventId).toBe(b.eventId);
    expect(a).toMatchObject({
      kind: "order",
      topic: "SHIP_NOTIFY",
      objectId: "http://127.0.0.1:4010/shipments?batchId=1",
    });
  });
});

describe("Pacific time", () => {
  it("writes filters and reads answers in Los Angeles time, standard and daylight", () => {
    expect(pacificFilter(new Date("2026-01-15T20:00:00Z"))).toBe("2026-01-15 12:00:00");
    expect(pacificFilter(new Date("2026-07-15T20:00:00Z"))).toBe("2026-07-15 13:00:00");
    // The night the clocks go back, 01:30 happens twice: 08:30Z is the first (PDT), 09:30Z the second (PST).
    expect(pacificFilter(new Date("2026-11-01T08:30:00Z"))).toBe("2026-11-01 01:30:00");
    expect(pacificFilter(new Date("2026-11-01T09:30:00Z"))).toBe("2026-11-01 01:30:00");
    expect(pacificDate("2026-03-08T03:30:00.0000000").toISOString()).toBe("2026-03-08T10:30:00.000Z");
    expect(pacificDate("2015-08-17T09:24:16.4800000").toISOString()).toBe("2015-08-17T16:24:16.480Z");
    expect(() => pacificDate("yesterday")).toThrow(/not a date/);
  });
});
