import { gid, idOf } from "../../gid.ts";
import { fulfillmentOrderById } from "../../store/fulfillments.ts";
import type { WebhookSubscription } from "../../store/types.ts";
import {
  inventoryItemSpec,
  locationSpec,
  orderSpec,
  productSpec,
  variantSpec,
  webhookSpec,
} from "../list-specs.ts";
import { countMatching, type ListRequest, listConnection } from "../lists.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";
import { findNode } from "./node.ts";

interface IdArgs {
  readonly id: string;
}

interface CountArgs {
  readonly query?: string | null;
  readonly limit?: number | null;
}

interface WebhookListArgs extends ListRequest {
  readonly topics?: readonly string[] | null;
  readonly format?: string | null;
  /** Deprecated; the schema has no `uri` argument (real Shopify has none in any served version). */
  readonly callbackUrl?: string | null;
}

export const queryResolvers: ResolverMap = {
  QueryRoot: fields<unknown>({
    shop: (_root, _args, { store }) => ({
      id: gid("Shop", 1),
      name: store.shop.name,
      email: `owner@${store.shop.domain}`,
      myshopifyDomain: store.shop.domain,
      currencyCode: store.shop.currency,
      ianaTimezone: "Etc/UTC",
      timezoneAbbreviation: "UTC",
      plan: {
        displayName: store.shop.planName,
        publicDisplayName: store.shop.planName,
        partnerDevelopment: false,
        shopifyPlus: store.shop.plus,
      },
    }),
    node: (_root, args: IdArgs, { store }) => findNode(store, args.id),
    nodes: (_root, args: { ids: readonly string[] }, { store }) => args.ids.map((id) => findNode(store, id)),
    products: (_root, args: ListRequest, context, info) =>
      listConnection(context, productSpec(context.store), args, info),
    product: (_root, args: IdArgs, { store }) =>
      store.productsById.get(idOf(args.id, "Product") ?? 0) ?? null,
    productVariants: (_root, args: ListRequest, context, info) =>
      listConnection(context, variantSpec(context.store), args, info),
    productVariant: (_root, args: IdArgs, { store }) =>
      store.variantsById.get(idOf(args.id, "ProductVariant") ?? 0) ?? null,
    inventoryItems: (_root, args: ListRequest, context, info) =>
      listConnection(context, inventoryItemSpec(context.store), args, info),
    inventoryItem: (_root, args: IdArgs, { store }) =>
      store.inventoryItemsById.get(idOf(args.id, "InventoryItem") ?? 0) ?? null,
    inventoryLevel: (_root, args: IdArgs, { store }) => {
      const node = findNode(store, args.id);
      return node?.kind === "InventoryLevel" ? node : null;
    },
    locations: (_root, args: ListRequest & { includeInactive?: boolean | null }, context, info) =>
      listConnection(context, locationSpec(), args, info),
    location: (_root, args: { id?: string | null }, { store }) =>
      args.id ? (store.location(idOf(args.id, "Location") ?? 0) ?? null) : (store.locations[0] ?? null),
    orders: (_root, args: ListRequest, context, info) =>
      listConnection(context, orderSpec(context.store), args, info),
    order: (_root, args: IdArgs, { store }) => store.ordersById.get(idOf(args.id, "Order") ?? 0) ?? null,
    ordersCount: (_root, args: CountArgs, context, info) =>
      countMatching(context, orderSpec(context.store), args, info),
    productsCount: (_root, args: CountArgs, context, info) =>
      countMatching(context, productSpec(context.store), args, info),
    productVariantsCount: (_root, args: CountArgs, context, info) =>
      countMatching(context, variantSpec(context.store), args, info),
    customer: (_root, args: IdArgs, { store }) =>
      store.customersById.get(idOf(args.id, "Customer") ?? 0) ?? null,
    fulfillmentOrder: (_root, args: IdArgs, { store }) =>
      fulfillmentOrderById(store, idOf(args.id, "FulfillmentOrder") ?? 0) ?? null,
    currentBulkOperation: (_root, _args, { store }) =>
      store.bulkOperations[store.bulkOperations.length - 1] ?? null,
    webhookSubscriptions: (_root, args: WebhookListArgs, context, info) => {
      const uri = args.callbackUrl ?? null;
      const format = args.format ?? null;
      const filtered = {
        ...webhookSpec(),
        name: `webhookSubscriptions|${args.topics?.join(",")}|${uri}|${format}`,
      };
      const matches = (subscription: WebhookSubscription) =>
        (!args.topics || args.topics.includes(subscription.topic)) &&
        (uri === null || subscription.uri === uri) &&
        (format === null || subscription.format === format);
      return listConnection(
        context,
        { ...filtered, source: (s) => s.webhookSubscriptions.filter(matches) },
        args,
        info,
      );
    },
    webhookSubscription: (_root, args: IdArgs, { store }) =>
      store.webhookSubscriptions.find((s) => s.id === idOf(args.id, "WebhookSubscription")) ?? null,
  }),
};
