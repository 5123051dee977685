import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { HostResolver } from "./connectors/http/guarded-lookup.ts";
import type { ConnectorRegistry } from "./connectors/registry.ts";
import type { Database, Db } from "./db/engine.ts";
import type { SecretBox } from "./lib/secret-box.ts";
import type { Queue } from "./queue/queue.ts";

/** What the composition root hands to route and job registration; each piece is passed, never looked up. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  queue: Queue;
  logger: Logger;
  secretBox: SecretBox;
  connectors: ConnectorRegistry;
  /** Where outbound host names (platforms, webhooks) are looked up; default the system resolver. */
  resolveHost?: HostResolver;
};
