import { describe, expect, it } from "vitest";
import { logicVars } from "./logic-vars.ts";
import { renderLenient, templateRoots } from "./templates.ts";
import { notificationTypes } from "./types.ts";

const title = (type: keyof typeof notificationTypes, vars: Record<string, unknown>) =>
  renderLenient(notificationTypes[type].title, vars);
const connection = { name: "Corner Shop" };

describe("type templates", () => {
  it("render the seeds' wording", () => {
    expect(title("goal_achieved", { goal: { name: "Q1 revenue" } })).toBe(
      'Goal "Q1 revenue" has been achieved',
    );
    expect(
      renderLenient(notificationTypes.goal_achieved.body, { goal: { amount: 500 }, progress: 510 }),
    ).toContain("Goal Amount: 500");
    expect(title("low_stock", { sku: "MUG-1" })).toBe('Restock this product "MUG-1"');
    expect(title("product_sync_failed", { sku: "MUG-1" })).toBe(
      'Getting error while synchronizing this product "MUG-1"',
    );
    expect(title("product_sync_successful", { connection })).toBe(
      'Product synchronization is successful for "Corner Shop"',
    );
    expect(title("product_refund", { sku: "MUG-1" })).toBe(
      "Customer has initiated refund request for Product #MUG-1",
    );
    expect(title("orders_count", { count: 12, connection })).toBe(
      'Today we have processed 12 orders for "Corner Shop"',
    );
  });

  it("gives job completions their counts", () => {
    const body = renderLenient(notificationTypes.job_completion.body, {
      counts: { imported: 3, updated: 2, new: 1, archived: 0, skipped: 0, failed: 1 },
      error: null,
    });
    expect(body).toBe("Imported: 3\nUpdated: 2\nNew: 1\nArchived: 0\nSkipped: 0\nFailed: 1");
  });
});

describe("field checks for custom alerts", () => {
  it("names a template's top-level fields and refuses one that does not parse", () => {
    expect(
      templateRoots(
        "Order {{ orderNumber }} for {{ totalMinor | divided_by: 100 }} {{ lines[0].sku }}",
      ).sort(),
    ).toEqual(["lines", "orderNumber", "totalMinor"]);
    expect(() => templateRoots("{% if %}")).toThrow(/does not parse/);
  });

  it("reads json-logic vars but not the per-element ones inside some/all", () => {
    expect(
      logicVars({
        and: [
          { ">": [{ var: "totalMinor" }, 1000] },
          { some: [{ var: "lines" }, { "==": [{ var: "sku" }, "X"] }] },
        ],
      }),
    ).toEqual(["totalMinor", "lines"]);
  });
});
