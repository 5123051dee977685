import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { logGate } from "../lib/log-gate.ts";

/**
 * Keeps a long-running process alive through a database outage. Some writes cannot be awaited by
 * whoever starts them (pg-boss records a job's outcome without waiting; the queue records it
 * first and retries, so pg-boss's copy only repeats it), and Node ends the process on the first
 * such rejection. A rejection that only says the database is unreachable is logged, at most once
 * per half minute; any other unhandled rejection is a bug and still ends the process, as Node
 * would, after logging it.
 */
export function surviveDatabaseOutages(logger: Logger): void {
  const gate = logGate(30_000);
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      const repeats = gate();
      if (repeats !== undefined)
        logger.warn({ err: reason, repeats }, "database unreachable; work resumes when it answers");
      return;
    }
    logger.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });
}
