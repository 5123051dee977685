import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { HostResolver } from "./connectors/http/guarded-lookup.ts";
import { connectors as productionConnectors } from "./connectors/index.ts";
import { type ConnectorRegistry, withPlatformClients } from "./connectors/registry.ts";
import type { AppContext } from "./context.ts";
import { secureDataDir } from "./db/data-dir.ts";
import { type Database, openDatabase, redactUrl } from "./db/engine.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { buildApp, type RouteRegistrar } from "./http/app.ts";
import { createMetrics } from "./http/metrics.ts";
import { createHubAccountHooks, registerJobs } from "./jobs.ts";
import { createSecretBox } from "./lib/secret-box.ts";
import { resolveSecretKey } from "./lib/secret-key.ts";
import { hubModules } from "./modules/index.ts";
import { createMailTransports } from "./modules/notifications/index.ts";
import {
  assertConnectorsRunnable,
  clearSyncProcessState,
  connectionHealth,
  createSyncProcessState,
} from "./modules/sync/index.ts";
import { createQueue } from "./queue/queue.ts";

export type HubOptions = {
  config: Config;
  logger: Logger;
  /** Serve the HTTP API (and dashboard). */
  http: boolean;
  /** Take jobs from the queue in this process. */
  work: boolean;
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  /** Platform connectors; default: every production connector. */
  connectors?: ConnectorRegistry;
  /** Resolver for outbound host names; default the system's (tests map made-up names). */
  resolveHost?: HostResolver;
  /** Extra HTTP routes (the CLI's local admin routes). */
  routes?: RouteRegistrar[];
};

export type Hub = { ctx: AppContext; app: FastifyInstance | undefined; stop(): Promise<void> };

/** The composition root: opens storage, migrates, wires the queue, jobs and routes. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { config, logger } = options;
  // Before the key is generated into it: a data dir others can write is refused, not used.
  if (!options.database && !config.databaseUrl) secureDataDir(config.dataDir);
  const { secret, engine, dataDir } = config;
  const secretBox = createSecretBox(resolveSecretKey({ secret, engine, dataDir }, logger));
  const database =
    options.database ??
    (config.databaseUrl
      ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
      : await openDatabase({ kind: "embedded", dataDir: config.dataDir }));
  logger.info(
    { engine: database.kind, where: config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir },
    "database open",
  );
  try {
    await migrateDatabase(database);
    let metrics: ReturnType<typeof createMetrics> | undefined;
    const queue = createQueue(database, logger, {
      schedule: options.work,
      onAttempt: (job, ok) => (ok ? metrics?.jobsCompleted : metrics?.jobFailures)?.inc({ job }),
    });
    metrics = createMetrics(
      () => queue.depth(),
      () => connectionHealth(database.db),
    );
    assertConnectorsRunnable(options.connectors ?? productionConnectors);
    const { connectors, clients: platformClients } = withPlatformClients(
      options.connectors ?? productionConnectors,
    );
    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      queue,
      logger,
      secretBox,
      connectors,
      platformClients,
      accountHooks: createHubAccountHooks(),
      productPageParts: hubModules.flatMap((module) => (module.productPage ? [module.productPage] : [])),
      inventorySourceOf:
        hubModules.find((module) => module.inventorySource)?.inventorySource ?? (async () => null),
      salesRatesOf:
        hubModules.find((module) => module.salesRates)?.salesRates ??
        (async () => ({ reportDays: 0, perDay: new Map() })),
      mail: createMailTransports(),
      connectorSessions: new Map(),
      sync: createSyncProcessState(),
      ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    };
    registerJobs(ctx);
    await queue.start({ work: options.work });
    const stopWorkers = options.work
      ? hubModules.flatMap((module) => module.workers ?? []).map((start) => start(ctx))
      : [];
    const app = options.http ? await buildApp(ctx, metrics, options.routes) : undefined;
    let stopped = false;
    return {
      ctx,
      app,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app?.close();
        for (const stopWorker of stopWorkers) await stopWorker();
        await queue.stop();
        clearProcessState(ctx);
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}

/** Drops what this hub kept in memory, once nothing of it runs any more: another hub's is its own. */
function clearProcessState(ctx: AppContext): void {
  ctx.mail.close();
  for (const clients of Object.values(ctx.platformClients)) clients.clear();
  ctx.accountHooks.clear();
  ctx.connectorSessions.clear();
  clearSyncProcessState(ctx.sync);
}
