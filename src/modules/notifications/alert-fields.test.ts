import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alertFieldRoots, alertFields, fieldsOf } from "./alert-fields.ts";

const runTriggers = ["schedule", "manual", "webhook", "retry", "onboarding"];
const runStatuses = ["queued", "running", "succeeded", "partial", "failed", "blocked"];
const runErrorCodes = [
  "credentials_rejected",
  "throttled",
  "platform_unavailable",
  "address_refused",
  "mode_blocked",
  "connection_disconnected",
  "allotment_reached",
  "feed_unsupported",
  "internal_error",
];

describe("custom-alert fields derived from the event schemas", () => {
  it("offers an imported order's fields with their types, and not the backfill marker", () => {
    expect(alertFields("order.imported")).toEqual([
      { name: "orderId", type: "string" },
      { name: "orderNumber", type: "string" },
      { name: "connectionId", type: "string" },
      { name: "totalMinor", type: "number" },
      { name: "currency", type: "string" },
      { name: "placedAt", type: "date" },
      { name: "customerEmail", type: "string" },
      { name: "lines", type: "list" },
      { name: "backordered", type: "boolean" },
    ]);
  });

  it("flattens a finished run's counts to dotted names and lists the values of its enums", () => {
    expect(alertFields("feed_run.finished")).toEqual([
      { name: "runId", type: "string" },
      { name: "connectionId", type: "string" },
      { name: "feedKind", type: "string" },
      { name: "trigger", type: "enum", values: runTriggers },
      { name: "status", type: "enum", values: runStatuses },
      { name: "counts.imported", type: "number" },
      { name: "counts.updated", type: "number" },
      { name: "counts.new", type: "number" },
      { name: "counts.archived", type: "number" },
      { name: "counts.skipped", type: "number" },
      { name: "counts.failed", type: "number" },
      { name: "counts.historical", type: "number" },
      { name: "counts.historicalRefunds", type: "number" },
      { name: "error", type: "string" },
      { name: "errorCode", type: "enum", values: runErrorCodes },
    ]);
    expect(alertFieldRoots("feed_run.finished")).toEqual([
      "runId",
      "connectionId",
      "feedKind",
      "trigger",
      "status",
      "counts",
      "error",
      "errorCode",
    ]);
  });

  it("gives a stock change's reason as an enum of the ledger's reasons", () => {
    const reason = alertFields("stock.changed").find((f) => f.name === "reason");
    expect(reason).toEqual({
      name: "reason",
      type: "enum",
      values: expect.arrayContaining(["order", "ship", "adjustment", "books"]),
    });
  });

  it("refuses a field it cannot offer a merchant rather than guessing", () => {
    expect(() => fieldsOf(z.object({ extra: z.record(z.string(), z.number()) }))).toThrow(
      /alert field extra: no alert field type for a record schema/,
    );
  });
});
