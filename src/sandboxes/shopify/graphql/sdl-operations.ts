/** Bulk operations, webhook subscriptions, and the Query and Mutation roots. */
export const operationsSdl = /* GraphQL */ `
  enum BulkOperationStatus {
    CANCELED
    CANCELING
    COMPLETED
    CREATED
    EXPIRED
    FAILED
    RUNNING
  }

  enum BulkOperationType {
    MUTATION
    QUERY
  }

  enum BulkOperationErrorCode {
    ACCESS_DENIED
    INTERNAL_SERVER_ERROR
    TIMEOUT
  }

  type BulkOperation implements Node {
    id: ID!
    status: BulkOperationStatus!
    type: BulkOperationType!
    errorCode: BulkOperationErrorCode
    query: String!
    createdAt: DateTime!
    completedAt: DateTime
    objectCount: UnsignedInt64!
    rootObjectCount: UnsignedInt64!
    fileSize: UnsignedInt64
    url: URL
    partialDataUrl: URL
  }

  enum BulkOperationUserErrorCode {
    INVALID
    OPERATION_IN_PROGRESS
    LIMIT_REACHED
  }

  type BulkOperationUserError {
    code: BulkOperationUserErrorCode
    field: [String!]
    message: String!
  }

  type BulkOperationRunQueryPayload {
    bulkOperation: BulkOperation
    userErrors: [BulkOperationUserError!]!
  }

  enum WebhookSubscriptionTopic {
    ORDERS_CREATE
    ORDERS_UPDATED
    ORDERS_PAID
    ORDERS_CANCELLED
    REFUNDS_CREATE
    PRODUCTS_UPDATE
    INVENTORY_LEVELS_UPDATE
    BULK_OPERATIONS_FINISH
    APP_UNINSTALLED
  }

  enum WebhookSubscriptionSortKeys {
    CREATED_AT
    ID
  }

  enum WebhookSubscriptionFormat {
    JSON
    XML
  }

  type WebhookHttpEndpoint {
    callbackUrl: URL!
  }

  union WebhookSubscriptionEndpoint = WebhookHttpEndpoint

  type ApiVersion {
    handle: String!
    displayName: String!
    supported: Boolean!
  }

  type WebhookSubscription implements Node & LegacyInteroperability {
    id: ID!
    legacyResourceId: UnsignedInt64!
    topic: WebhookSubscriptionTopic!
    uri: String!
    callbackUrl: URL! @deprecated(reason: "Use \`uri\` instead.")
    endpoint: WebhookSubscriptionEndpoint! @deprecated(reason: "Use \`uri\` instead.")
    format: WebhookSubscriptionFormat!
    includeFields: [String!]!
    apiVersion: ApiVersion!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type WebhookSubscriptionConnection {
    edges: [WebhookSubscriptionEdge!]!
    nodes: [WebhookSubscription!]!
    pageInfo: PageInfo!
  }

  type WebhookSubscriptionEdge {
    cursor: String!
    node: WebhookSubscription!
  }

  input WebhookSubscriptionInput {
    uri: String
    callbackUrl: URL
    format: WebhookSubscriptionFormat
    includeFields: [String!]
  }

  type WebhookSubscriptionCreatePayload {
    webhookSubscription: WebhookSubscription
    userErrors: [UserError!]!
  }

  type WebhookSubscriptionDeletePayload {
    deletedWebhookSubscriptionId: ID
    userErrors: [UserError!]!
  }

  schema {
    query: QueryRoot
    mutation: Mutation
  }

  type QueryRoot {
    shop: Shop!
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    products(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductSortKeys = ID, query: String): ProductConnection!
    product(id: ID!): Product
    productVariants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductVariantSortKeys = ID, query: String): ProductVariantConnection!
    productVariant(id: ID!): ProductVariant
    inventoryItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, query: String): InventoryItemConnection!
    inventoryItem(id: ID!): InventoryItem
    inventoryLevel(id: ID!): InventoryLevel
    locations(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: LocationSortKeys = NAME, query: String, includeInactive: Boolean = false): LocationConnection!
    location(id: ID): Location
    orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = PROCESSED_AT, query: String): OrderConnection!
    order(id: ID!): Order
    ordersCount(query: String, limit: Int = 10000): Count
    productsCount(query: String, limit: Int = 10000): Count
    productVariantsCount(query: String, limit: Int = 10000): Count
    customer(id: ID!): Customer
    fulfillmentOrder(id: ID!): FulfillmentOrder
    currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation
    webhookSubscriptions(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: WebhookSubscriptionSortKeys = ID, query: String, format: WebhookSubscriptionFormat, topics: [WebhookSubscriptionTopic!], callbackUrl: URL @deprecated(reason: "Read \`uri\` on each subscription instead.")): WebhookSubscriptionConnection!
    webhookSubscription(id: ID!): WebhookSubscription
  }

  type Mutation {
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    inventoryAdjustQuantities(input: InventoryAdjustQuantitiesInput!): InventoryAdjustQuantitiesPayload
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
    refundCreate(input: RefundInput!): RefundCreatePayload
    bulkOperationRunQuery(query: String!, groupObjects: Boolean = false): BulkOperationRunQueryPayload
    webhookSubscriptionCreate(topic: WebhookSubscriptionTopic!, webhookSubscription: WebhookSubscriptionInput!): WebhookSubscriptionCreatePayload
    webhookSubscriptionDelete(id: ID!): WebhookSubscriptionDeletePayload
  }
`;
