import { z } from "zod";
import { notificationSeverities } from "./schema.ts";

/** An alert's condition: a json-logic expression, or null for every event of its type. */
const jsonLogic = z
  // biome-ignore lint/complexity/noBannedTypes: the stored condition is typed `{}` (any json-logic object)
  .custom<{}>((v) => typeof v === "object" && v !== null)
  .meta({ type: "object", description: "A json-logic expression; null for every event of the type" })
  .nullable();

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const previewCustomAlertResponse = z.object({
  sample: z.boolean(),
  event: z
    .object({ id: z.number(), createdAt: z.string(), payload: z.record(z.string(), z.unknown()) })
    .nullable(),
  matches: z.boolean().nullable(),
  message: z.string(),
});

export const listCustomAlertEventsResponse = z.object({
  items: z.array(
    z.object({
      type: z.enum([
        "order.imported",
        "order.backordered",
        "order.status_changed",
        "refund.recorded",
        "shipment.created",
        "stock.changed",
        "stock.oversold",
        "feed_run.finished",
        "sync.error",
        "product.imported",
        "product.updated",
      ]),
      fields: z.array(z.string()),
      fieldTypes: z.record(
        z.string(),
        z.object({
          type: z.enum(["string", "number", "boolean", "date", "enum", "list"]),
          values: z.array(z.string()).optional(),
        }),
      ),
    }),
  ),
});

export const listCustomAlertsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      eventType: z.string(),
      condition: jsonLogic,
      template: z.string(),
      recipients: z.object({
        emails: z.array(z.string()),
        owner: z.boolean(),
        customer: z.boolean(),
        webhookIds: z.array(z.string()),
      }),
      enabled: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const createCustomAlertResponse = z.object({
  id: z.string(),
  name: z.string(),
  eventType: z.string(),
  condition: jsonLogic,
  template: z.string(),
  recipients: z.object({
    emails: z.array(z.string()),
    owner: z.boolean(),
    customer: z.boolean(),
    webhookIds: z.array(z.string()),
  }),
  enabled: z.boolean(),
  createdAt: z.string(),
});

export const getCustomAlertResponse = createCustomAlertResponse;

export const updateCustomAlertResponse = createCustomAlertResponse;

export const testCustomAlertResponse = z.union([
  z.object({ event: z.null(), matches: z.boolean(), message: z.null() }),
  z.object({
    event: z.object({
      id: z.number(),
      type: z.string(),
      createdAt: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
    matches: z.boolean(),
    message: z.string(),
  }),
]);

export const listGoalsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      metric: z.enum(["orders", "refunds", "revenue", "units"]),
      period: z.enum(["day", "month", "week", "quarter", "year"]),
      amount: z.number(),
      connectionId: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const createGoalResponse = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(["orders", "refunds", "revenue", "units"]),
  period: z.enum(["day", "month", "week", "quarter", "year"]),
  amount: z.number(),
  connectionId: z.string().nullable(),
  createdAt: z.string(),
});

export const getGoalResponse = createGoalResponse;

export const updateGoalResponse = createGoalResponse;

export const getGoalProgressResponse = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  amount: z.number(),
  percent: z.number(),
  achieved: z.boolean(),
});

export const listNotificationTypesResponse = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      group: z.enum(["standard", "global", "custom"]),
      severity: z.enum(notificationSeverities),
      title: z.string().describe("Liquid template"),
      body: z.string().describe("Liquid template"),
      email: z.boolean(),
      cooldownSeconds: z.number().optional(),
    }),
  ),
});

export const getNotificationSettingsResponse = z.object({
  defaultEmail: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  override: z.object({ enabled: z.boolean(), emails: z.array(z.string()) }),
  globalOptIn: z.boolean(),
  types: z.record(z.string(), z.boolean()),
  connections: z.array(
    z.object({
      connectionId: z.string(),
      types: z.object({
        understock: z.boolean().optional(),
        overstock: z.boolean().optional(),
        goal_achieved: z.boolean().optional(),
        low_stock: z.boolean().optional(),
        product_sync_failed: z.boolean().optional(),
        product_sync_successful: z.boolean().optional(),
        product_refund: z.boolean().optional(),
        orders_count: z.boolean().optional(),
        job_completion: z.boolean().optional(),
        backfill_summary: z.boolean().optional(),
        sync_error: z.boolean().optional(),
        sync_stalled: z.boolean().optional(),
        sync_recovered: z.boolean().optional(),
        new_inventory_imported: z.boolean().optional(),
        source_invoice_imported: z.boolean().optional(),
        cost_mismatch: z.boolean().optional(),
        purchase_order_received: z.boolean().optional(),
        order_allotment_warning: z.boolean().optional(),
        order_allotment_reached: z.boolean().optional(),
        custom_alert: z.boolean().optional(),
      }),
      ordersCountPeriod: z.enum(["day", "month", "week"]),
    }),
  ),
});

export const updateNotificationSettingsResponse = getNotificationSettingsResponse;

export const listNotificationWebhooksResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      format: z.enum(["json", "slack"]),
      allNotifications: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const createNotificationWebhookResponse = z.object({
  secret: z.string(),
  id: z.string(),
  url: z.string(),
  format: z.enum(["json", "slack"]),
  allNotifications: z.boolean(),
  createdAt: z.string(),
});

export const listNotificationsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      severity: z.string(),
      title: z.string(),
      body: z.string(),
      connectionId: z.string().nullable(),
      subject: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const countUnreadNotificationsResponse = z.object({ unread: z.number() });

export const getNotificationResponse = z.object({
  id: z.string(),
  type: z.string(),
  severity: z.enum(["error", "success", "warning", "info"]),
  title: z.string(),
  body: z.string(),
  connectionId: z.string().nullable(),
  subject: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  deliveries: z.array(
    z.object({
      channel: z.enum(["webhook", "email"]),
      recipient: z.string(),
      status: z.enum(["pending", "failed", "sending", "sent", "not_configured", "uncertain"]),
      attempts: z.number(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  ),
});

export const markAllNotificationsReadResponse = z.object({ marked: z.number() });

export const listConnectionRecentRunsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      severity: z.string(),
      title: z.string(),
      body: z.string(),
      connectionId: z.string().nullable(),
      subject: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});
