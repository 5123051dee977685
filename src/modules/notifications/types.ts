import type { NotificationSeverity } from "./schema.ts";

/**
 * Standard types can be switched per account and connection; global ones are opt-in as a set and
 * not customisable (R-NOT-3); custom alerts follow their own definition.
 */
export type TypeGroup = "standard" | "global" | "custom";

export type NotificationTypeDef = {
  label: string;
  group: TypeGroup;
  severity: NotificationSeverity;
  /** Liquid; the wording follows the seeds. */
  title: string;
  body: string;
  /** E-mail it too (in-app is always); job completions would flood an inbox, so they stay in-app. */
  email: boolean;
  /** Seconds during which a second one for the same subject is not recorded (a flapping SKU). */
  cooldownSeconds?: number;
};

const day = 24 * 60 * 60;

export const notificationTypes = {
  goal_achieved: {
    label: "Goal achieved",
    group: "standard",
    severity: "success",
    title: 'Goal "{{ goal.name }}" has been achieved',
    body: "Goal Amount: {{ goal.amount }}\nReached: {{ progress }} this {{ goal.period }}",
    email: true,
  },
  low_stock: {
    label: "Low stock",
    group: "standard",
    severity: "warning",
    title: 'Restock this product "{{ sku }}"',
    body: "Available: {{ available }} (low-stock threshold {{ threshold }})",
    email: true,
    cooldownSeconds: 6 * 60 * 60,
  },
  understock: {
    label: "Understock",
    group: "standard",
    severity: "warning",
    title: 'Understocked: "{{ sku }}"',
    body: "Days of supply {{ daysOfSupply }} minus lead time {{ leadTimeDays }} is {{ difference }}, below {{ understockDays }} days",
    email: true,
  },
  overstock: {
    label: "Overstock",
    group: "standard",
    severity: "info",
    title: 'Overstocked: "{{ sku }}"',
    body: "Days of supply {{ daysOfSupply }} minus lead time {{ leadTimeDays }} is {{ difference }}, above {{ overstockDays }} days",
    email: true,
  },
  product_sync_failed: {
    label: "Product sync failed",
    group: "standard",
    severity: "error",
    title: 'Getting error while synchronizing this product "{{ sku }}"',
    body: "{{ code }}: {{ message }}",
    email: true,
    cooldownSeconds: 60 * 60,
  },
  product_sync_successful: {
    label: "Product sync successful",
    group: "standard",
    severity: "success",
    title: 'Product synchronization is successful for "{{ connection.name }}"',
    body: "{{ feedKind }}: {{ counts.new }} new, {{ counts.updated }} updated",
    email: false,
  },
  product_refund: {
    label: "Product refund",
    group: "standard",
    severity: "info",
    title: "Customer has initiated refund request for Product #{{ sku }}",
    body: "Order {{ orderNumber }}: {{ quantity }} unit(s), refund {{ amount }} {{ currency }}",
    email: true,
  },
  orders_count: {
    label: "Total orders count",
    group: "standard",
    severity: "info",
    title:
      '{% case period %}{% when "week" %}This week{% when "month" %}This month{% else %}Today{% endcase %} we have processed {{ count }} orders for "{{ connection.name }}"',
    body: "Orders placed from {{ from }} to {{ to }}",
    email: true,
  },
  job_completion: {
    label: "Job completion",
    group: "standard",
    severity: "info",
    title: '{{ feedKind }} {{ status }} for "{{ connection.name }}"',
    body: "Imported: {{ counts.imported }}\nUpdated: {{ counts.updated }}\nNew: {{ counts.new }}\nArchived: {{ counts.archived }}\nSkipped: {{ counts.skipped }}\nFailed: {{ counts.failed }}{% if error %}\nError: {{ error }}{% endif %}",
    email: false,
  },
  // One per backfill instead of an alert per old order (sync/history.ts).
  backfill_summary: {
    label: "Backfill summary",
    group: "standard",
    severity: "info",
    title: 'Imported {{ orders }} historical orders ({{ refunds }} refunds) from "{{ connection.name }}"',
    body: "Placed {{ from }} to {{ to }}. History, not news: no alert, refund or goal notification was sent for them; stock, books and reports count them.",
    email: false,
  },
  sync_error: {
    label: "Sync error needing attention",
    group: "standard",
    severity: "error",
    title: 'Needs attention on "{{ connection.name }}": {{ code }}',
    body: "{{ subjectType }} {{ subjectId }}: {{ message }}",
    email: true,
    cooldownSeconds: day,
  },
  // Raised once per episode by the sync module's stall watch, so no cooldown is needed.
  sync_stalled: {
    label: "Sync stalled",
    group: "standard",
    severity: "error",
    title: 'Sync stalled for "{{ connection.name }}"',
    body: "{{ waiting }} waiting, oldest {{ oldestMinutes }} min: {{ detail }}",
    email: true,
  },
  sync_recovered: {
    label: "Sync recovered",
    group: "standard",
    severity: "success",
    title: 'Sync recovered for "{{ connection.name }}"',
    body: "Back in step after {{ stalledMinutes }} min ({{ detail }})",
    email: true,
  },
  // Once per disconnection (connections/disconnect.ts records it once), so no cooldown is needed.
  connection_disconnected: {
    label: "Connection disconnected",
    group: "standard",
    severity: "error",
    title: '"{{ connection.name }}" is disconnected',
    body: "{{ platform }}: {{ reason }}",
    email: true,
  },
  new_inventory_imported: {
    label: "New inventory imported",
    group: "global",
    severity: "info",
    title: 'New inventory imported from "{{ connection.name }}"',
    body: "{{ counts.new }} new product(s)",
    email: true,
  },
  source_invoice_imported: {
    label: "Source invoice imported",
    group: "global",
    severity: "info",
    title: "Source invoice {{ invoiceNumber }} imported",
    body: "{{ lines }} line(s) from {{ supplier }}",
    email: true,
  },
  cost_mismatch: {
    label: "Cost of goods mismatch",
    group: "global",
    severity: "warning",
    title: 'Source invoice cost of goods mismatch for "{{ sku }}"',
    body: "Invoice {{ invoiceNumber }} says {{ invoiceCost }}, the product cost is {{ productCost }}",
    email: true,
  },
  purchase_order_received: {
    label: "Purchase order received",
    group: "global",
    severity: "success",
    title: 'Purchase order {{ number }} from "{{ supplier }}" is received',
    body: "{{ units }} unit(s) on {{ lines }} line(s), in {{ receipts }} receipt(s)",
    email: true,
  },
  // Once per account, year and threshold (orders/usage.ts records each notice once).
  order_allotment_warning: {
    label: "Order allotment nearly used",
    group: "standard",
    severity: "warning",
    title: "{{ threshold }}% of this year's order allotment used",
    body: "{{ used }} of {{ allotment }} orders downloaded in {{ year }}; at 100% order import pauses until the allotment is raised",
    email: true,
  },
  order_allotment_reached: {
    label: "Order allotment reached",
    group: "standard",
    severity: "error",
    title: "Order allotment reached: order import is paused",
    body: "{{ used }} of {{ allotment }} orders downloaded in {{ year }}. Stock keeps syncing; orders are imported again once the allotment is raised or the year turns",
    email: true,
  },
  custom_alert: {
    label: "Custom alert",
    group: "custom",
    severity: "info",
    title: "{{ alertName }}",
    body: "{{ message }}",
    email: false,
  },
} as const satisfies Record<string, NotificationTypeDef>;

export type NotificationType = keyof typeof notificationTypes;
export const notificationTypeKeys = Object.keys(notificationTypes) as NotificationType[];
export const switchableTypes = notificationTypeKeys.filter((t) => notificationTypes[t].group === "standard");

export function typeDef(type: NotificationType): NotificationTypeDef {
  return notificationTypes[type];
}
