import type { Db } from "./engine.ts";

/**
 * Runs `work` in one transaction. Every module writes through this so that a domain
 * change, its ledger rows and its outbox/event rows commit or roll back together.
 * Called with a handle that is already a transaction, it joins it (a savepoint).
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
