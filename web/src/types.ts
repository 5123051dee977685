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
export type Pending = { count: number; retrying: number; oldestAgeSeconds: number | null };
/** A connection over a stall threshold (GET /api/v1/sync/health): the first reason, what waits and how long. */
export type SyncStall = { reason: string; detail: string; waiting: number; oldestSeconds: number };
export type SyncHealth = { connectionId: string; stall: SyncStall | null };
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
  /** Why it failed, stable (docs/error-codes.md, "Feed run error codes"); null unless it failed. */
  errorCode: string | null;
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

/* Connection tabs, sync log and home (sync screens). */
export type RunProgress = { done: number; total: number | null };
export type FeedExecution = FeedRun & {
  full: boolean;
  progress: RunProgress | null;
  startedAt: string | null;
};
export type RunMessage = {
  severity: string;
  code: string;
  message: string;
  subject: string | null;
  at: string;
};
export type FeedExecutionDetail = FeedExecution & { messages: RunMessage[] };
export type PendingItem = {
  kind: string;
  sku: string | null;
  subjectId: string;
  attempts: number;
  lastError: string | null;
  enqueuedAt: string;
  nextAttemptAt: string;
};
export type PendingQueue = Pending & { items: PendingItem[] };
export type ShadowPreview = {
  id: number;
  kind: string;
  subject: string | null;
  description: string;
  payload: Record<string, unknown>;
  createdAt: string;
};
export type ModeChange = { from: Mode; to: Mode; actor: string | null; at: string };
export type SyncIssue = {
  id: string;
  connectionId: string;
  feedKind: string;
  subjectType: string;
  subjectId: string;
  severity: "info" | "retry" | "error";
  code: string;
  message: string;
  attempts: number;
  maxAttempts: number;
  nextRetryAt: string | null;
  state: string;
  resolvedAt: string | null;
  updatedAt: string;
};
export type SyncLogRow = {
  connectionId: string;
  sku: string;
  direction: "push" | "pull";
  quantity: number | null;
  result: "ok" | "failed" | "skipped";
  severity: "info" | "retry" | "error" | null;
  reason: string | null;
  at: string;
};
export type SalesDay = {
  day: string;
  connectionId: string | null;
  connectionName: string;
  orders: number;
  revenueMinor: number;
  refundedMinor: number;
  currency: string;
};
export type SalesReport = { timezone: string; from: string; to: string; items: SalesDay[] };
export type OrderSettings = {
  connectionId: string;
  postingMode: "individual" | "summary";
  grouping: "day" | "month";
  booksConnectionId: string | null;
  summaryCustomer: string | null;
};
export type PlanSettings = {
  connectionId: string | null;
  reportDays: number;
  overstockDays: number;
  understockDays: number;
};
export type NotificationTypeInfo = { key: string; label: string; group: string; severity: string };
export type NotificationSettings = {
  types: Record<string, boolean>;
  connections: { connectionId: string; types: Record<string, boolean>; ordersCountPeriod: string }[];
};

/* Orders & books, planner, warehouses, notification centre and alerts (books & notification screens). */
export type BooksPosting = {
  id: string;
  booksConnectionId: string;
  channelConnectionId: string | null;
  subjectType: "order" | "summary" | "refund";
  subjectId: string;
  status: "pending" | "posting" | "posted" | "failed" | "preview";
  generation: number;
  docKind: string | null;
  docNumber: string | null;
  totalMinor: number | null;
  error: string | null;
  attempts: number;
  postedAt: string | null;
  updatedAt: string;
};
export type OrderPostings = { summary: { id: string; periodKey: string } | null; items: BooksPosting[] };
export type SummarySale = {
  id: string;
  channelConnectionId: string;
  periodKey: string;
  currency: string;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number; amountMinor: number }[];
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  generation: number;
  orders: { id: string; orderNumber: string }[];
  createdAt: string;
};
export type SyncPreset = "current-week" | "current-month" | "last-month" | "last-quarter";
export type PostingOutcomes = Record<"posted" | "preview" | "failed" | "blocked" | "skipped", number>;
export type BooksSyncResult = {
  connectionId: string;
  from: string;
  to: string;
  mode: string;
  periods: string[];
  outcomes: PostingOutcomes;
};
export type BooksSyncProgress = {
  connectionId: string;
  from: string;
  to: string;
  postingMode: string;
  grouping: string;
  booksConnectionId: string | null;
  booksMode: string | null;
  orders: { total: number; inBooks: number };
  documents: Record<BooksPosting["status"], number> & { total: number };
  lastChangeAt: string | null;
};
export type Warehouse = {
  id: string;
  name: string;
  isDefault: boolean;
  countsForAvailability: boolean;
  createdAt: string;
};
export type PlanStatus = "ok" | "understock" | "overstock";
export type PlannerRow = {
  productId: string;
  sku: string;
  name: string;
  unitsSold: number;
  available: number;
  leadTimeDays: number | null;
  averageDailySales: number;
  daysOfSupply: number | null;
  difference: number | null;
  status: PlanStatus;
};
export type PlannerPage = Page<PlannerRow> & {
  settings: { reportDays: number; overstockDays: number; understockDays: number };
};
export type GoalMetric = "revenue" | "orders" | "units" | "refunds";
export type Goal = {
  id: string;
  name: string;
  metric: GoalMetric;
  period: "day" | "week" | "month" | "quarter" | "year";
  amount: number;
  connectionId: string | null;
  createdAt: string;
};
export type GoalProgress = {
  periodStart: string;
  periodEnd: string;
  value: number;
  amount: number;
  percent: number;
  achieved: boolean;
};
export type NotificationRow = Notification & {
  connectionId: string | null;
  subject: string | null;
  data: Record<string, unknown>;
};
export type NotificationDetail = NotificationRow & {
  readAt: string | null;
  deliveries: {
    channel: string;
    recipient: string;
    status: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
    sentAt: string | null;
  }[];
};
export type NotificationSettingsView = {
  defaultEmail: string | null;
  ownerEmail: string | null;
  override: { enabled: boolean; emails: string[] };
  globalOptIn: boolean;
  types: Record<string, boolean>;
  connections: { connectionId: string; types: Record<string, boolean>; ordersCountPeriod: string }[];
};
/** `list`: an array field, read with json-logic's `some`/`all` or a template loop. */
export type AlertFieldType = "string" | "number" | "boolean" | "date" | "enum" | "list";
/** An event a custom alert can watch; the hub derives its fields from the event's schema. */
export type AlertEvent = {
  type: string;
  fields: string[];
  fieldTypes: Record<string, { type: AlertFieldType; values?: string[] }>;
};
export type CustomAlert = {
  id: string;
  name: string;
  eventType: string;
  condition: unknown;
  template: string;
  recipients: { emails: string[]; owner: boolean; customer: boolean; webhookIds: string[] };
  enabled: boolean;
  createdAt: string;
};
export type AlertPreview = {
  sample: boolean;
  event: { id: number; createdAt: string; payload: Record<string, unknown> } | null;
  matches: boolean | null;
  message: string;
};
export type OnboardingStep = {
  kind: string;
  runId: string | null;
  status: "pending" | "queued" | "running" | "succeeded" | "partial" | "failed" | "skipped";
  done: number;
  estimatedTotal: number | null;
  counts: Record<string, number> | null;
  reason: string | null;
  /** The failed run's errorCode; null for a step the hub skipped on purpose. */
  reasonCode: string | null;
};
export type Onboarding = {
  status: "running" | "succeeded" | "failed";
  steps: OnboardingStep[];
  startedAt: string;
  finishedAt: string | null;
};
