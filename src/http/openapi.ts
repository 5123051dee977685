import type { FastifySerializerCompiler, RouteOptions } from "fastify";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * The OpenAPI side of the routes: the shared Problem component, the problem responses a route
 * declares, and the ones every route shares (added on `onRoute`, so each route lists only what is
 * its own: its not-found, conflict and refusal codes).
 */

const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** RFC 9457 problem details as the hub answers them (`problem.ts`); extra members pass through. */
export const problemSchema = z
  .looseObject({
    type: z.string().describe("A URL naming the problem; ends with `code`"),
    title: z.string().describe("The HTTP status in words"),
    status: z.number().int(),
    detail: z.string().describe("For people; its wording may change, so branch on `code`"),
    code: z.string().describe("Stable snake_case code (docs/error-codes.md)"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("Each failing field, for `invalid_request` and the input guards"),
  })
  .meta({ id: "Problem", description: "An `application/problem+json` error (RFC 9457)." });

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

const descriptions: Record<ProblemStatus, string> = {
  400: "The request is invalid; nothing was changed",
  401: "Not signed in, or the credentials are not valid",
  403: "The caller may not do this",
  404: "Not found in the caller's account",
  409: "Conflicts with the current state",
  413: "The body is larger than the hub accepts",
  415: "The body's media type is not one the route reads",
  422: "Understood, but refused in the current state",
  429: "Too many attempts; honour Retry-After",
  503: "Try again later; honour Retry-After",
};

function problemResponse(status: ProblemStatus, codes: readonly string[]) {
  const [first, ...rest] = [...new Set(codes)].sort();
  const schema = first
    ? z.intersection(problemSchema, z.looseObject({ code: z.enum([first, ...rest]) }))
    : problemSchema;
  return { description: descriptions[status], content: { [PROBLEM_MEDIA_TYPE]: { schema } } };
}

/** A route's own problem responses, by status, each with the codes it can answer. */
export function problems(codes: ProblemCodes) {
  return Object.fromEntries(
    Object.entries(codes).map(([status, list]) => [
      status,
      problemResponse(Number(status) as ProblemStatus, list),
    ]),
  );
}

/** Marks a success without a body (204). */
export const noContent = z.undefined().describe("Done; no body");

/** Refusals of the request itself, before any handler runs (input guard, framework, zod). */
const requestCodes = [
  "invalid_request",
  "nul_character",
  "input_too_deep",
  "malformed_json",
  "malformed_url",
  "invalid_content_length",
  "bad_request",
  "value_out_of_range",
];

type SchemaWithResponses = { response?: Record<string, unknown>; security?: unknown; hide?: boolean };

/**
 * Adds what every route can answer besides its own codes: 400 for the request's shape, 401/403 for
 * the auth hook (not on public routes), 413/415 for bodies, 503 while the database is away. Merges
 * the route's own 400/403 codes with these. Public routes get `security: []`.
 */
export function addSharedResponses(route: RouteOptions): void {
  const schema = route.schema as SchemaWithResponses | undefined;
  if (!schema || schema.hide) return;
  const config = (route.config ?? {}) as { public?: boolean; minRole?: string };
  const methods = [route.method].flat();
  const writes = methods.some((m) => !["GET", "HEAD", "OPTIONS"].includes(m));
  const own = ownCodes(schema.response ?? {});
  const shared: ProblemCodes = {
    400: [...requestCodes, ...(own[400] ?? [])],
    503: ["database_unavailable", ...(own[503] ?? [])],
  };
  if (!config.public) {
    shared[401] = ["unauthenticated", ...(own[401] ?? [])];
    const forbidden = [config.minRole ? "forbidden" : [], writes ? "csrf_failed" : []].flat();
    if (forbidden.length > 0 || own[403]) shared[403] = [...forbidden, ...(own[403] ?? [])];
  }
  if (writes) {
    shared[413] = ["body_too_large"];
    shared[415] = ["unsupported_media_type"];
  }
  // A status the route answers with its own body (healthz's 503) keeps it; problems merge.
  const declared = schema.response ?? {};
  const sharedResponses = Object.entries(problems(shared)).filter(
    ([status]) => !(status in declared) || own[Number(status) as ProblemStatus] !== undefined,
  );
  schema.response = { ...declared, ...Object.fromEntries(sharedResponses) };
  if (config.public) schema.security = [];
}

/** The codes a route declared through `problems`, read back so shared ones can be merged in. */
function ownCodes(response: Record<string, unknown>): ProblemCodes {
  const out: ProblemCodes = {};
  for (const [status, entry] of Object.entries(response)) {
    const schema = (entry as { content?: Record<string, { schema?: z.ZodType }> }).content?.[
      PROBLEM_MEDIA_TYPE
    ]?.schema;
    if (!schema) continue;
    const codeEnum = schema instanceof z.ZodIntersection ? schema.def.right : undefined;
    const options = codeEnum instanceof z.ZodObject ? codeEnum.shape.code : undefined;
    out[Number(status) as ProblemStatus] = options instanceof z.ZodEnum ? (options.options as string[]) : [];
  }
  return out;
}

/** Every tag a route uses, declared once with what it covers. */
export const apiTags = [
  { name: "auth", description: "First-run setup, sign-in, the caller, API tokens and users" },
  { name: "events", description: "The account's domain events, in commit order" },
  { name: "products", description: "The catalogue: SKU-level products, imports and hub settings" },
  { name: "inventory", description: "Warehouses, stock levels, adjustments, transfers and the ledger" },
  { name: "orders", description: "Orders, shipments, refunds and the sales report" },
  { name: "books", description: "Accounting postings: settings, summaries and progress" },
  { name: "connections", description: "Paired platforms: pairing, modes, pending pushes, drift, health" },
  { name: "feeds", description: "Scheduled feeds, their runs, sync issues and the sync log" },
  { name: "planning", description: "The replenishment planner: report and settings" },
  { name: "notifications", description: "Notification centre, settings and webhook targets" },
  { name: "custom alerts", description: "Alerts on domain events with conditions and templates" },
  { name: "goals", description: "Sales goals and their progress" },
  { name: "suppliers", description: "Suppliers and the products they supply" },
  {
    name: "web connector",
    description: "The QuickBooks Web Connector's SOAP service (XML; the connector signs in itself)",
  },
  { name: "webhooks", description: "Platform webhook receivers (signed by the platform, no sign-in)" },
  { name: "operations", description: "Health and Prometheus metrics for operators" },
];

/** Where the API is reached: PUBLIC_URL when set, else the listen address. */
export function serversOf(config: { publicUrl: string | undefined; host: string; port: number }) {
  if (config.publicUrl) return [{ url: config.publicUrl.replace(/\/$/, ""), description: "This hub" }];
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return [{ url: `http://${host}:${config.port}`, description: "This hub (listen address)" }];
}

/**
 * Zod's serializer for success bodies (a field not in the schema is dropped); problems are written
 * as they are, since their `code` enum documents the route and must never turn a 4xx into a 500.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  if (route.contentType === PROBLEM_MEDIA_TYPE) return (data) => JSON.stringify(data);
  return zodSerializerCompiler(route);
};
