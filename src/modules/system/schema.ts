import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per execution of a queue probe job, written by whichever worker ran it. Operators use
 * `stockwire queue-check` to prove that every worker process takes jobs and none runs one twice.
 */
export const queueProbes = pgTable(
  "queue_probes",
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid().notNull(),
    seq: integer().notNull(),
    worker: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.runId)],
);
