import { randomUUID } from "node:crypto";
import { isoDateTime } from "../../format.ts";
import { idOf } from "../../gid.ts";
import { cancelFulfillment, updateTracking } from "../../store/fulfillment-changes.ts";
import {
  type FulfillmentOrderView,
  fulfillmentOrderStatus,
  fulfillmentOrdersOf,
} from "../../store/fulfillments.ts";
import { activateInventory, updateInventoryItem } from "../../store/inventory-items.ts";
import { cancelOrder } from "../../store/orders.ts";
import type { DomainError } from "../../store/result.ts";
import type { CancelReason, Refund } from "../../store/types.ts";
import type { ConnectionArgs } from "../connection.ts";
import { windowed } from "../lists.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";
import { type TrackingInput, trackingEntries } from "./order-mutations.ts";

const userErrors = (errors: readonly DomainError[]) =>
  errors.map(({ field, message }) => ({ field, message }));

interface FulfillmentOrdersArgs extends ConnectionArgs {
  readonly includeClosed?: boolean | null;
  readonly sortKey?: string | null;
}

interface OrderCancelArgs {
  readonly orderId: string;
  readonly reason: CancelReason;
  readonly restock: boolean;
  readonly refund?: boolean | null;
  readonly refundMethod?: { originalPaymentMethodsRefund?: boolean | null } | null;
}

/** Open fulfillment orders of every order, oldest first; closed and cancelled ones only when asked. */
function allFulfillmentOrders(
  store: Parameters<typeof fulfillmentOrdersOf>[0],
  includeClosed: boolean,
): FulfillmentOrderView[] {
  const views: FulfillmentOrderView[] = [];
  for (const order of store.orders) {
    for (const view of fulfillmentOrdersOf(store, order)) {
      const status = fulfillmentOrderStatus(view);
      if (includeClosed || (status !== "CLOSED" && status !== "CANCELLED")) views.push(view);
    }
  }
  return views;
}

export const orderOperationResolvers: ResolverMap = {
  QueryRoot: fields<unknown>({
    fulfillmentOrders: (_root, args: FulfillmentOrdersArgs, context, info) => {
      const includeClosed = args.includeClosed === true;
      const views = context.lists.get(
        `fulfillmentOrders|${includeClosed}`,
        context.store.versions.orders,
        () => allFulfillmentOrders(context.store, includeClosed),
      );
      const byUpdate = args.sortKey === "UPDATED_AT";
      return windowed(context, info, views, args, (view) => [
        byUpdate ? view.order.updatedAt : view.id,
        view.id,
      ]);
    },
    productByIdentifier: (
      _root,
      args: { identifier: { id?: string | null; handle?: string | null } },
      { store },
    ) => {
      const { id, handle } = args.identifier;
      if (id) return store.productsById.get(idOf(id, "Product") ?? 0) ?? null;
      if (handle) return store.products.find((product) => product.handle === handle) ?? null;
      return null;
    },
  }),
  Refund: fields<Refund>({
    processedAt: (r) => isoDateTime(r.createdAt),
  }),
  Mutation: fields<unknown>({
    fulfillmentTrackingInfoUpdate: (
      _root,
      args: { fulfillmentId: string; trackingInfoInput: TrackingInput },
      context,
    ) => {
      const result = updateTracking(
        context.store,
        idOf(args.fulfillmentId, "Fulfillment"),
        trackingEntries(args.trackingInfoInput),
        context.nowMs(),
      );
      return result.ok
        ? { fulfillment: result.value, userErrors: [] }
        : { fulfillment: null, userErrors: userErrors(result.errors) };
    },
    fulfillmentCancel: (_root, args: { id: string }, context) => {
      const result = cancelFulfillment(context.store, idOf(args.id, "Fulfillment"), context.nowMs());
      return result.ok
        ? { fulfillment: result.value, userErrors: [] }
        : { fulfillment: null, userErrors: userErrors(result.errors) };
    },
    orderCancel: (_root, args: OrderCancelArgs, context) => {
      const order = context.store.ordersById.get(idOf(args.orderId, "Order") ?? 0);
      const refund = args.refundMethod?.originalPaymentMethodsRefund ?? args.refund ?? false;
      const result = order
        ? cancelOrder(
            context.store,
            order,
            { reason: args.reason, restock: args.restock, refund },
            context.nowMs(),
          )
        : null;
      if (result?.ok)
        return {
          job: { id: `gid://shopify/Job/${randomUUID()}`, done: true },
          orderCancelUserErrors: [],
          userErrors: [],
        };
      const errors = result
        ? result.errors.map(({ message }) => ({ code: "INVALID", field: ["orderId"], message }))
        : [{ code: "NOT_FOUND", field: ["orderId"], message: "Order does not exist" }];
      return {
        job: null,
        orderCancelUserErrors: errors,
        userErrors: errors.map(({ field, message }) => ({ field, message })),
      };
    },
    inventoryActivate: (
      _root,
      args: {
        inventoryItemId: string;
        locationId: string;
        available?: number | null;
        onHand?: number | null;
      },
      context,
    ) => {
      const result = activateInventory(context.store, {
        itemId: idOf(args.inventoryItemId, "InventoryItem"),
        locationId: idOf(args.locationId, "Location"),
        available: args.available ?? null,
        onHand: args.onHand ?? null,
        at: context.nowMs(),
      });
      return result.ok
        ? { inventoryLevel: result.value, userErrors: [] }
        : { inventoryLevel: null, userErrors: userErrors(result.errors) };
    },
    inventoryItemUpdate: (
      _root,
      args: { id: string; input: { sku?: string | null; tracked?: boolean | null } },
      context,
    ) => {
      const result = updateInventoryItem(
        context.store,
        idOf(args.id, "InventoryItem"),
        args.input,
        context.nowMs(),
      );
      return result.ok
        ? { inventoryItem: result.value, userErrors: [] }
        : { inventoryItem: null, userErrors: userErrors(result.errors) };
    },
  }),
};
