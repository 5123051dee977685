import type pg from "pg";
import type { Db } from "./db-type.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

type Transaction = Db["transaction"];

/**
 * Makes `db.transaction` borrow and return its connection itself. drizzle's own version (0.45, on a
 * pool) sends BEGIN before its try block: when BEGIN fails — the connection broke or went silent —
 * the connection is never released, and after `max` such failures the pool has nothing left to
 * lend for the life of the process. It also hands a connection that broke under a transaction
 * back to the pool as if it were sound. Here the connection always goes back, and is dropped
 * when the database failed under it. `onClient` builds a drizzle handle on one connection; it is
 * built once per connection.
 */
export function ownConnectionTransactions(
  db: Db,
  pool: pg.Pool,
  onClient: (client: pg.PoolClient) => Db,
): void {
  const handles = new WeakMap<pg.PoolClient, Db>();
  const transaction: Transaction = async (work, config) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      let handle = handles.get(client);
      if (!handle) {
        handle = onClient(client);
        handles.set(client, handle);
      }
      return await handle.transaction(work, config);
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  };
  Object.assign(db, { transaction });
}
