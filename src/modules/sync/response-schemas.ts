import { z } from "zod";
import { runErrorCodes } from "./schema.ts";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const listPlatformsResponse = z.object({
  items: z.array(
    z.object({
      platform: z.string(),
      displayName: z.string(),
      capabilities: z.object({
        feeds: z.array(
          z.enum([
            "new-products",
            "update-products",
            "product-images",
            "new-orders",
            "update-orders",
            "initial-stock",
            "suppliers",
            "supplier-links",
            "stock-export",
            "stock-check",
            "shipping-confirmation",
            "inventory-source",
          ]),
        ),
        webhooks: z.boolean(),
        compareAndSet: z.boolean(),
        bulkExport: z.boolean(),
        maxStockBatch: z.number(),
      }),
      credentialsSchema: z
        .record(z.string(), z.unknown())
        .describe(
          "JSON Schema (2020-12) of `credentials` for POST /connections; secrets have format password",
        ),
      settingsSchema: z.record(z.string(), z.unknown()).describe("JSON Schema (2020-12) of `settings`"),
    }),
  ),
});

export const webhookParams = z.object({
  platform: z.string().describe("The connection's platform key, as in GET /api/v1/platforms"),
  connectionId: z.string().describe("The connection's id; an unknown one is 404"),
});

/** Read raw (the signature covers the exact bytes), so no shape is checked here: the connector parses it. */
export const webhookPayload = z.unknown().describe("The platform's own payload, as it sends it");

export const webhookReceivedResponse = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean().optional().describe("Already received: not stored again"),
    stored: z.literal(false).optional().describe("A platform's handshake ping: answered, nothing stored"),
  })
  .describe("Received (or a duplicate, or a handshake)");

/** A connection as every connection route shows it (credentials masked). */
const connectionView = z.object({
  id: z.string(),
  platform: z.string(),
  name: z.string(),
  mode: z.enum(["test", "shadow", "live"]),
  label: z.string().nullable(),
  credentials: z.record(z.string(), z.string()),
  // Settings a platform or module adds (tax codes, a Web Connector schedule…) are shown as stored.
  settings: z
    .object({
      locationWarehouses: z.record(z.string(), z.string()).optional(),
      stockLocationId: z.string().optional(),
      correctDrift: z.boolean().optional(),
    })
    .catchall(z.unknown()),
  status: z.enum(["connected", "disconnected"]),
  disconnectedAt: z.string().nullable(),
  disconnectedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Where a new connection's first runs stand. */
const onboardingView = z
  .object({
    status: z.string(),
    initialStock: z.enum(["never", "always", "auto"]),
    steps: z.array(
      z.object({
        kind: z.string(),
        runId: z.string().nullable(),
        status: z.enum(["partial", "pending", "failed", "queued", "skipped", "running", "succeeded"]),
        done: z.number(),
        estimatedTotal: z.number().nullable(),
        counts: z
          .object({
            imported: z.number(),
            updated: z.number(),
            new: z.number(),
            archived: z.number(),
            skipped: z.number(),
            failed: z.number(),
            historical: z.number().optional(),
            historicalRefunds: z.number().optional(),
          })
          .nullable(),
        reason: z.string().nullable(),
        reasonCode: z.enum(runErrorCodes).nullable(),
      }),
    ),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .nullable();

export const listConnectionsResponse = z.object({ items: z.array(connectionView) });

export const createConnectionResponse = connectionView.extend({
  webhooks: z.object({
    registered: z.boolean(),
    topics: z.array(z.string()).optional(),
    error: z.string().optional(),
  }),
  onboarding: onboardingView,
});

export const getConnectionResponse = connectionView.extend({
  webhooks: z.object({ registered: z.boolean(), error: z.string() }).optional(),
  onboarding: onboardingView,
});

export const updateConnectionResponse = connectionView;

export const setConnectionModeResponse = connectionView.extend({
  changed: z.boolean(),
  queuedPushes: z.number(),
});

export const listConnectionModeChangesResponse = z.object({
  items: z.array(z.object({ from: z.string(), to: z.string(), actor: z.string(), at: z.string() })),
});

export const getConnectionPendingResponse = z.object({
  count: z.number(),
  retrying: z.number(),
  oldestAgeSeconds: z.number().nullable(),
  items: z.array(
    z.object({
      kind: z.enum(["stock", "fulfillment"]),
      sku: z.string().nullable(),
      subjectId: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      enqueuedAt: z.string(),
      nextAttemptAt: z.string(),
    }),
  ),
});

export const listConnectionPreviewsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      subject: z.string().nullable(),
      description: z.string(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});

export const listConnectionDriftResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      runId: z.string(),
      sku: z.string(),
      locationId: z.string(),
      hubQuantity: z.number(),
      platformQuantity: z.number(),
      lastWriter: z.enum(["unknown", "hub", "outside"]),
      corrected: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const listFeedsResponse = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      direction: z.enum(["inbound", "outbound"]),
      enabled: z.boolean(),
      cron: z.string().nullable(),
      timezone: z.string(),
      nextRunAt: z.string().nullable(),
      watermark: z.string().nullable(),
    }),
  ),
});

export const updateFeedResponse = z.object({
  kind: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  enabled: z.boolean(),
  cron: z.string().nullable(),
  timezone: z.string(),
  nextRunAt: z.string().nullable(),
  watermark: z.string().nullable(),
});

