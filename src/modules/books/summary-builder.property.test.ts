import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refundDraft, summaryDraft } from "./documents.ts";
import type { PostableRefund } from "./read-model.ts";
import { buildSummary, type SummarisedOrder } from "./summary-builder.ts";

/**
 * R-ORD-3 / R-ORD-7 arithmetic over random order sets: a summary equals the sum of its orders to
 * the cent, its lines are per-SKU sums, and refund documents equal the amounts refunded, so the
 * books always equal the orders net of refunds.
 */

const skus = ["A-1", "B-2", "C-3", "D-4", "E-5"];
const line = fc.record({
  sku: fc.constantFrom(...skus),
  quantity: fc.integer({ min: 1, max: 50 }),
  unitPriceMinor: fc.integer({ min: 0, max: 250_000 }),
});
const order = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 6 }),
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    taxMinor: fc.integer({ min: 0, max: 20_000 }),
    shippingMinor: fc.integer({ min: 0, max: 5_000 }),
  })
  .map(({ lines, discountShare, taxMinor, shippingMinor }) => {
    const subtotal = lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0);
    return {
      lines: lines.map((l) => ({ ...l, name: `Item ${l.sku}` })),
      // A discount never exceeds what the lines cost.
      discountMinor: Math.floor(subtotal * discountShare),
      taxMinor,
      shippingMinor,
    };
  });
const orders = fc
  .array(order, { maxLength: 40 })
  .map((list) =>
    list.map(
      (o, i): SummarisedOrder => ({ ...o, id: `o${i}`, orderNumber: `#${1000 + i}`, currency: "USD" }),
    ),
  );

const orderTotal = (o: SummarisedOrder) =>
  o.lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0) -
  o.discountMinor +
  o.taxMinor +
  o.shippingMinor;
const documentTotal = (d: { items: { quantity: number; unitPriceMinor: number }[]; discountMinor: number }) =>
  d.items.reduce((n, i) => n + i.quantity * i.unitPriceMinor, 0) - d.discountMinor;

describe("summary arithmetic (property)", () => {
  it("totals equal the sum of the orders to the cent, and the receipt says the same", () => {
    fc.assert(
      fc.property(orders, (list) => {
        const s = buildSummary("USD", list);
        const expected = list.reduce((n, o) => n + orderTotal(o), 0);
        expect(s.totalMinor).toBe(expected);
        const draft = summaryDraft(
          {
            ...s,
            periodKey: "2024-05-01",
            channelConnectionId: "c0ffee00",
            orderNumbers: s.orders.map((o) => o.orderNumber),
          },
          "Shop sales",
          "Shop",
        );
        expect(documentTotal(draft)).toBe(expected);
      }),
    );
  });

  it("has one line per SKU and price holding the per-SKU sums, each amount exactly quantity × price", () => {
    fc.assert(
      fc.property(orders, (list) => {
        const s = buildSummary("USD", list);
        const keys = s.lines.map((l) => `${l.sku}@${l.unitPriceMinor}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const l of s.lines) expect(l.amountMinor).toBe(l.quantity * l.unitPriceMinor);
        for (const sku of skus) {
          const ordered = list.flatMap((o) => o.lines).filter((l) => l.sku === sku);
          const summed = s.lines.filter((l) => l.sku === sku);
          expect(summed.reduce((n, l) => n + l.quantity, 0)).toBe(
            ordered.reduce((n, l) => n + l.quantity, 0),
          );
          expect(summed.reduce((n, l) => n + l.amountMinor, 0)).toBe(
            ordered.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0),
          );
        }
        expect(s.orders.map((o) => o.id)).toEqual(list.map((o) => o.id));
      }),
    );
  });

  it("a refund document equals the amount refunded, whatever the amount per unit", () => {
    const refundLine = fc.record({
      sku: fc.constantFrom(...skus),
      quantity: fc.integer({ min: 1, max: 20 }),
      unitPriceMinor: fc.integer({ min: 0, max: 100_000 }),
      amountMinor: fc.integer({ min: 0, max: 3_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(refundLine, { minLength: 1, maxLength: 6 }), (lines) => {
        const refund: PostableRefund = {
          id: "r0000000",
          orderId: "o1",
          orderNumber: "#1001",
          customerName: null,
          currency: "USD",
          amountMinor: lines.reduce((n, l) => n + l.amountMinor, 0),
          refundedAt: new Date("2024-05-02T10:00:00Z"),
          lines,
        };
        const draft = refundDraft(refund, "Ada", null);
        expect(documentTotal(draft)).toBe(refund.amountMinor);
        expect(draft.discountMinor).toBeGreaterThanOrEqual(0);
        for (const item of draft.items) expect(Number.isInteger(item.unitPriceMinor)).toBe(true);
      }),
    );
  });

  it("orders net of refunds: summary minus refund documents equals what the customers kept paying", () => {
    fc.assert(
      fc.property(orders, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (list, shares) => {
        const s = buildSummary("USD", list);
        let refunded = 0;
        let refundDocs = 0;
        list.forEach((o, i) => {
          const share = shares[i];
          if (share === undefined) return;
          const refundLines = o.lines.map((l) => ({
            sku: l.sku,
            quantity: l.quantity,
            unitPriceMinor: l.unitPriceMinor,
            amountMinor: Math.floor(l.quantity * l.unitPriceMinor * share),
          }));
          const amount = refundLines.reduce((n, l) => n + l.amountMinor, 0);
          refunded += amount;
          const refund: PostableRefund = {
            id: `r${i}`,
            orderId: o.id,
            orderNumber: o.orderNumber,
            customerName: null,
            currency: "USD",
            amountMinor: amount,
            refundedAt: new Date("2024-05-02T10:00:00Z"),
            lines: refundLines,
          };
          refundDocs += documentTotal(refundDraft(refund, "Shop sales", "S20240501-c0ff", "CreditMemo"));
        });
        const net = list.reduce((n, o) => n + orderTotal(o), 0) - refunded;
        expect(s.totalMinor - refundDocs).toBe(net);
      }),
    );
  });
});
