import { z } from "zod";
import { defineEvent } from "../events/index.ts";
import { runErrorCodes, runStatuses, runTriggers } from "./schema.ts";
import { stallReasons } from "./stall-watch.ts";

export const feedRunFinished = defineEvent(
  "feed_run.finished",
  z.object({
    runId: z.string(),
    connectionId: z.string(),
    feedKind: z.string(),
    trigger: z.enum(runTriggers),
    status: z.enum(runStatuses),
    counts: z.object({
      imported: z.number().int(),
      updated: z.number().int(),
      new: z.number().int(),
      archived: z.number().int(),
      skipped: z.number().int(),
      failed: z.number().int(),
      /** Orders and refunds a backfill brought from before the hub was watching (history.ts). */
      historical: z.number().int().optional(),
      historicalRefunds: z.number().int().optional(),
    }),
    error: z.string().nullable(),
    /** The stable code of a failed or blocked run (docs/error-codes.md); null when it succeeded. */
    errorCode: z.enum(runErrorCodes).nullable().optional(),
  }),
);

/** A backfill read its whole window; what it brought as history, for one summary notification. */
export const backfillFinished = defineEvent(
  "backfill.finished",
  z.object({
    runId: z.string(),
    connectionId: z.string(),
    feedKind: z.string(),
    trigger: z.enum(runTriggers),
    orders: z.number().int(),
    refunds: z.number().int(),
    from: z.iso.date(),
    to: z.iso.date(),
  }),
);

export const connectionOnboarded = defineEvent(
  "connection.onboarded",
  z.object({
    connectionId: z.string(),
    status: z.enum(["succeeded", "failed"]),
    ordersImported: z.number().int(),
    steps: z.array(
      z.object({
        kind: z.string(),
        runId: z.string().nullable(),
        status: z.enum([...runStatuses, "skipped"]),
      }),
    ),
  }),
);

const stallPayload = {
  episodeId: z.string(),
  connectionId: z.string(),
  reason: z.enum(stallReasons),
  /** The reason in words, for the notification. */
  detail: z.string(),
};

export const syncStalled = defineEvent(
  "sync.stalled",
  z.object({
    ...stallPayload,
    waiting: z.number().int(),
    oldestSeconds: z.number(),
    oldestMinutes: z.number().int(),
  }),
);

export const syncRecovered = defineEvent(
  "sync.recovered",
  z.object({ ...stallPayload, stalledMinutes: z.number().int() }),
);
