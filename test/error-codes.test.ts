import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pair, type SyncFixture, startSyncHub } from "./helpers/sync-setup.ts";

/**
 * Validation failures answer a code naming the failure (docs/error-codes.md), so clients branch
 * on it; the wording stays in `detail` for people.
 */
let f: SyncFixture;
let connectionId: string;
beforeAll(async () => {
  f = await startSyncHub();
  connectionId = await pair(f, "Codes shop");
});
afterAll(() => f?.hub.close());

const feed = () => `/api/v1/connections/${connectionId}/feeds/new-orders`;
const preview = (template: string) =>
  f.api.post("/api/v1/custom-alerts/preview", { eventType: "stock.changed", template });

describe("validation error codes over HTTP", () => {
  it("answers a bad schedule with cron_invalid and a bad time zone with timezone_invalid", async () => {
    const cron = await f.api.patch(feed(), { cron: "every now and then" });
    expect(cron.status).toBe(400);
    expect(cron.body).toMatchObject({ code: "cron_invalid", type: expect.stringMatching(/\/cron_invalid$/) });
    expect(cron.body.detail).toContain("every now and then");

    const zone = await f.api.patch(feed(), { cron: "*/10 * * * *", timezone: "Mars/Olympus_Mons" });
    expect(zone.status).toBe(400);
    expect(zone.body.code).toBe("timezone_invalid");
  });

  it("tells a template that does not parse from one that reads a field the event lacks", async () => {
    const broken = await preview("{% if sku %}unclosed");
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: "template_invalid", field: "template" });

    const unknownField = await preview("{{ warehouseColour }}");
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toMatchObject({
      code: "template_field_unknown",
      field: "template",
      unknown: ["warehouseColour"],
    });
  });

  it("keeps invalid_request for a body that fails the route's schema, listing the failing fields", async () => {
    const res = await f.api.patch(feed(), { enabled: "yes" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "invalid_request", errors: [{ path: "body.enabled" }] });
  });
});
