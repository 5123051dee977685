/**
 * The surface real syncs use beyond reading and pushing stock (issue 19 item 8): fulfillment
 * orders as a root list, tracking updates, fulfillment and order cancellation, stocking an item
 * at a location, inventory item edits and product lookup by handle. Shapes follow the 2026-04
 * reference; `orderCancel` runs at once, so its Job is already `done`.
 */
export const orderOperationsSdl = /* GraphQL */ `
  enum FulfillmentOrderSortKeys {
    CREATED_AT
    ID
    UPDATED_AT
  }

  type Job {
    id: ID!
    done: Boolean!
  }

  enum OrderCancelUserErrorCode {
    INVALID
    NOT_FOUND
    NO_REFUND_PERMISSION
  }

  type OrderCancelUserError {
    code: OrderCancelUserErrorCode
    field: [String!]
    message: String!
  }

  type OrderCancelPayload {
    job: Job
    orderCancelUserErrors: [OrderCancelUserError!]!
    userErrors: [UserError!]! @deprecated(reason: "Use \`orderCancelUserErrors\` instead.")
  }

  input OrderCancelRefundMethodInput {
    originalPaymentMethodsRefund: Boolean
  }

  type FulfillmentTrackingInfoUpdatePayload {
    fulfillment: Fulfillment
    userErrors: [UserError!]!
  }

  type FulfillmentCancelPayload {
    fulfillment: Fulfillment
    userErrors: [UserError!]!
  }

  type InventoryActivatePayload {
    inventoryLevel: InventoryLevel
    userErrors: [UserError!]!
  }

  input InventoryItemInput {
    sku: String
    tracked: Boolean
  }

  type InventoryItemUpdatePayload {
    inventoryItem: InventoryItem
    userErrors: [UserError!]!
  }

  input ProductIdentifierInput {
    id: ID
    handle: String
  }

  extend type Refund {
    processedAt: DateTime!
  }

  extend type QueryRoot {
    fulfillmentOrders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: FulfillmentOrderSortKeys = ID, query: String, includeClosed: Boolean = false): FulfillmentOrderConnection!
    productByIdentifier(identifier: ProductIdentifierInput!): Product
  }

  extend type Mutation {
    fulfillmentTrackingInfoUpdate(fulfillmentId: ID!, trackingInfoInput: FulfillmentTrackingInput!, notifyCustomer: Boolean): FulfillmentTrackingInfoUpdatePayload
    fulfillmentCancel(id: ID!): FulfillmentCancelPayload
    orderCancel(orderId: ID!, reason: OrderCancelReason!, restock: Boolean!, refund: Boolean @deprecated(reason: "Use \`refundMethod\` instead."), refundMethod: OrderCancelRefundMethodInput, notifyCustomer: Boolean = false, staffNote: String): OrderCancelPayload
    inventoryActivate(inventoryItemId: ID!, locationId: ID!, available: Int, onHand: Int, stockAtLegacyLocation: Boolean = false): InventoryActivatePayload
    inventoryItemUpdate(id: ID!, input: InventoryItemInput!): InventoryItemUpdatePayload
  }
`;
