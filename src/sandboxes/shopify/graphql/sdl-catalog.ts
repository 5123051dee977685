/** Products, variants, inventory and locations. */
export const catalogSdl = /* GraphQL */ `
  enum ProductStatus {
    ACTIVE
    ARCHIVED
    DRAFT
  }

  enum ProductSortKeys {
    CREATED_AT
    ID
    INVENTORY_TOTAL
    RELEVANCE
    TITLE
    UPDATED_AT
    VENDOR
  }

  enum ProductVariantSortKeys {
    ID
    INVENTORY_QUANTITY
    POSITION
    RELEVANCE
    SKU
    TITLE
  }

  enum LocationSortKeys {
    ID
    NAME
    RELEVANCE
  }

  enum ProductVariantInventoryPolicy {
    DENY
    CONTINUE
  }

  type ProductOption implements Node {
    id: ID!
    name: String!
    position: Int!
    values: [String!]!
  }

  type SelectedOption {
    name: String!
    value: String!
  }

  type Product implements Node & LegacyInteroperability {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    handle: String!
    vendor: String!
    productType: String!
    status: ProductStatus!
    tags: [String!]!
    createdAt: DateTime!
    updatedAt: DateTime!
    totalInventory: Int!
    tracksInventory: Boolean!
    hasOnlyDefaultVariant: Boolean!
    options(first: Int): [ProductOption!]!
    variantsCount: Count
    variants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): ProductVariantConnection!
    mediaCount: Count
    media(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductMediaSortKeys = POSITION, query: String): MediaConnection!
    featuredMedia: Media
    images(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductImageSortKeys = POSITION): ImageConnection! @deprecated(reason: "Use \`media\` instead.")
    featuredImage: Image @deprecated(reason: "Use \`featuredMedia\` instead.")
  }

  type ProductConnection {
    edges: [ProductEdge!]!
    nodes: [Product!]!
    pageInfo: PageInfo!
  }

  type ProductEdge {
    cursor: String!
    node: Product!
  }

  type ProductVariant implements Node & LegacyInteroperability {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    displayName: String!
    sku: String
    barcode: String
    price: Money!
    compareAtPrice: Money
    position: Int!
    inventoryQuantity: Int
    inventoryPolicy: ProductVariantInventoryPolicy!
    availableForSale: Boolean!
    selectedOptions: [SelectedOption!]!
    inventoryItem: InventoryItem!
    product: Product!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ProductVariantConnection {
    edges: [ProductVariantEdge!]!
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  type ProductVariantEdge {
    cursor: String!
    node: ProductVariant!
  }

  type Weight {
    value: Float!
    unit: WeightUnit!
  }

  enum WeightUnit {
    GRAMS
    KILOGRAMS
    OUNCES
    POUNDS
  }

  type InventoryItemMeasurement {
    id: ID!
    weight: Weight
  }

  type InventoryItem implements Node & LegacyInteroperability {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
    tracked: Boolean!
    requiresShipping: Boolean!
    measurement: InventoryItemMeasurement!
    createdAt: DateTime!
    updatedAt: DateTime!
    variant: ProductVariant!
    locationsCount: Count
    inventoryLevel(locationId: ID!): InventoryLevel
    inventoryLevels(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, query: String): InventoryLevelConnection!
  }

  type InventoryItemConnection {
    edges: [InventoryItemEdge!]!
    nodes: [InventoryItem!]!
    pageInfo: PageInfo!
  }

  type InventoryItemEdge {
    cursor: String!
    node: InventoryItem!
  }

  type InventoryQuantity implements Node {
    id: ID!
    name: String!
    quantity: Int!
    updatedAt: DateTime
  }

  type InventoryLevel implements Node {
    id: ID!
    canDeactivate: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
    item: InventoryItem!
    location: Location!
    quantities(names: [String!]!): [InventoryQuantity!]!
  }

  type InventoryLevelConnection {
    edges: [InventoryLevelEdge!]!
    nodes: [InventoryLevel!]!
    pageInfo: PageInfo!
  }

  type InventoryLevelEdge {
    cursor: String!
    node: InventoryLevel!
  }

  type LocationAddress {
    address1: String
    address2: String
    city: String
    province: String
    provinceCode: String
    country: String
    countryCode: String
    zip: String
    phone: String
  }

  type Location implements Node & LegacyInteroperability {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    isActive: Boolean!
    isPrimary: Boolean!
    fulfillsOnlineOrders: Boolean!
    shipsInventory: Boolean!
    address: LocationAddress!
    createdAt: DateTime!
    updatedAt: DateTime!
    inventoryLevel(inventoryItemId: ID!): InventoryLevel
    inventoryLevels(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, query: String): InventoryLevelConnection!
  }

  type LocationConnection {
    edges: [LocationEdge!]!
    nodes: [Location!]!
    pageInfo: PageInfo!
  }

  type LocationEdge {
    cursor: String!
    node: Location!
  }
`;
