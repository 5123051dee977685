import { type DocumentNode, type ExecutionResult, type GraphQLSchema, parse, validate } from "graphql";
import { MAX_CONCURRENT_BULK_QUERIES } from "../constants.ts";
import { legacyId } from "../gid.ts";
import { type DomainResult, domainError, fail, ok } from "../store/result.ts";
import type { Store } from "../store/store.ts";
import type { BulkOperation } from "../store/types.ts";
import { rootNodes, toJsonLines } from "./jsonl.ts";
import { bulkQueryProblem } from "./validate.ts";

/** Runs the inner query for one page of the root connection (after = cursor, null for the first page). */
export type BulkPageExecutor = (
  document: DocumentNode,
  window: { after: string | null; pageSize: number },
) => { result: ExecutionResult; endCursor: string | null; hasNextPage: boolean };

export interface BulkRunnerDeps {
  readonly store: Store;
  readonly schema: GraphQLSchema;
  readonly nowMs: () => number;
  readonly baseUrl: () => string;
  readonly executePage: BulkPageExecutor;
  /** Root objects per page; each page yields to the event loop so the server stays responsive. */
  readonly pageSize?: number;
}

/**
 * Bulk query operations: validated up front, then executed page by page in the
 * background into JSONL kept in memory and served from `/_sandbox/bulk/<id>.jsonl`.
 */
export class BulkRunner {
  private readonly files = new Map<number, string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: BulkRunnerDeps) {}

  start(query: string): DomainResult<BulkOperation> {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return fail([domainError("INVALID", `Invalid bulk query: ${(error as Error).message}`, ["query"])]);
    }
    const errors = validate(this.deps.schema, document);
    const problem = errors[0]?.message ?? bulkQueryProblem(this.deps.schema, document);
    if (problem) return fail([domainError("INVALID", `Invalid bulk query: ${problem}`, ["query"])]);
    const { store } = this.deps;
    const active = store.bulkOperations.filter((op) => op.status === "CREATED" || op.status === "RUNNING");
    if (active.length >= MAX_CONCURRENT_BULK_QUERIES) {
      const message = `A maximum of ${MAX_CONCURRENT_BULK_QUERIES} bulk query operations can run at once for this app and shop.`;
      return fail([domainError("LIMIT_REACHED", message, null)]);
    }
    const operation: BulkOperation = {
      kind: "BulkOperation",
      id: store.nextId("BulkOperation"),
      query,
      type: "QUERY",
      status: "CREATED",
      errorCode: null,
      createdAt: this.deps.nowMs(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
    };
    store.bulkOperations.push(operation);
    const run = this.run(operation, document).finally(() => this.pending.delete(run));
    this.pending.add(run);
    return ok(operation);
  }

  private async run(operation: BulkOperation, document: DocumentNode): Promise<void> {
    const lines: string[] = [];
    const pageSize = this.deps.pageSize ?? 500;
    let after: string | null = null;
    try {
      await yieldToEventLoop();
      operation.status = "RUNNING";
      for (;;) {
        const page = this.deps.executePage(document, { after, pageSize });
        if (page.result.errors?.length) throw new Error(page.result.errors[0]?.message);
        const roots = rootNodes(page.result.data);
        operation.rootObjectCount += roots.length;
        for (const root of roots) toJsonLines(root, null, lines);
        operation.objectCount = lines.length;
        if (!page.hasNextPage || page.endCursor === null) break;
        after = page.endCursor;
        await yieldToEventLoop();
      }
      const body = lines.length > 0 ? `${lines.join("\n")}\n` : "";
      this.files.set(operation.id, body);
      operation.fileSize = Buffer.byteLength(body);
      operation.url = `${this.deps.baseUrl()}/_sandbox/bulk/${legacyId("BulkOperation", operation.id)}.jsonl`;
      operation.status = "COMPLETED";
    } catch {
      operation.status = "FAILED";
      operation.errorCode = "INTERNAL_SERVER_ERROR";
    }
    operation.completedAt = this.deps.nowMs();
    this.deps.store.emit({ topic: "bulk_operations/finish", operation });
  }

  /** The JSONL of a completed operation, by its record id. */
  file(id: number): string | undefined {
    return this.files.get(id);
  }

  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  clear(): void {
    this.files.clear();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
