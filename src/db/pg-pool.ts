import pg from "pg";

/**
 * Connection settings for every pool that talks to PostgreSQL (the hub's and pg-boss's), chosen so
 * that an unreachable or silent server turns into errors within seconds instead of hung work.
 */
export const pgConnectionOptions = {
  /** A server that does not answer the connection handshake (packets dropped) fails the attempt. */
  connectionTimeoutMillis: 5_000,
  /** Server side: no hub query legitimately runs this long; longer ones are cancelled cleanly. */
  statement_timeout: 60_000,
  /**
   * Client side, a little above the statement timeout: an answer this late means the network or
   * server is gone, so the query fails (and StallSafeClient drops the connection).
   */
  query_timeout: 75_000,
  /** A session left inside a transaction by a vanished client gives its locks back. */
  idle_in_transaction_session_timeout: 300_000,
  /** Idle connections to a host that disappeared are found and dropped by TCP keepalive. */
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} satisfies pg.PoolConfig;

const READ_TIMEOUT = "Query read timeout";

/**
 * A pg client that never waits twice on a silent connection. pg keeps a query that hit
 * `query_timeout` as the connection's active query, so everything queued behind it (a
 * transaction's `rollback`, the next borrower's queries) would wait for an answer that may never
 * come; this client closes the connection instead, which fails those at once and lets the pool
 * replace it. It also always has an 'error' listener: a connection that breaks while checked out
 * (between two queries of a transaction) would otherwise emit an unhandled 'error' and end the
 * process. Nothing is lost by ignoring the event there: the break reaches the query in flight, or
 * the next one ("not queryable"), and the pool's own listener covers idle connections.
 */
export class StallSafeClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", () => undefined);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    const dropOnTimeout = (error: unknown) => {
      if (error instanceof Error && error.message === READ_TIMEOUT) this.connection.stream.destroy();
    };
    // pg's query() has a dozen overloads (callback, promise, submittable); this only watches how
    // each call ends and passes everything through unchanged.
    Object.assign(this, {
      query: (...args: unknown[]) => {
        const callback = args.at(-1);
        if (typeof callback === "function") {
          args[args.length - 1] = (error: unknown, result: unknown) => {
            dropOnTimeout(error);
            callback(error, result);
          };
          return query(...args);
        }
        const result = query(...args);
        if (result instanceof Promise) result.catch(dropOnTimeout);
        return result;
      },
    });
  }
}

/** A pool with `pgConnectionOptions` and StallSafeClient; `onError` hears about idle connections that broke. */
export function createPool(options: pg.PoolConfig, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ ...pgConnectionOptions, ...options, Client: StallSafeClient });
  pool.on("error", (error) => {
    // pg-pool attaches the broken client, whose config (password included) must not reach a log.
    delete (error as Error & { client?: unknown }).client;
    onError(error);
  });
  return pool;
}

/** `select 1` that fails after `timeoutMs`: pg reads a per-query `query_timeout` its types omit. */
export async function pingPool(pool: pg.Pool, timeoutMs: number): Promise<void> {
  const query: pg.QueryConfig & { query_timeout: number } = { text: "select 1", query_timeout: timeoutMs };
  await pool.query(query);
}
