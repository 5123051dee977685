import { randomBytes } from "node:crypto";
import { newAdminKey, removeLocalServer, writeLocalServer } from "../cli/local-server.ts";
import { type Config, loadConfig } from "../config.ts";
import { localAdminRoutes } from "../http/local-admin.ts";
import { type Hub, startHub } from "../hub.ts";
import { createLogger } from "../logger.ts";
import { tokenCreate, userCreate } from "../modules/accounts/index.ts";
import { type Activity, startActivity } from "./activity.ts";
import { ensureDashboard } from "./dashboard.ts";
import { markDemoDir, prepareDataDir, removeTemporaryDir } from "./data-dir.ts";
import { type DemoDesktop, startDesktopCompany } from "./desktop.ts";
import { hubClient } from "./hub-client.ts";
import { DEFAULT_SIZES, type DemoSandboxes, type DemoSizes, startDemoSandboxes } from "./sandboxes.ts";
import { type DemoConnections, pairConnections, runInitialSync } from "./setup.ts";
import { type DemoSummary, readSummary } from "./summary.ts";
import { deadlineIn } from "./wait.ts";

export { DemoDataDirError } from "./data-dir.ts";
export type { DemoSummary } from "./summary.ts";
export { DemoTimeoutError } from "./wait.ts";

export const DEMO_EMAIL = "demo@stockwire.local";
const DEMO_ACCOUNT = "Demo Outdoor Co.";

export type DemoOptions = {
  /** Where the embedded database lives; default a fresh directory under the OS temp dir, removed on close. */
  dataDir?: string;
  /** HTTP port on 127.0.0.1; default 0 (any free one). */
  port?: number;
  /** Nobody opens the dashboard (scripts, checks): skip building it. Default false. */
  headless?: boolean;
  /** Receives one line per step; default none. */
  log?: (line: string) => void;
  /** The hub's own log level (pino, written to stderr); default "warn". */
  logLevel?: Config["logLevel"];
  /** The activity stream once the initial sync is done; false for none. Default an event every 4 s. */
  activity?: false | { intervalMs?: number; maxEvents?: number };
  /** How long the initial sync may take before waitForInitialSync rejects; default 120 s. */
  syncTimeoutMs?: number;
  /** Store sizes; default 20 products and 60 orders. */
  sizes?: DemoSizes;
};

export type Demo = {
  url: string;
  email: string;
  password: string;
  dataDir: string;
  accountId: string;
  connections: DemoConnections;
  sandboxes: DemoSandboxes;
  /** A QuickBooks Desktop company beside the Online one, its Web Connector played by the sandbox. */
  desktop: DemoDesktop;
  hub: Hub;
  /** Resolves with the summary once the initial feeds, pushes and postings are done. */
  waitForInitialSync(): Promise<DemoSummary>;
  summary(): Promise<DemoSummary>;
  close(): Promise<void>;
};

/**
 * A hub on the embedded engine with two Shopify stores, a WooCommerce store and a QuickBooks Online company (all local
 * sandboxes), a demo owner, and the connections paired. Returns as soon as the dashboard can be
 * signed in to; the initial sync carries on in the background (see waitForInitialSync), then the
 * activity stream starts.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const startedAt = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = prepareDataDir(options.dataDir);
  log(`demo data in ${dir.path}${dir.temporary ? " (removed on exit)" : ""}`);
  if (!options.headless) ensureDashboard(log);
  // The demo's own configuration: nothing from the environment, sandboxes on loopback allowed.
  const config: Config = {
    ...loadConfig({}),
    // A key for this run only: the demo's data is thrown away with its sandboxes anyway.
    secret: randomBytes(32),
    dataDir: dir.path,
    port: options.port ?? 0,
    host: "127.0.0.1",
    databaseUrl: undefined,
    engine: "embedded",
    allowPrivateUrls: true,
    logLevel: options.logLevel ?? "warn",
  };
  const cleanups: (() => Promise<void> | void)[] = [() => removeTemporaryDir(dir)];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    // Closed after the hub (cleanups run in reverse): its last jobs still find the platforms.
    const sandboxes = await startDemoSandboxes(options.sizes ?? DEFAULT_SIZES);
    cleanups.push(() => sandboxes.close());
    log(
      `sandboxes: ${sandboxes.storeA.url} (store A), ${sandboxes.storeB.url} (store B), ${sandboxes.woo.url} (WooCommerce), ${sandboxes.books.url} (QuickBooks)`,
    );
    const adminKey = newAdminKey();
    const hub = await startHub({
      config,
      logger: createLogger(config.logLevel, process.stderr),
      http: true,
      work: true,
      routes: [localAdminRoutes(adminKey)],
    });
    cleanups.push(() => hub.stop());
    const address = await hub.app!.listen({ port: config.port, host: config.host });
    const url = address.replace("[::1]", "localhost");
    // Webhook callbacks: the sandboxes reach the hub where it actually listens.
    hub.ctx.config.publicUrl = url;
    writeLocalServer(dir.path, url, adminKey);
    cleanups.push(() => removeLocalServer(dir.path));
    // Hex, not base64url: a password starting with "-" reads as an option when pasted into a CLI.
    const password = randomBytes(12).toString("hex");
    const { accountId } = await userCreate(hub.ctx, {
      account: DEMO_ACCOUNT,
      email: DEMO_EMAIL,
      password,
      name: "Demo Owner",
    });
    const { token } = await tokenCreate(hub.ctx.db, { email: DEMO_EMAIL, name: "demo setup" });
    markDemoDir(dir, { email: DEMO_EMAIL, startedAt: new Date(startedAt).toISOString() });
    const client = hubClient(url, token);
    const connections = await pairConnections(client, sandboxes);
    log(
      `paired ${connections.storeA.name}, ${connections.storeB.name}, ${connections.woo.name} and ${connections.books.name}`,
    );
    // Closed before the hub stops (cleanups run in reverse): its Web Connector stops calling first.
    const desktop = await startDesktopCompany(client, sandboxes.storeA);
    cleanups.push(() => desktop.sandbox.close());
    log(`paired ${desktop.connection.name}; its Web Connector (sandbox) calls in every minute`);

    let activity: Activity | undefined;
    let closing = false;
    const initial = (async () => {
      await runInitialSync({
        ctx: hub.ctx,
        client,
        accountId,
        connections,
        log,
        deadline: deadlineIn(options.syncTimeoutMs ?? 120_000),
      });
      const summary = await readSummary(hub.ctx.db, accountId, startedAt);
      log(`initial sync done in ${summary.seconds} s`);
      if (options.activity !== false && !closing) {
        activity = startActivity({
          stores: [
            { name: connections.storeA.name, sandbox: sandboxes.storeA },
            { name: connections.storeB.name, sandbox: sandboxes.storeB },
          ],
          ...options.activity,
          log,
        });
        log("activity stream started: orders, refunds and stock edits on the stores every few seconds");
      }
      return summary;
    })();
    // Whoever waits sees the failure; nobody waiting still gets it in the log.
    initial.catch((error: Error) => {
      if (!closing) log(`initial sync failed: ${error.message}`);
    });

    return {
      url,
      email: DEMO_EMAIL,
      password,
      dataDir: dir.path,
      accountId,
      connections,
      sandboxes,
      desktop,
      hub,
      waitForInitialSync: () => initial,
      summary: () => readSummary(hub.ctx.db, accountId, startedAt),
      close: async () => {
        closing = true;
        activity?.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
