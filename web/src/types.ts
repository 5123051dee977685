/** Shapes of the API responses the dashboard reads (see GET /api/openapi.json). */

export type User = { id: string; accountId: string; email: string; name: string | null; role: string };
export type Me = { user: User; account: { id: string; name: string }; csrfToken?: string };
export type Page<T> = { items: T[]; nextCursor: string | null };

export type Mode = "test" | "shadow" | "live";
export type Connection = {
  id: string;
  platform: string;
  name: string;
  mode: Mode;
  label: string | null;
  credentials: unknown;
  createdAt: string;
};
export type Platform = { platform: string; displayName: string; capabilities: { feeds: string[] } };
export type Pending = { count: number; retrying: number; oldestAgeSeconds: number | null };
export type Feed = {
  kind: string;
  direction: string;
  enabled: boolean;
  cron: string | null;
  timezone: string;
  nextRunAt: string | null;
};
export type FeedRun = {
  id: string;
  connectionId: string;
  feedKind: string;
  trigger: string;
  status: string;
  counts: Record<string, number> | null;
  error: string | null;
  queuedAt: string;
  finishedAt: string | null;
};

export type StockStatus = "in_stock" | "low" | "out";
export type ProductRow = {
  id: string;
  sku: string;
  name: string;
  priceMinor: number | null;
  currency: string | null;
  onHand: number;
  reserved: number;
  available: number;
  stockStatus: StockStatus;
};
export type ProductDetail = Omit<ProductRow, "stockStatus"> & {
  barcode: string | null;
  lowStockThreshold: number | null;
  warehouses: {
    warehouseId: string;
    warehouseName: string;
    onHand: number;
    reserved: number;
    available: number;
  }[];
  listings: Record<string, unknown>[];
  recentMovements: {
    id: number;
    warehouseId: string;
    onHandDelta: number;
    reservedDelta: number;
    availableAfter: number;
    reason: string;
    referenceType: string | null;
    createdAt: string;
  }[];
};

export type OrderRow = {
  id: string;
  connectionId: string | null;
  orderNumber: string | null;
  platformOrderId: string;
  placedAt: string;
  status: string;
  currency: string;
  totalMinor: number;
  refundedMinor: number;
  customerName: string | null;
  backordered: boolean;
};
export type OrderDetail = OrderRow & {
  customerEmail: string | null;
  lines: {
    id: string;
    sku: string;
    name: string | null;
    quantity: number;
    unitPriceMinor: number;
    shippedQty: number;
    refundedQty: number;
    backorderedQty: number;
  }[];
  shipments: {
    id: string;
    carrier: string | null;
    trackingNumber: string | null;
    shippedAt: string;
    lines: { sku: string; quantity: number }[];
  }[];
  refunds: {
    id: string;
    amountMinor: number;
    currency: string;
    reason: string | null;
    refundedAt: string;
    lines: { sku: string; quantity: number; restock: boolean }[];
  }[];
};

export type Notification = {
  id: string;
  type: string;
  severity: string;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
};
