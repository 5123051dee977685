/** GraphQL Admin API (2026-04) read documents. Page sizes come in as variables so cost can be sized. */

export const SHOP_QUERY = /* GraphQL */ `
  query StockwireShop {
    shop { name currencyCode myshopifyDomain }
  }
`;

export const LOCATIONS_QUERY = /* GraphQL */ `
  query StockwireLocations($first: Int!, $after: String) {
    locations(first: $first, after: $after, includeInactive: true) {
      nodes { id name isActive }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const VARIANT_FIELDS = /* GraphQL */ `
  fragment StockwireVariant on ProductVariant {
    id sku barcode title price updatedAt
    selectedOptions { name value }
    product { id title handle status updatedAt }
    inventoryItem { id tracked measurement { weight { value unit } } }
  }
`;

export const VARIANTS_QUERY = /* GraphQL */ `
  query StockwireVariants($first: Int!, $after: String, $query: String) {
    shop { currencyCode }
    productVariants(first: $first, after: $after, query: $query) {
      nodes { ...StockwireVariant }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${VARIANT_FIELDS}
`;

const LINE_FIELDS = /* GraphQL */ `
  fragment StockwireLine on LineItem {
    id sku name quantity
    originalUnitPriceSet { shopMoney { amount currencyCode } }
    totalDiscountSet { shopMoney { amount currencyCode } }
  }
`;

const REFUND_LINE_FIELDS = /* GraphQL */ `
  fragment StockwireRefundLine on RefundLineItem {
    quantity restockType
    lineItem { id sku }
  }
`;

const REFUND_FIELDS = /* GraphQL */ `
  fragment StockwireRefund on Refund {
    id createdAt note
    totalRefundedSet { shopMoney { amount currencyCode } }
    refundLineItems(first: $refundLines) {
      nodes { ...StockwireRefundLine }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${REFUND_LINE_FIELDS}
`;

const ORDER_FIELDS = /* GraphQL */ `
  fragment StockwireOrder on Order {
    id name createdAt updatedAt processedAt cancelledAt currencyCode email
    displayFinancialStatus displayFulfillmentStatus
    subtotalPriceSet { shopMoney { amount currencyCode } }
    totalDiscountsSet { shopMoney { amount currencyCode } }
    totalTaxSet { shopMoney { amount currencyCode } }
    totalShippingPriceSet { shopMoney { amount currencyCode } }
    totalPriceSet { shopMoney { amount currencyCode } }
    customer { displayName defaultEmailAddress { emailAddress } }
    shippingAddress { name address1 address2 city province provinceCode country countryCodeV2 zip }
    fulfillmentOrders(first: 1) { nodes { assignedLocation { location { id } } } }
    lineItems(first: $lines) {
      nodes { ...StockwireLine }
      pageInfo { hasNextPage endCursor }
    }
    refunds(first: $refunds) { ...StockwireRefund }
  }
  ${LINE_FIELDS}
  ${REFUND_FIELDS}
`;

export const ORDERS_QUERY = /* GraphQL */ `
  query StockwireOrders($first: Int!, $after: String, $query: String, $lines: Int!, $refunds: Int!, $refundLines: Int!) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { ...StockwireOrder }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${ORDER_FIELDS}
`;

/** How many orders a filter matches (no cap), for the backfill's progress estimate. */
export const ORDERS_COUNT_QUERY = /* GraphQL */ `
  query StockwireOrdersCount($query: String) {
    ordersCount(query: $query, limit: null) { count precision }
  }
`;

export const ORDER_QUERY = /* GraphQL */ `
  query StockwireOrder($id: ID!, $lines: Int!, $refunds: Int!, $refundLines: Int!) {
    order(id: $id) { ...StockwireOrder }
  }
  ${ORDER_FIELDS}
`;

/** The rest of an order's lines when the first page did not hold them all. */
export const ORDER_LINES_QUERY = /* GraphQL */ `
  query StockwireOrderLines($id: ID!, $first: Int!, $after: String) {
    order(id: $id) {
      lineItems(first: $first, after: $after) {
        nodes { ...StockwireLine }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
  ${LINE_FIELDS}
`;

/** Every refund of an order, when the first read hit its refund limit. */
export const ORDER_REFUNDS_QUERY = /* GraphQL */ `
  query StockwireOrderRefunds($id: ID!, $refunds: Int!, $refundLines: Int!) {
    order(id: $id) { refunds(first: $refunds) { ...StockwireRefund } }
  }
  ${REFUND_FIELDS}
`;

/** The rest of a refund's lines. */
export const REFUND_LINES_QUERY = /* GraphQL */ `
  query StockwireRefundLines($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on Refund {
        refundLineItems(first: $first, after: $after) {
          nodes { ...StockwireRefundLine }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${REFUND_LINE_FIELDS}
`;

const MEDIA_FIELDS = /* GraphQL */ `
  fragment StockwireMedia on MediaConnection {
    nodes { ... on MediaImage { image { url } } }
    pageInfo { hasNextPage endCursor }
  }
`;

/** Products' images (media of type image), position order, for a page of variants' products. */
export const PRODUCT_MEDIA_QUERY = /* GraphQL */ `
  query StockwireProductMedia($ids: [ID!]!, $first: Int!) {
    nodes(ids: $ids) {
      ... on Product { id media(first: $first, sortKey: POSITION) { ...StockwireMedia } }
    }
  }
  ${MEDIA_FIELDS}
`;

/** The rest of one product's media when the batched read did not hold them all. */
export const PRODUCT_MEDIA_PAGE_QUERY = /* GraphQL */ `
  query StockwireProductMediaPage($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on Product { media(first: $first, after: $after, sortKey: POSITION) { ...StockwireMedia } }
    }
  }
  ${MEDIA_FIELDS}
`;

/** `available` at one location for up to 250 inventory items. */
export const STOCK_QUERY = /* GraphQL */ `
  query StockwireStock($ids: [ID!]!, $locationId: ID!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id sku
        inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } }
      }
    }
  }
`;

export const FULFILLMENT_ORDERS_QUERY = /* GraphQL */ `
  query StockwireFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 5) {
        nodes {
          id status
          assignedLocation { location { id } }
          lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } }
        }
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTIONS_QUERY = /* GraphQL */ `
  query StockwireWebhooks($topics: [WebhookSubscriptionTopic!], $after: String) {
    webhookSubscriptions(first: 100, after: $after, topics: $topics) {
      nodes { id topic uri }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Counts variants cheaply (2 points a page: edges and cursors are free) to decide on a bulk read. */
export const VARIANT_PROBE_QUERY = /* GraphQL */ `
  query StockwireVariantProbe($first: Int!, $after: String) {
    productVariants(first: $first, after: $after) {
      edges { cursor }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const BULK_VARIANTS = /* GraphQL */ `
          variants {
            edges {
              node {
                id sku barcode title price updatedAt
                selectedOptions { name value }
                inventoryItem { id tracked measurement { weight { value unit } } }
              }
            }
          }
`;

/** The bulk catalogue: products, then each product's variants on their own JSONL lines (`__parentId`). */
export const BULK_CATALOG_QUERY = /* GraphQL */ `
  {
    products {
      edges {
        node {
          id title handle status updatedAt
          ${BULK_VARIANTS}
        }
      }
    }
  }
`;

/** The bulk catalogue with each product's images as further child lines (for the images feed). */
export const BULK_CATALOG_MEDIA_QUERY = /* GraphQL */ `
  {
    products {
      edges {
        node {
          id title handle status updatedAt
          ${BULK_VARIANTS}
          media { edges { node { ... on MediaImage { id image { url } } } } }
        }
      }
    }
  }
`;

export const BULK_OPERATION_QUERY = /* GraphQL */ `
  query StockwireBulkOperation($id: ID!) {
    node(id: $id) { ... on BulkOperation { id status errorCode objectCount url } }
  }
`;
