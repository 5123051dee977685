/**
 * Platform ids leave this connector as Shopify GraphQL global ids (`gid://shopify/Order/5600000000001`),
 * whichever API they came from: REST webhook payloads carry numeric ids, which are turned into the
 * same gids so a polled order and a webhook order share one identity.
 */
export type GidType =
  | "Product"
  | "ProductVariant"
  | "InventoryItem"
  | "Location"
  | "Order"
  | "LineItem"
  | "Refund"
  | "Fulfillment";

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

export function gid(type: GidType, id: string | number): string {
  return `gid://shopify/${type}/${String(id)}`;
}

/** Accepts a gid of `type` or the bare numeric id Shopify shows in the admin; null otherwise. */
export function toGid(value: string, type: GidType): string | null {
  if (/^\d+$/.test(value)) return gid(type, value);
  const match = GID.exec(value);
  return match && match[1] === type ? gid(type, match[2] as string) : null;
}

/** A REST resource's gid: `admin_graphql_api_id` when it is one of `type`, else built from the numeric id. */
export function restGid(type: GidType, id: string | number, apiId?: string | null): string {
  return (apiId ? toGid(apiId, type) : null) ?? gid(type, id);
}

export function restGidOrNull(type: GidType, id: string | number | null | undefined): string | null {
  return id === null || id === undefined ? null : gid(type, id);
}
