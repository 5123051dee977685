import { SHOPIFY_API_VERSION } from "../../constants.ts";
import { isoDateTime, nullableIso } from "../../format.ts";
import { gid, idOf, legacyId } from "../../gid.ts";
import type { BulkOperation, WebhookSubscription, WebhookTopicEnum } from "../../store/types.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";

interface SubscriptionInput {
  readonly uri?: string | null;
  readonly callbackUrl?: string | null;
  readonly includeFields?: readonly string[] | null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Bulk operations and webhook subscriptions. */
export const operationResolvers: ResolverMap = {
  Mutation: fields<unknown>({
    bulkOperationRunQuery: (_root, args: { query: string }, { bulk }) => {
      const result = bulk.start(args.query);
      return result.ok
        ? { bulkOperation: result.value, userErrors: [] }
        : { bulkOperation: null, userErrors: result.errors };
    },
    webhookSubscriptionCreate: (
      _root,
      args: { topic: WebhookTopicEnum; webhookSubscription: SubscriptionInput },
      { store, nowMs },
    ) => {
      const uri = args.webhookSubscription.uri ?? args.webhookSubscription.callbackUrl ?? "";
      const field = ["webhookSubscription", args.webhookSubscription.uri ? "uri" : "callbackUrl"];
      if (!isHttpUrl(uri)) {
        return { webhookSubscription: null, userErrors: [{ field, message: "Address is invalid" }] };
      }
      if (store.webhookSubscriptions.some((s) => s.topic === args.topic && s.uri === uri)) {
        return {
          webhookSubscription: null,
          userErrors: [{ field, message: "Address for this topic has already been taken" }],
        };
      }
      const at = nowMs();
      const subscription: WebhookSubscription = {
        kind: "WebhookSubscription",
        id: store.nextId("WebhookSubscription"),
        topic: args.topic,
        uri,
        format: "JSON",
        includeFields: [...(args.webhookSubscription.includeFields ?? [])],
        createdAt: at,
        updatedAt: at,
      };
      store.webhookSubscriptions.push(subscription);
      return { webhookSubscription: subscription, userErrors: [] };
    },
    webhookSubscriptionDelete: (_root, args: { id: string }, { store }) => {
      const id = idOf(args.id, "WebhookSubscription");
      const index = store.webhookSubscriptions.findIndex((s) => s.id === id);
      if (index < 0) {
        return {
          deletedWebhookSubscriptionId: null,
          userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }],
        };
      }
      store.webhookSubscriptions.splice(index, 1);
      return { deletedWebhookSubscriptionId: args.id, userErrors: [] };
    },
  }),
  BulkOperation: fields<BulkOperation>({
    id: (b) => gid("BulkOperation", b.id),
    createdAt: (b) => isoDateTime(b.createdAt),
    completedAt: (b) => nullableIso(b.completedAt),
    objectCount: (b) => String(b.objectCount),
    rootObjectCount: (b) => String(b.rootObjectCount),
    fileSize: (b) => (b.fileSize === null ? null : String(b.fileSize)),
    partialDataUrl: () => null,
  }),
  WebhookSubscription: fields<WebhookSubscription>({
    id: (w) => gid("WebhookSubscription", w.id),
    legacyResourceId: (w) => String(legacyId("WebhookSubscription", w.id)),
    callbackUrl: (w) => w.uri,
    endpoint: (w) => ({ kind: "WebhookHttpEndpoint", callbackUrl: w.uri }),
    apiVersion: () => ({ handle: SHOPIFY_API_VERSION, displayName: SHOPIFY_API_VERSION, supported: true }),
    createdAt: (w) => isoDateTime(w.createdAt),
    updatedAt: (w) => isoDateTime(w.updatedAt),
  }),
};
