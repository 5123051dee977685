/** Scalars, interfaces and shared objects, named and shaped as in Shopify's Admin schema. */
export const commonSdl = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar Money
  scalar URL
  scalar UnsignedInt64
  scalar JSON

  "Makes a mutation safe to retry: the same key replays the first result."
  directive @idempotent(key: String!) on FIELD

  interface Node {
    id: ID!
  }

  interface LegacyInteroperability {
    legacyResourceId: UnsignedInt64!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum CurrencyCode {
    USD
    CAD
    EUR
    GBP
    AUD
  }

  enum CountryCode {
    US
    CA
    GB
    AU
    DE
    FR
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }

  type MoneyBag {
    shopMoney: MoneyV2!
    presentmentMoney: MoneyV2!
  }

  enum CountPrecision {
    EXACT
    AT_LEAST
  }

  type Count {
    count: Int!
    precision: CountPrecision!
  }

  type UserError {
    field: [String!]
    message: String!
  }

  type MailingAddress implements Node {
    id: ID!
    firstName: String
    lastName: String
    name: String
    company: String
    address1: String
    address2: String
    city: String
    province: String
    provinceCode: String
    country: String
    countryCodeV2: CountryCode
    zip: String
    phone: String
    formatted(withName: Boolean = false, withCompany: Boolean = true): [String!]!
  }

  type ShopPlan {
    displayName: String!
    publicDisplayName: String!
    partnerDevelopment: Boolean!
    shopifyPlus: Boolean!
  }

  type Shop implements Node {
    id: ID!
    name: String!
    email: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
    timezoneAbbreviation: String!
    plan: ShopPlan!
  }
`;
