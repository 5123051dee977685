import { moneyString, restDateTime } from "../format.ts";
import { gid, legacyId } from "../gid.ts";
import type { Store } from "../store/store.ts";
import type { Address, Customer, LineItem, Refund, Transaction } from "../store/types.ts";

/** REST (webhook) building blocks: snake_case, numeric ids plus admin_graphql_api_id, money as "12.34". */

export function moneySet(cents: number, currency: string) {
  const money = { amount: moneyString(cents), currency_code: currency };
  return { shop_money: money, presentment_money: money };
}

export function restAddress(address: Address | null) {
  if (!address) return null;
  return {
    first_name: address.firstName,
    address1: address.address1,
    phone: address.phone,
    city: address.city,
    zip: address.zip,
    province: address.province,
    country: address.country,
    last_name: address.lastName,
    address2: address.address2,
    company: address.company,
    latitude: null,
    longitude: null,
    name: `${address.firstName} ${address.lastName}`,
    country_code: address.countryCode,
    province_code: address.provinceCode,
  };
}

export function restCustomer(customer: Customer | undefined, currency: string) {
  if (!customer) return null;
  return {
    id: legacyId("Customer", customer.id),
    email: customer.email,
    created_at: restDateTime(customer.createdAt),
    updated_at: restDateTime(customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: "enabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: customer.phone,
    currency,
    tags: "",
    admin_graphql_api_id: gid("Customer", customer.id),
    default_address: {
      id: legacyId("MailingAddress", customer.id * 2),
      customer_id: legacyId("Customer", customer.id),
      ...restAddress(customer.address),
      country_name: customer.address.country,
      default: true,
    },
  };
}

export function restLineItem(line: LineItem, currency: string, quantity = line.quantity) {
  const name = line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title;
  return {
    id: legacyId("LineItem", line.id),
    admin_graphql_api_id: gid("LineItem", line.id),
    current_quantity: line.quantity - line.removedQuantity - line.returnedQuantity,
    fulfillable_quantity: Math.max(0, line.quantity - line.removedQuantity - line.fulfilledQuantity),
    fulfillment_service: "manual",
    fulfillment_status:
      line.fulfilledQuantity === 0 ? null : line.fulfilledQuantity >= line.quantity ? "fulfilled" : "partial",
    gift_card: false,
    grams: line.grams,
    name,
    price: moneyString(line.priceCents),
    price_set: moneySet(line.priceCents, currency),
    product_exists: line.productId !== null,
    product_id: line.productId === null ? null : legacyId("Product", line.productId),
    properties: [],
    quantity,
    requires_shipping: true,
    sku: line.sku,
    taxable: true,
    title: line.title,
    total_discount: moneyString(line.discountCents),
    total_discount_set: moneySet(line.discountCents, currency),
    variant_id: line.variantId === null ? null : legacyId("ProductVariant", line.variantId),
    variant_inventory_management: "shopify",
    variant_title: line.variantTitle,
    vendor: line.vendor,
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}

export function restTransaction(transaction: Transaction, orderId: number, currency: string) {
  return {
    id: legacyId("OrderTransaction", transaction.id),
    admin_graphql_api_id: gid("OrderTransaction", transaction.id),
    order_id: legacyId("Order", orderId),
    kind: transaction.transactionKind.toLowerCase(),
    gateway: transaction.gateway,
    status: transaction.status.toLowerCase(),
    amount: moneyString(transaction.amountCents),
    currency,
    created_at: restDateTime(transaction.processedAt),
    processed_at: restDateTime(transaction.processedAt),
    parent_id: null,
    test: false,
  };
}

export function restRefund(store: Store, refund: Refund) {
  const order = store.ordersById.get(refund.orderId);
  const currency = order?.currency ?? store.shop.currency;
  return {
    id: legacyId("Refund", refund.id),
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: legacyId("Order", refund.orderId),
    created_at: restDateTime(refund.createdAt),
    processed_at: restDateTime(refund.createdAt),
    note: refund.note,
    restock: refund.lines.some((line) => line.restocked),
    user_id: null,
    refund_line_items: refund.lines.map((line) => {
      const item = order?.lineItems.find((candidate) => candidate.id === line.lineItemId);
      return {
        id: legacyId("RefundLineItem", line.id),
        line_item_id: legacyId("LineItem", line.lineItemId),
        location_id: line.locationId === null ? null : legacyId("Location", line.locationId),
        quantity: line.quantity,
        restock_type: line.restockType.toLowerCase(),
        subtotal: moneyString(line.subtotalCents),
        subtotal_set: moneySet(line.subtotalCents, currency),
        total_tax: moneyString(line.taxCents),
        total_tax_set: moneySet(line.taxCents, currency),
        line_item: item ? restLineItem(item, currency) : null,
      };
    }),
    transactions: refund.transactions.map((transaction) =>
      restTransaction(transaction, refund.orderId, currency),
    ),
    order_adjustments: [],
    duties: [],
  };
}
