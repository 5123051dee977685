import type { FastifyInstance } from "fastify";
import { z } from "zod";

/** How the control API reads and changes a platform's stock by SKU. */
export interface StockControl<Item> {
  /** Every item with the SKU (a messy store holds duplicates). */
  bySku(sku: string): readonly Item[];
  /** Sets on-hand units from outside the hub (a count, an admin edit); `body` holds platform extras such as a location. */
  set(items: readonly Item[], quantity: number, body: Readonly<Record<string, unknown>>): void;
  /** How an item shows in the control API's answers. */
  view(item: Item): unknown;
  unknownSku(sku: string): Error;
}

const stockChange = z.object({ sku: z.string(), quantity: z.number().int() }).passthrough();

/** `PUT /_sandbox/stock {"sku","quantity",…}` and `GET /_sandbox/stock?sku=`: every item with the SKU. */
export function registerStockControl<Item>(app: FastifyInstance, control: StockControl<Item>): void {
  app.put("/_sandbox/stock", async (request) => {
    const body = stockChange.parse(request.body);
    const items = control.bySku(body.sku);
    if (items.length === 0) throw control.unknownSku(body.sku);
    control.set(items, body.quantity, body);
    return items.map((item) => control.view(item));
  });
  app.get("/_sandbox/stock", async (request) => {
    const { sku } = z.object({ sku: z.string() }).parse(request.query);
    return control.bySku(sku).map((item) => control.view(item));
  });
}
