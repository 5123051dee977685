import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { checkLedger } from "../../../test/helpers/ledger-check.ts";
import { importProducts } from "../catalog/index.ts";
import { changeOrderStatus, createShipment, importOrder, recordRefund } from "../orders/index.ts";
import { adjustStock } from "./adjustments.ts";
import { recordImportedQuantities } from "./import-quantities.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const SKUS = ["A", "B", "C"];
const sku = fc.constantFrom(...SKUS);
const step = fc.oneof(
  fc.record({
    kind: fc.constant("order" as const),
    sku,
    qty: fc.integer({ min: 1, max: 6 }),
    ref: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ kind: fc.constant("cancel" as const), ref: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant("ship" as const),
    ref: fc.integer({ min: 0, max: 7 }),
    partial: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("refund" as const),
    ref: fc.integer({ min: 0, max: 7 }),
    qty: fc.integer({ min: 1, max: 3 }),
    restock: fc.boolean(),
    dup: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("adjust" as const),
    sku,
    delta: fc.integer({ min: -5, max: 8 }).filter((d) => d !== 0),
    key: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant("count" as const), sku, set: fc.integer({ min: 0, max: 12 }) }),
);

/** Expected failures (refused by a business rule) are part of the game; anything else is a bug. */
const expected = new Set([
  "insufficient_stock",
  "shipment_quantity_exceeds_open",
  "refund_quantity_exceeds_remaining",
  "refund_sku_not_in_order",
  "order_cancelled",
  "nothing_to_ship",
  "invalid_transition",
  "idempotency_key_reused",
]);
async function tolerate(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !expected.has(code)) throw error;
  }
}

describe("stock ledger under random interleavings", () => {
  it("keeps levels equal to the ledger and available at or above zero unless flagged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 5, maxLength: 30 }),
        fc.boolean(),
        async (steps, backorderC) => {
          const tenant = await createTenant(hub);
          const db = hub.ctx.db;
          const acc = tenant.accountId;
          await importProducts(
            db,
            acc,
            SKUS.map((s) => ({ sku: s, name: s, quantity: 5, allowBackorder: s === "C" && backorderC })),
            { recordQuantities: recordImportedQuantities },
          );
          const orderIds = new Map<number, string>();
          const orderSku = new Map<number, string>();
          let n = 0;
          for (const s of steps) {
            n += 1;
            const id = "ref" in s ? orderIds.get(s.ref) : undefined;
            switch (s.kind) {
              case "order": {
                const input = {
                  platformOrderId: `o${s.ref}`,
                  placedAt: new Date(),
                  currency: "USD",
                  lines: [{ sku: s.sku, quantity: s.qty, unitPriceMinor: 100 }],
                };
                const r = await importOrder(db, acc, input);
                await importOrder(db, acc, input); // a duplicate delivery changes nothing
                if (!orderIds.has(s.ref)) orderSku.set(s.ref, s.sku);
                orderIds.set(s.ref, r.orderId);
                break;
              }
              case "cancel":
                if (id) await tolerate(() => changeOrderStatus(db, acc, id, "cancelled", "test"));
                break;
              case "ship":
                if (id)
                  await tolerate(() =>
                    createShipment(
                      db,
                      acc,
                      id,
                      s.partial ? { lines: [{ sku: orderSku.get(s.ref)!, quantity: 1 }] } : {},
                    ),
                  );
                break;
              case "refund":
                if (id) {
                  const input = {
                    platformRefundId: `r${n}`,
                    currency: "USD",
                    lines: [{ sku: orderSku.get(s.ref)!, quantity: s.qty, restock: s.restock }],
                  };
                  await tolerate(() => recordRefund(db, acc, id, input));
                  if (s.dup) await tolerate(() => recordRefund(db, acc, id, input));
                }
                break;
              case "adjust":
                await tolerate(() =>
                  adjustStock(db, acc, { sku: s.sku, delta: s.delta, idempotencyKey: `adj-${s.key}` }),
                );
                break;
              case "count":
                await adjustStock(db, acc, { sku: s.sku, set: s.set, idempotencyKey: `count-${n}` });
                break;
            }
          }
          expect(await checkLedger(db, acc)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
