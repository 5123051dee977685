import { eq } from "drizzle-orm";
import type { AppContext } from "../../../context.ts";
import type { Db } from "../../../db/engine.ts";
import { listConnectionsAcrossAccounts, raiseIssue, resolveIssue } from "../../connections/index.ts";
import { qbwcContacts } from "../schema.ts";
import { pollingProtocolOf } from "./protocol.ts";
import { SILENT_RUNS } from "./silence.ts";

export { SILENT_RUNS } from "./silence.ts";
export const WEB_CONNECTOR_WATCH_JOB = "books.web-connector-watch";
const SUBJECT = "web-connector";

/** The .qwc just downloaded sets the schedule the alarm measures against. */
export async function recordQwcIssued(
  db: Db,
  accountId: string,
  connectionId: string,
  runEveryMinutes: number,
): Promise<void> {
  const now = new Date();
  await db
    .insert(qbwcContacts)
    .values({ connectionId, accountId, runEveryMinutes, qwcIssuedAt: now })
    .onConflictDoUpdate({ target: qbwcContacts.connectionId, set: { runEveryMinutes, qwcIssuedAt: now } });
}

/**
 * "The Web Connector has not called in since …": for every QuickBooks Desktop connection out of
 * test mode whose .qwc was issued, silence longer than SILENT_RUNS × its schedule raises an `error`
 * issue (which notifies through `sync.error`); the next good sign-in resolves it. Returns the
 * connection ids found silent.
 */
export async function watchWebConnectors(ctx: AppContext, now = new Date()): Promise<string[]> {
  const desktop = (await listConnectionsAcrossAccounts(ctx.db)).filter(
    (c) => c.mode !== "test" && pollingProtocolOf(ctx, c),
  );
  const silent: string[] = [];
  for (const connection of desktop) {
    const [contact] = await ctx.db
      .select()
      .from(qbwcContacts)
      .where(eq(qbwcContacts.connectionId, connection.id));
    const since = contact?.lastContactAt ?? contact?.qwcIssuedAt;
    if (!contact || !since) continue;
    if (now.getTime() - since.getTime() <= SILENT_RUNS * contact.runEveryMinutes * 60_000) continue;
    silent.push(connection.id);
    await raiseIssue(ctx.db, {
      accountId: connection.accountId,
      connectionId: connection.id,
      feedKind: "books",
      subjectType: SUBJECT,
      subjectId: connection.id,
      severity: "error",
      code: "web_connector_silent",
      message: contact.lastContactAt
        ? `the Web Connector has not called in since ${since.toISOString()} (it should every ${contact.runEveryMinutes} min)`
        : `the Web Connector has not called in since the .qwc file was downloaded at ${since.toISOString()}`,
    });
  }
  return silent;
}

export async function webConnectorCalledIn(db: Db, connectionId: string): Promise<void> {
  await resolveIssue(db, connectionId, SUBJECT, connectionId, "the Web Connector called in");
}

export function registerWebConnectorJobs(ctx: AppContext): void {
  ctx.queue.define({
    name: WEB_CONNECTOR_WATCH_JOB,
    policy: "singleton",
    cron: "*/5 * * * *",
    expireInSeconds: 5 * 60,
    handler: async () => {
      await watchWebConnectors(ctx);
    },
  });
}
