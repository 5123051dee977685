import type { ChannelOrder, ConnectorSession, Page } from "../contract.ts";
import { orNullWhenMissing } from "../kit/channel.ts";
import type { ShipStationClient } from "./client.ts";
import { mapOrder } from "./map-order.ts";
import { pacificFilter } from "./pacific.ts";
import { orderPageSchema, orderSchema, shipmentPageSchema } from "./schemas.ts";

export const MAX_PAGE_SIZE = 500;
type OrderOptions = Parameters<NonNullable<ConnectorSession["listOrders"]>>[0];

/** `page|modifyDateEnd`: the end is fixed on the first page so later pages read the same set. */
function readCursor(cursor: string | null | undefined, now: Date): { page: number; end: string } {
  const [page, end] = (cursor ?? "").split("|");
  const n = Number(page);
  return { page: Number.isInteger(n) && n > 0 ? n : 1, end: end || pacificFilter(now) };
}

/**
 * `GET /orders` by `modifyDateStart`/`modifyDateEnd` (Pacific wall-clock, converted here) sorted by
 * modification, `page`/`pageSize` (500 unless asked for fewer) until the answer's `pages`.
 */
export async function listOrders(
  client: ShipStationClient,
  currency: string,
  options: OrderOptions,
  now: Date,
): Promise<Page<ChannelOrder>> {
  const { page, end } = readCursor(options.cursor, now);
  // Requests are what ShipStation rations (40 a minute), so a page is as large as it allows.
  const pageSize = Math.min(Math.max(options.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const query = new URLSearchParams({
    sortBy: "ModifyDate",
    sortDir: "ASC",
    page: String(page),
    pageSize: String(pageSize),
    modifyDateEnd: end,
  });
  if (options.updatedSince) query.set("modifyDateStart", pacificFilter(options.updatedSince));
  if (options.createdSince) query.set("createDateStart", pacificFilter(options.createdSince));
  const answer = await client.get(`/orders?${query}`, orderPageSchema, "orders");
  return {
    items: answer.orders.map((o) => mapOrder(o, currency)),
    nextCursor: page < answer.pages ? `${page + 1}|${end}` : null,
    estimatedTotal: answer.total,
  };
}

/**
 * One order: by id (`GET /orders/{id}`), or the `resource_url` a webhook named — only on this
 * connection's API host, and only its `/orders` or `/shipments` reads; anything else is refused
 * without a request. A batch of several orders hands back its newest; the order feed brings the rest.
 * A shipments batch reads the order of its newest shipment (now marked shipped).
 */
export async function getOrder(
  client: ShipStationClient,
  currency: string,
  idOrResource: string,
): Promise<ChannelOrder | null> {
  if (/^\d+$/.test(idOrResource)) {
    const order = await orNullWhenMissing(() => client.get(`/orders/${idOrResource}`, orderSchema, "orders"));
    return order ? mapOrder(order, currency) : null;
  }
  const path = resourcePath(client.base, idOrResource);
  if (!path)
    throw client.fail(`refused to fetch ${idOrResource}: not this connection's ShipStation API`, null);
  if (path.startsWith("/orders")) {
    const answer = await client.get(path, orderPageSchema, "orders");
    const newest = answer.orders.at(-1);
    return newest ? mapOrder(newest, currency) : null;
  }
  const shipments = await client.get(path, shipmentPageSchema, "orders");
  const shipped = shipments.shipments.filter((s) => !s.voided).at(-1);
  return shipped ? getOrder(client, currency, String(shipped.orderId)) : null;
}

/** The API path of a resource URL on `base` (`/orders?…` or `/shipments?…`), or null for any other URL. */
export function resourcePath(base: string, resourceUrl: string): string | null {
  let url: URL;
  let api: URL;
  try {
    url = new URL(resourceUrl);
    api = new URL(base);
  } catch {
    return null;
  }
  const prefix = api.pathname.replace(/\/+$/, "");
  if (url.origin !== api.origin || url.username || url.password) return null;
  const path = url.pathname.slice(prefix.length);
  if (!url.pathname.startsWith(prefix) || !/^\/(orders|shipments)$/.test(path)) return null;
  return `${path}${url.search}`;
}
