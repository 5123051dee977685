import type { BulkRunner } from "../bulk/runner.ts";
import type { Store } from "../store/store.ts";
import type { IdempotencyStore } from "./idempotency.ts";
import type { ListCache } from "./list-cache.ts";
import type { SearchWarning } from "./search-match.ts";

/** Set while a bulk operation runs: the root connection pages through this window, nested ones are unbounded. */
export interface BulkWindow {
  readonly after: string | null;
  readonly pageSize: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface SearchReport {
  readonly path: readonly (string | number)[];
  readonly query: string;
  readonly warnings: readonly SearchWarning[];
}

/** Per-request state handed to every resolver. */
export interface GraphqlContext {
  readonly store: Store;
  readonly nowMs: () => number;
  readonly bulk: BulkRunner;
  readonly idempotency: IdempotencyStore;
  readonly lists: ListCache;
  /** Objects resolved so far; becomes actualQueryCost for queries. */
  actualCost: number;
  readonly countCost: boolean;
  readonly bulkWindow: BulkWindow | null;
  readonly searchReports: SearchReport[];
  /** False for an app without protected customer data approval: those fields answer ACCESS_DENIED. */
  readonly protectedCustomerData: boolean;
}
