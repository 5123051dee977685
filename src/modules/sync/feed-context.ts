import type { Logger } from "pino";
import type { ConnectorSession, FeedKind } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Connection } from "../connections/index.ts";
import type { Feed } from "./feeds.ts";
import type { RunRecorder } from "./runs.ts";
import type { RunStatus } from "./schema.ts";

/** Everything a feed needs for one run; feeds call the connector session, never a platform directly. */
export type FeedContext = {
  ctx: AppContext;
  /** The run's logger: its lines carry the run, connection and feed. */
  log: Logger;
  connection: Connection;
  feed: Feed;
  session: ConnectorSession;
  recorder: RunRecorder;
  /** Ignore the watermark and read everything. */
  full: boolean;
  /** The run paused on purpose before (slice over, platform deferred) rather than lost its worker. */
  continued?: boolean;
  /**
   * True once this slice of the run has had its time (never, outside the queue). A feed that has
   * just saved its cursor then returns "queued", and the run continues in a later job.
   */
  sliceOver?: () => boolean;
};

/**
 * Runs one feed kind; returns the run's status when it is not plain success ("queued": paused at
 * its saved cursor). A PlatformDeferred it lets through pauses the run too, at the saved cursor.
 */
export type FeedHandler = (fc: FeedContext) => Promise<RunStatus | undefined>;
/**
 * Every feed kind of the registry (connectors/feeds.ts) with its runner: a kind added there fails
 * type-checking here until it has one. Null: the hub has no runner yet, and refuses a connector
 * that declares the kind (connectorsRunnable).
 */
export type FeedHandlers = Record<FeedKind, FeedHandler | null>;
