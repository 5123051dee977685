import type { ConnectorSession, FeedKind } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Connection } from "./connections.ts";
import type { Feed } from "./feeds.ts";
import type { RunRecorder } from "./runs.ts";
import type { RunStatus } from "./schema.ts";

/** Everything a feed needs for one run; feeds call the connector session, never a platform directly. */
export type FeedContext = {
  ctx: AppContext;
  connection: Connection;
  feed: Feed;
  session: ConnectorSession;
  recorder: RunRecorder;
  /** Ignore the watermark and read everything. */
  full: boolean;
};

/** Runs one feed kind; returns the run's status when it is not plain success. */
export type FeedHandler = (fc: FeedContext) => Promise<RunStatus | undefined>;
export type FeedHandlers = Partial<Record<FeedKind, FeedHandler>>;
