/** GraphQL Admin API (2026-04) write documents. */

/** Absolute `available` quantities with compare-and-set (`changeFromQuantity`) on every row. */
export const SET_QUANTITIES_MUTATION = /* GraphQL */ `
  mutation StockwireSetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup { id }
      userErrors { code field message }
    }
  }
`;

export const FULFILLMENT_CREATE_MUTATION = /* GraphQL */ `
  mutation StockwireFulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status trackingInfo { company number url } }
      userErrors { field message }
    }
  }
`;

export const WEBHOOK_CREATE_MUTATION = /* GraphQL */ `
  mutation StockwireWebhookCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
      webhookSubscription { id topic }
      userErrors { field message }
    }
  }
`;

export const BULK_QUERY_MUTATION = /* GraphQL */ `
  mutation StockwireBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation { id status }
      userErrors { code field message }
    }
  }
`;
