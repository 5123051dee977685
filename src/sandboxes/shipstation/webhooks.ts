import { randomUUID } from "node:crypto";
import { emitStoreWebhooks } from "../kit/store/emitter.ts";
import type { StoreEvent } from "../kit/store/records.ts";
import type { WebhookDispatcher } from "../kit/webhooks.ts";
import type { SsState, SsStatus } from "./store.ts";

/**
 * ShipStation's v1 webhooks name a batch, not its content: `{"resource_url","resource_type"}`,
 * the URL being an API read (40/minute like any other) of the orders imported or the shipments
 * created together (§6). Unsigned. ORDER_NOTIFY is sent for a new order, SHIP_NOTIFY for a label
 * (a shipment made in ShipStation); orders marked shipped through the API send none (GUESS).
 * Retries: ShipStation's schedule is not documented; three tries a minute apart (GUESS).
 */
export const RETRY_DELAYS_MS = [60_000, 60_000, 60_000] as const;

export function ssWebhooks(state: SsState, dispatcher: WebhookDispatcher, baseUrl: () => string): void {
  const payload = (resourceType: string, path: string) => ({
    topic: resourceType,
    body: () => JSON.stringify({ resource_url: `${baseUrl()}${path}`, resource_type: resourceType }),
  });
  const topics = (event: StoreEvent<SsStatus>) => {
    if (event.type === "order.created") {
      const batch = randomUUID();
      state.batches.orders.set(event.order.id, batch);
      return [payload("ORDER_NOTIFY", `/orders?importBatch=${batch}`)];
    }
    if (event.type === "shipment.created" && event.shipment.ref !== "markasshipped") {
      const batch = randomUUID();
      state.batches.shipments.set(event.shipment.id, batch);
      return [payload("SHIP_NOTIFY", `/shipments?batchId=${batch}&includeShipmentItems=False`)];
    }
    return [];
  };
  let current: StoreEvent<SsStatus> | null = null;
  state.store.listen((event) => {
    current = event;
  });
  emitStoreWebhooks(state.store, dispatcher, {
    topics,
    // A hook limited to a sub-store hears only of that store's orders and shipments.
    matches: (hook, topic) => {
      const limited = state.hookStores.get(hook.id);
      const order = current && "order" in current ? current.order : null;
      return hook.topic === topic && (limited === undefined || state.storeOf.get(order?.id ?? 0) === limited);
    },
    failuresToDisable: 10,
    outgoing: (hook, topic, body) => ({
      subscriptionId: String(hook.id),
      topic,
      url: hook.url,
      body,
      eventId: randomUUID(),
      headers: { "Content-Type": "application/json", "User-Agent": "ShipStation-Webhooks" },
    }),
  });
}
