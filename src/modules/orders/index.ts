// The orders module's public surface: everything outside the module imports this file, never one behind it.
export {
  allotmentThresholdReached,
  orderBackordered,
  orderImported,
  orderStatusChanged,
  refundRecorded,
  shipmentCreated,
} from "./events.ts";
export { shipmentForChannel } from "./fulfillment-view.ts";
export { type ImportOrderResult, importOrder, importOrderPage, importOrders } from "./import.ts";
export { ordersModule } from "./module.ts";
export type { OrderInput } from "./order-input.ts";
export { findOrderId } from "./order-lookup.ts";
export { orderMetric } from "./order-metrics.ts";
export type { ChannelRefund, PageOrder, PageOrderResult } from "./order-page.ts";
export {
  openLineTotals,
  orderExists,
  orderIdsPlacedIn,
  ordersWithLines,
  type RefundWithLines,
  refundIdsOfOrder,
  refundIdsRecordedIn,
  refundWithLines,
} from "./order-reads.ts";
export { unitsSoldByProduct } from "./product-sales.ts";
export { recordRefund } from "./refunds.ts";
export { registerOrderRoutes } from "./routes.ts";
export { createShipment } from "./shipments.ts";
export {
  allotmentReached,
  announceAllotmentThresholds,
  type OrderUsage,
  orderUsage,
} from "./usage.ts";
export { changeOrderStatus } from "./workflow.ts";