export const runFeedResponse = z.object({
  alreadyQueued: z.boolean(),
  id: z.string(),
  connectionId: z.string(),
  feedKind: z.string(),
  trigger: z.enum(["onboarding", "schedule", "manual", "webhook", "retry"]),
  status: z.enum(["partial", "failed", "queued", "blocked", "running", "succeeded"]),
  full: z.boolean(),
  counts: z.object({
    imported: z.number(),
    updated: z.number(),
    new: z.number(),
    archived: z.number(),
    skipped: z.number(),
    failed: z.number(),
    historical: z.number().optional(),
    historicalRefunds: z.number().optional(),
  }),
  progress: z
    .object({ done: z.number(), total: z.number().nullable(), cursor: z.string().nullable().optional() })
    .nullable(),
  error: z.string().nullable(),
  errorCode: z.enum(runErrorCodes).nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const listFeedRunsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      connectionId: z.string(),
      feedKind: z.string(),
      trigger: z.enum(["onboarding", "schedule", "manual", "webhook", "retry"]),
      status: z.enum(["partial", "failed", "queued", "blocked", "running", "succeeded"]),
      full: z.boolean(),
      counts: z.object({
        imported: z.number(),
        updated: z.number(),
        new: z.number(),
        archived: z.number(),
        skipped: z.number(),
        failed: z.number(),
        historical: z.number().optional(),
        historicalRefunds: z.number().optional(),
      }),
      progress: z
        .object({ done: z.number(), total: z.number().nullable(), cursor: z.string().nullable().optional() })
        .nullable(),
      error: z.string().nullable(),
      errorCode: z.enum(runErrorCodes).nullable(),
      queuedAt: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const getFeedRunResponse = z.object({
  messages: z.array(
    z.object({
      severity: z.enum(["error", "info", "retry"]),
      code: z.string(),
      message: z.string(),
      subject: z.string().nullable(),
      at: z.string(),
    }),
  ),
  id: z.string(),
  connectionId: z.string(),
  feedKind: z.string(),
  trigger: z.enum(["onboarding", "schedule", "manual", "webhook", "retry"]),
  status: z.enum(["partial", "failed", "queued", "blocked", "running", "succeeded"]),
  full: z.boolean(),
  counts: z.object({
    imported: z.number(),
    updated: z.number(),
    new: z.number(),
    archived: z.number(),
    skipped: z.number(),
    failed: z.number(),
    historical: z.number().optional(),
    historicalRefunds: z.number().optional(),
  }),
  progress: z
    .object({ done: z.number(), total: z.number().nullable(), cursor: z.string().nullable().optional() })
    .nullable(),
  error: z.string().nullable(),
  errorCode: z.enum(runErrorCodes).nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const listSyncIssuesResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      connectionId: z.string(),
      feedKind: z.string(),
      subjectType: z.string(),
      subjectId: z.string(),
      severity: z.enum(["error", "info", "retry"]),
      code: z.string(),
      message: z.string(),
      attempts: z.number(),
      maxAttempts: z.number(),
      nextRetryAt: z.string().nullable(),
      state: z.string(),
      resolvedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const replaySyncIssueResponse = z.object({
  id: z.string(),
  connectionId: z.string(),
  feedKind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  severity: z.enum(["error", "info", "retry"]),
  code: z.string(),
  message: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextRetryAt: z.string().nullable(),
  state: z.string(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const listSyncLogResponse = z.object({
  items: z.array(
    z.object({
      connectionId: z.string(),
      sku: z.string(),
      direction: z.enum(["push", "pull"]),
      quantity: z.number().nullable(),
      result: z.enum(["failed", "skipped", "ok"]),
      severity: z.enum(["error", "info", "retry"]).nullable(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const getInventorySourceResponse = z.union([
  z.object({ source: z.literal("hub"), connectionId: z.null(), warehouseId: z.null(), since: z.null() }),
  z.object({
    source: z.literal("books"),
    connectionId: z.string(),
    warehouseId: z.string().nullable(),
    since: z.string(),
  }),
]);

export const setInventorySourceResponse = getInventorySourceResponse;

export const getSyncHealthResponse = z.object({
  items: z.array(
    z.object({
      connectionId: z.string(),
      name: z.string(),
      mode: z.string(),
      pushes: z.object({ count: z.number(), oldestSeconds: z.number() }),
      jobs: z.object({ count: z.number(), oldestSeconds: z.number() }),
      silentRuns: z.object({ count: z.number(), oldestSeconds: z.number() }),
      webhooks: z.object({ count: z.number(), oldestSeconds: z.number() }),
      webConnector: z.object({ count: z.number(), oldestSeconds: z.number() }),
      stall: z
        .object({
          reason: z.enum([
            "push_delayed",
            "webhooks_waiting",
            "jobs_waiting",
            "run_silent",
            "web_connector_silent",
          ]),
          detail: z.string(),
          waiting: z.number(),
          oldestSeconds: z.number(),
        })
        .nullable(),
    }),
  ),
  thresholds: z.object({
    pushSeconds: z.number(),
    jobSeconds: z.number(),
    heartbeatSeconds: z.number(),
    webhookSeconds: z.number(),
  }),
});

export const getStallThresholdsResponse = z.object({
  pushSeconds: z.number(),
  jobSeconds: z.number(),
  heartbeatSeconds: z.number(),
  webhookSeconds: z.number(),
});

export const updateStallThresholdsResponse = getStallThresholdsResponse;
