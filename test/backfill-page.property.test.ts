import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/engine.ts";
import { queryRows } from "../src/db/rows.ts";
import { importProducts } from "../src/modules/catalog/index.ts";
import { recordImportedQuantities } from "../src/modules/inventory/index.ts";
import {
  createShipment,
  importOrderPage,
  importOrders,
  type PageOrder,
  recordRefund,
} from "../src/modules/orders/index.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { checkLedger } from "./helpers/ledger-check.ts";

/**
 * Issue 25 item 3: a backfill page imported set-based (importOrderPage: orders, lines, shipments,
 * refunds, movements and events in a fixed number of statements; an order the channel shipped
 * takes one on-hand movement per line instead of reserve-then-ship) ends exactly where the former
 * path did — the page's orders imported together, then each order's channel shipment and refunds
 * recorded one by one (createShipment, recordRefund), as sync's followImport did: same levels,
 * same on-hand movements and oversold flags, same order, line, shipment and refund rows, same
 * daily sales, and a ledger that adds up.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const SKUS = ["A", "B", "C"];
const T0 = Date.parse("2026-09-01T10:00:00Z");
const DAY = 86_400_000;

const line = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPriceMinor: fc.integer({ min: 0, max: 900 }),
});
const refund = fc.record({
  id: fc.integer({ min: 0, max: 3 }),
  /** Now and then in another currency than the order: refused, on both paths alike. */
  eur: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  amountMinor: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  lines: fc.array(
    fc.record({
      sku: fc.constantFrom(...SKUS, "Z"),
      quantity: fc.integer({ min: 1, max: 4 }),
      restock: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});
const order = fc.record({
  ref: fc.integer({ min: 0, max: 9 }),
  day: fc.integer({ min: 0, max: 3 }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  shipped: fc.boolean(),
  cancelled: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  refunds: fc.array(refund, { maxLength: 2 }),
  version: fc.integer({ min: 0, max: 2 }),
});
type Spec = typeof order extends fc.Arbitrary<infer T> ? T : never;

/** The same platform order always has the same lines; later versions may ship, refund, cancel. */
function toPageOrder(spec: Spec, firstOf: Map<number, Spec>): PageOrder {
  const first = firstOf.get(spec.ref) ?? spec;
  if (!firstOf.has(spec.ref)) firstOf.set(spec.ref, spec);
  const placedAt = new Date(T0 + first.day * DAY);
  return {
    input: {
      platformOrderId: `o${spec.ref}`,
      placedAt,
      currency: "USD",
      lines: first.lines.map((l) => ({ ...l })),
      cancelled: spec.cancelled,
      channelStatus: spec.shipped ? "fulfilled" : "unfulfilled",
      platformUpdatedAt: new Date(placedAt.getTime() + spec.version * 60_000),
    },
    ...(spec.shipped ? { shipped: { platformShipmentId: `channel:o${spec.ref}`, historical: true } } : {}),
    refunds: spec.refunds.map((r) => ({
      platformRefundId: `o${spec.ref}-r${r.id}`,
      currency: r.eur ? "EUR" : "USD",
      ...(r.amountMinor !== undefined ? { amountMinor: r.amountMinor } : {}),
      refundedAt: new Date(placedAt.getTime() + DAY),
      lines: [...new Map(r.lines.map((l) => [l.sku, l])).values()],
      historical: r.id % 2 === 0,
    })),
  };
}

/** The former path: the page's orders imported together, then each one followed up in turn. */
async function formerPath(db: Db, accountId: string, page: PageOrder[]) {
  const results = await importOrders(
    db,
    accountId,
    page.map((p) => p.input),
  );
  for (const [i, item] of page.entries()) {
    const orderId = results[i]!.orderId;
    if (item.shipped) {
      await createShipment(
        db,
        accountId,
        orderId,
        { platformShipmentId: item.shipped.platformShipmentId, carrier: null },
        { historical: item.shipped.historical },
      ).catch((error: { code?: string }) => {
        if (error.code !== "nothing_to_ship" && error.code !== "order_cancelled") throw error;
      });
    }
    for (const { historical, ...input } of item.refunds ?? []) {
      await recordRefund(db, accountId, orderId, input, { historical }).catch(() => undefined);
    }
  }
}

/** Everything the two paths must agree on, without ids and clock times. */
async function stateOf(db: Db, accountId: string) {
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);
  return {
    levels: await q(sql`select p.sku, s.on_hand, s.reserved from stock_levels s
      join products p on p.id = s.product_id where s.account_id = ${accountId} order by p.sku`),
    onHandMovements: await q(sql`select p.sku, m.reason, m.on_hand_delta, m.oversold, count(*)::int as n
      from stock_movements m join products p on p.id = m.product_id
      where m.account_id = ${accountId} and m.on_hand_delta <> 0
      group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    orders: await q(sql`select platform_order_id, status, backordered, refunded_minor, historical,
        channel_status, total_minor, platform_updated_at
      from orders where account_id = ${accountId} order by platform_order_id`),
    lines: await q(sql`select o.platform_order_id, l.line_no, l.sku, l.quantity, l.reserved_qty,
        l.backordered_qty, l.shipped_qty, l.refunded_qty, l.restocked_qty, l.cancelled_qty
      from order_lines l join orders o on o.id = l.order_id
      where o.account_id = ${accountId} order by 1, 2`),
    shipments: await q(sql`select o.platform_order_id, s.platform_shipment_id, sl.quantity, l.line_no
      from shipments s join orders o on o.id = s.order_id
      join shipment_lines sl on sl.shipment_id = s.id join order_lines l on l.id = sl.order_line_id
      where o.account_id = ${accountId} order by 1, 2, 4`),
    refunds: await q(sql`select o.platform_order_id, r.platform_refund_id, r.amount_minor, r.historical,
        coalesce(json_agg(json_build_array(l.line_no, rl.quantity, rl.restock, rl.amount_minor)
          order by l.line_no) filter (where rl.id is not null), '[]') as lines
      from refunds r join orders o on o.id = r.order_id
      left join refund_lines rl on rl.refund_id = r.id left join order_lines l on l.id = rl.order_line_id
      where o.account_id = ${accountId} group by 1, 2, 3, 4 order by 1, 2`),
    dailySales: await q(sql`select p.sku, d.day, d.units from product_daily_sales d
      join products p on p.id = d.product_id where d.account_id = ${accountId} and d.units <> 0
      order by 1, 2`),
    events: await q(sql`select type, count(*)::int as n from events
      where account_id = ${accountId} and type like any(array['order.%', 'shipment.%', 'refund.%'])
      group by type order by type`),
  };
}

async function tenantWith(stock: number[], backorderC: boolean) {
  const { accountId } = await createTenant(hub);
  await importProducts(
    hub.ctx.db,
    accountId,
    SKUS.map((sku, i) => ({
      sku,
      name: sku,
      quantity: stock[i]!,
      allowBackorder: sku === "C" && backorderC,
    })),
    { recordQuantities: recordImportedQuantities },
  );
  return accountId;
}

describe("a backfill page imported set-based", () => {
  // Two tenants and up to 24 orders a run: minutes on a loaded machine, which is no failure.
  it("ends where importing, then shipping and refunding order by order ended", {
    timeout: 900_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        // A platform order comes once a page (a channel's page lists it once) and again in later
        // pages: re-imported, unchanged or shipped, refunded or cancelled since.
        fc.array(fc.uniqueArray(order, { minLength: 1, maxLength: 8, selector: (o) => o.ref }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        async (pages, stock, backorderC) => {
          const db = hub.ctx.db;
          const former = await tenantWith(stock, backorderC);
          const fresh = await tenantWith(stock, backorderC);
          const firstOf = new Map<number, Spec>();
          for (const specs of pages) {
            const page = specs.map((s) => toPageOrder(s, firstOf));
            await formerPath(db, former, page);
            await importOrderPage(db, fresh, page);
          }
          const expected = await stateOf(db, former);
          expect(await stateOf(db, fresh)).toEqual(expected);
          expect(await checkLedger(db, fresh)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("refuses a page with an unknown SKU as a whole, as before", async () => {
    const accountId = await tenantWith([3, 3, 3], false);
    const page: PageOrder[] = [
      {
        input: {
          platformOrderId: "k1",
          placedAt: new Date(T0),
          currency: "USD",
          lines: [{ sku: "A", quantity: 1, unitPriceMinor: 1 }],
        },
      },
      {
        input: {
          platformOrderId: "k2",
          placedAt: new Date(T0),
          currency: "USD",
          lines: [{ sku: "nope", quantity: 1, unitPriceMinor: 1 }],
        },
        shipped: { platformShipmentId: "channel:k2", historical: false },
      },
    ];
    await expect(importOrderPage(hub.ctx.db, accountId, page)).rejects.toMatchObject({ code: "unknown_sku" });
    const state = await stateOf(hub.ctx.db, accountId);
    expect(state.orders).toEqual([]);
    expect(state.levels.map((l) => [l.on_hand, l.reserved])).toEqual([
      [3, 0],
      [3, 0],
      [3, 0],
    ]);
  });
});
