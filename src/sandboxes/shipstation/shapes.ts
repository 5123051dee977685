import type { SeedAddress } from "../kit/seed/index.ts";
import { decimal, type StoreShipment, type StoreSubscription } from "../kit/store/records.ts";
import { pacificText } from "./pacific.ts";
import type { SsOrder, SsState, SubStore } from "./store.ts";

/**
 * ShipStation v1's JSON, in its field order: money as numbers, dates as Pacific wall-clock text
 * (pacific.ts). Checked against shared/fixtures/real/shipstation (GET /orders, from the API docs'
 * example); fields the hub never reads keep the example's null/false values.
 */

const WAREHOUSE_ID = 123_456;
const dateOrNull = (ms: number | null) => (ms === null ? null : pacificText(ms));

function address(a: SeedAddress | null, name: string | null) {
  return {
    name: name ?? (a ? `${a.firstName} ${a.lastName}` : null),
    company: a ? "" : null,
    street1: a?.address1 ?? null,
    street2: a ? "" : null,
    street3: null,
    city: a?.city ?? null,
    state: a?.province ?? null,
    postalCode: a?.zip ?? null,
    country: a?.countryCode ?? null,
    phone: a?.phone ?? null,
    residential: a ? true : null,
    addressVerified: a ? "Address not yet validated" : null,
  };
}

function customerName(order: SsOrder): string | null {
  return order.customer ? `${order.customer.firstName} ${order.customer.lastName}` : null;
}

export function orderJson(state: SsState, order: SsOrder) {
  const linesCents = state.store.linesCents(order);
  const totalCents = linesCents + order.shippingCents;
  const lastShipment = order.shipments[order.shipments.length - 1];
  return {
    orderId: order.id,
    orderNumber: String(order.id - 987_653_000),
    orderKey: order.key,
    orderDate: pacificText(order.createdMs),
    createDate: pacificText(order.createdMs),
    modifyDate: pacificText(order.modifiedMs),
    paymentDate: dateOrNull(order.paidMs),
    shipByDate: null,
    orderStatus: order.status,
    customerId: order.customerId || null,
    customerUsername: order.customer?.email ?? null,
    customerEmail: order.customer?.email ?? null,
    billTo: address(null, customerName(order)),
    shipTo: address(order.address, null),
    items: order.lines.map((l) => ({
      orderItemId: l.id,
      lineItemKey: String(l.id),
      sku: l.sku,
      name: l.name,
      imageUrl: null,
      weight: { value: 12, units: "ounces" },
      quantity: l.quantity,
      unitPrice: Number(l.price),
      taxAmount: null,
      shippingAmount: null,
      warehouseLocation: null,
      options: [],
      productId: l.productId,
      fulfillmentSku: null,
      adjustment: false,
      upc: null,
      createDate: pacificText(order.createdMs).slice(0, 22),
      modifyDate: pacificText(order.createdMs).slice(0, 22),
    })),
    orderTotal: Number(decimal(totalCents)),
    amountPaid: order.paidMs === null ? 0 : Number(decimal(totalCents)),
    taxAmount: 0,
    shippingAmount: Number(decimal(order.shippingCents)),
    customerNotes: order.customerNote || null,
    internalNotes: null,
    gift: false,
    giftMessage: null,
    paymentMethod: null,
    requestedShippingService: null,
    carrierCode: lastShipment?.carrier ?? null,
    serviceCode: null,
    packageCode: null,
    confirmation: "none",
    shipDate: lastShipment ? lastShipment.shippedOn : null,
    holdUntilDate: null,
    weight: { value: 12 * order.lines.length, units: "ounces" },
    dimensions: null,
    insuranceOptions: { provider: null, insureShipment: false, insuredValue: 0 },
    internationalOptions: { contents: null, customsItems: null, nonDelivery: null },
    advancedOptions: {
      warehouseId: WAREHOUSE_ID,
      nonMachinable: false,
      saturdayDelivery: false,
      containsAlcohol: false,
      mergedOrSplit: false,
      mergedIds: [],
      parentId: null,
      storeId: state.storeOf.get(order.id) ?? null,
      customField1: null,
      customField2: null,
      customField3: null,
      source: null,
      billToParty: null,
      billToAccount: null,
      billToPostalCode: null,
      billToCountryCode: null,
    },
    tagIds: null,
    userId: null,
    externallyFulfilled: false,
    externallyFulfilledBy: null,
  };
}

export function shipmentJson(state: SsState, order: SsOrder, shipment: StoreShipment, withItems: boolean) {
  return {
    shipmentId: shipment.id,
    orderId: order.id,
    orderKey: order.key,
    userId: "c9f06d74-95de-4263-9b04-e87095cababf",
    customerEmail: order.customer?.email ?? null,
    orderNumber: String(order.id - 987_653_000),
    createDate: pacificText(shipment.createdMs),
    shipDate: shipment.shippedOn,
    shipmentCost: 3.28,
    insuranceCost: 0,
    trackingNumber: shipment.trackingNumber,
    isReturnLabel: false,
    batchNumber: state.batches.shipments.get(shipment.id) ?? null,
    carrierCode: shipment.carrier,
    serviceCode: null,
    packageCode: "package",
    confirmation: null,
    warehouseId: WAREHOUSE_ID,
    voided: false,
    voidDate: null,
    marketplaceNotified: false,
    notifyErrorMessage: null,
    shipTo: address(order.address, null),
    weight: { value: 12, units: "ounces" },
    dimensions: null,
    insuranceOptions: null,
    advancedOptions: { storeId: state.storeOf.get(order.id) ?? null },
    shipmentItems: withItems
      ? shipment.items.map((i) => {
          const line = order.lines.find((l) => l.id === i.lineId);
          return {
            orderItemId: i.lineId,
            lineItemKey: String(i.lineId),
            sku: line?.sku ?? null,
            name: line?.name ?? "",
            quantity: i.quantity,
            unitPrice: line ? Number(line.price) : 0,
            productId: line?.productId ?? null,
          };
        })
      : null,
    labelData: null,
    formData: null,
  };
}

export function storeJson(s: SubStore, createdMs: number) {
  return {
    storeId: s.storeId,
    storeName: s.storeName,
    marketplaceId: 0,
    marketplaceName: s.marketplaceName,
    accountName: null,
    email: null,
    integrationUrl: null,
    active: true,
    companyName: "",
    phone: "",
    publicEmail: "",
    website: "",
    refreshDate: pacificText(createdMs),
    lastRefreshAttempt: pacificText(createdMs),
    createDate: pacificText(createdMs),
    modifyDate: pacificText(createdMs),
    autoRefresh: false,
  };
}

/** `GET /webhooks` lists hooks in .NET casing, as ShipStation does. */
export function webhookJson(hook: StoreSubscription, storeId: number | null) {
  return {
    IsLabelAPIHook: false,
    WebHookID: hook.id,
    SellerID: 100_000,
    StoreID: storeId,
    HookType: hook.topic,
    MessageFormat: "Json",
    Url: hook.url,
    Name: hook.name,
    BulkCopyBatchID: null,
    BulkCopyRecordID: null,
    Active: hook.status === "active",
    WebhookLogs: [],
    Seller: null,
    Store: null,
  };
}
