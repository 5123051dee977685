import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  validate,
} from "graphql";
import { BulkRunner } from "../bulk/runner.ts";
import { MAX_SINGLE_QUERY_COST, RATE_LIMIT_DOCS } from "../constants.ts";
import type { Store } from "../store/store.ts";
import type { CallLog } from "./call-log.ts";
import type { BulkWindow, GraphqlContext } from "./context.ts";
import { requestedQueryCost } from "./cost.ts";
import { IdempotencyStore, missingIdempotencyErrors } from "./idempotency.ts";
import { inputArrayErrors } from "./input-limits.ts";
import type { LeakyBucket } from "./leaky-bucket.ts";
import { ListCache } from "./list-cache.ts";
import { shopifyValidationErrors, usesDeprecatedField } from "./validation-errors.ts";

export interface GraphqlReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The document reads a deprecated field: the response carries Shopify's deprecation header. */
  readonly deprecated?: boolean;
}

export interface GraphqlServiceDeps {
  readonly schema: GraphQLSchema;
  readonly store: Store;
  readonly bucket: LeakyBucket;
  readonly callLog: CallLog;
  readonly nowMs: () => number;
  readonly baseUrl: () => string;
  /** Whether the app is approved for protected customer data (name, address, phone, email). */
  readonly protectedCustomerData: () => boolean;
}

const errorsOnly = (errors: readonly GraphQLError[]): GraphqlReply => ({
  status: 200,
  body: { errors: errors.map((error) => error.toJSON()) },
});

const MAX_COST_MESSAGE = (cost: number) =>
  `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\n` +
  `See ${RATE_LIMIT_DOCS} for more information on how the\ncost of a query is calculated.\n\n` +
  "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
  "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n";

/**
 * One GraphQL request, the way Shopify handles it: parse and validate, reject bad
 * pagination / oversized inputs / missing idempotency keys, price the query, charge the
 * bucket (or answer THROTTLED without running anything), execute, refund unused points.
 */
export class GraphqlService {
  readonly idempotency = new IdempotencyStore();
  readonly lists = new ListCache();
  readonly bulk: BulkRunner;

  constructor(private readonly deps: GraphqlServiceDeps) {
    this.bulk = new BulkRunner({
      store: deps.store,
      schema: deps.schema,
      nowMs: deps.nowMs,
      baseUrl: deps.baseUrl,
      executePage: (document, window) => this.executeBulkPage(document, window),
    });
  }

  private context(countCost: boolean, bulkWindow: BulkWindow | null): GraphqlContext {
    return {
      store: this.deps.store,
      nowMs: this.deps.nowMs,
      bulk: this.bulk,
      idempotency: this.idempotency,
      lists: this.lists,
      actualCost: 0,
      countCost,
      bulkWindow,
      searchReports: [],
      protectedCustomerData: this.deps.protectedCustomerData(),
    };
  }

  private costExtension(requested: number, actual: number | null) {
    return {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: this.deps.bucket.status(),
    };
  }

  async handle(body: unknown): Promise<GraphqlReply> {
    const { callLog, schema, bucket } = this.deps;
    callLog.graphql += 1;
    const request = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    if (typeof request.query !== "string" || request.query.trim() === "") {
      return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    }
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return errorsOnly([error as GraphQLError]);
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0)
      return errorsOnly(shopifyValidationErrors(schema, document, validationErrors));
    const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation)
      return errorsOnly([new GraphQLError("An operation name is required to pick an operation to run.")]);
    const rawVariables =
      typeof request.variables === "object" && request.variables !== null ? request.variables : {};
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      rawVariables as Record<string, unknown>,
    );
    if (coerced.errors) return errorsOnly(coerced.errors);
    const variables = coerced.coerced;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const requested = requestedQueryCost(schema, operation, fragments, variables);
    const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
    const staticErrors = [
      ...requested.errors,
      ...(root ? inputArrayErrors(root, operation, variables) : []),
      ...missingIdempotencyErrors(schema, operation, variables),
    ];
    if (staticErrors.length > 0) return errorsOnly(staticErrors);
    const cost = requested.cost;
    if (cost > MAX_SINGLE_QUERY_COST) {
      callLog.maxCostExceeded += 1;
      const error = new GraphQLError(MAX_COST_MESSAGE(cost), {
        extensions: {
          code: "MAX_COST_EXCEEDED",
          cost,
          maxCost: MAX_SINGLE_QUERY_COST,
          documentation: RATE_LIMIT_DOCS,
        },
      });
      return {
        status: 200,
        body: { errors: [error.toJSON()], extensions: { cost: this.costExtension(cost, null) } },
      };
    }
    if (!bucket.tryTake(cost)) {
      callLog.throttled += 1;
      const error = new GraphQLError("Throttled", {
        extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS },
      });
      return {
        status: 200,
        body: { errors: [error.toJSON()], extensions: { cost: this.costExtension(cost, null) } },
      };
    }
    if (operation.operation === "mutation") callLog.mutations += 1;
    else callLog.queries += 1;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind === Kind.FIELD) callLog.countRootField(selection.name.value);
    }
    const context = this.context(operation.operation === "query", null);
    const result: ExecutionResult = await execute({
      schema,
      document,
      contextValue: context,
      variableValues: rawVariables as Record<string, unknown>,
      operationName,
    });
    const actual = operation.operation === "mutation" ? cost : Math.min(cost, context.actualCost);
    bucket.refund(cost - actual);
    callLog.pointsSpent += actual;
    const extensions: Record<string, unknown> = { cost: this.costExtension(cost, actual) };
    const searchWithWarnings = context.searchReports.filter((report) => report.warnings.length > 0);
    if (searchWithWarnings.length > 0) extensions.search = searchWithWarnings;
    const reply: Record<string, unknown> = {};
    if (result.errors) reply.errors = result.errors.map((error) => error.toJSON());
    reply.data = result.data ?? null;
    reply.extensions = extensions;
    return { status: 200, body: reply, deprecated: usesDeprecatedField(schema, document) };
  }

  /** One page of a bulk query; runs outside the cost bucket, as Shopify's bulk operations do. */
  private executeBulkPage(document: DocumentNode, window: { after: string | null; pageSize: number }) {
    const bulkWindow: BulkWindow = { ...window, endCursor: null, hasNextPage: false };
    const result = execute({
      schema: this.deps.schema,
      document,
      contextValue: this.context(false, bulkWindow),
    });
    if (result instanceof Promise) throw new Error("bulk queries must resolve synchronously");
    return { result, endCursor: bulkWindow.endCursor, hasNextPage: bulkWindow.hasNextPage };
  }
}
