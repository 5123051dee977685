import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError } from "../lib/errors.ts";
import { isValueOutOfRange } from "./value-range.ts";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
};

const PROBLEM_BASE = "https://stockwire.dev/problems/";
/** What a request refused during a database outage is told to wait before trying again. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return { type: `${PROBLEM_BASE}${code}`, title: titleFor(status), status, detail, code, ...extra };
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    503: "Service Unavailable",
  };
  return titles[status] ?? "Internal Server Error";
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type("application/problem+json").send(p);
}

/** Maps every error to application/problem+json; only 4xx bodies carry the error's message. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      // Throttled and busy answers say when to come back (429 and 503 both honour Retry-After).
      const retryAfter = error.details?.retryAfter;
      if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
      return sendProblem(reply, problem(error.status, error.code, error.message, error.details ?? {}));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext ?? "body", v.instancePath.replace(/^\//, "").replaceAll("/", ".")]
          .filter(Boolean)
          .join("."),
        message: v.message ?? "invalid",
      }));
      const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
      return sendProblem(reply, problem(400, "invalid_request", `Invalid request — ${summary}`, { errors }));
    }
    if (isValueOutOfRange(error)) {
      // Logged: a value of our own making that the database refuses would be a bug, not the caller's.
      request.log.warn({ err: error }, "database refused a request's value as out of range");
      const detail =
        "a number or date in the request, or a total it leads to, is larger than the hub can store";
      return sendProblem(reply, problem(400, "value_out_of_range", detail));
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: the caller may simply try again once the database is back.
      request.log.warn({ err: error }, "request failed: the database is unavailable");
      return sendProblem(
        reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS)),
        problem(503, "database_unavailable", "The database cannot be reached right now; try again shortly."),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendProblem(reply, problem(status, codeForFastify(error, status), error.message));
    }
    request.log.error({ err: error }, "request failed");
    return sendProblem(
      reply,
      problem(500, "internal_error", "Something went wrong on our side; it has been logged."),
    );
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, routeNotFound(request)));
}

export function routeNotFound(request: FastifyRequest): Problem {
  return problem(404, "route_not_found", `No route for ${request.method} ${request.url.split("?")[0]}`);
}

/**
 * For Fastify's `frameworkErrors`: what the router refuses before any route or hook runs (a
 * malformed percent-escape such as `%c0%ae`) is a 400 problem like every other refusal.
 */
export function frameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(reply, problem(status, codeForFastify(error, status), error.message));
}

function codeForFastify(error: FastifyError, status: number): string {
  const byCode: Record<string, string> = {
    FST_ERR_BAD_URL: "malformed_url",
    FST_ERR_CTP_INVALID_JSON_BODY: "malformed_json",
    FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_json",
    FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
    FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: "invalid_content_length",
  };
  if (error.code && byCode[error.code]) return byCode[error.code]!;
  if (error instanceof SyntaxError) return "malformed_json";
  return status === 429 ? "rate_limited" : "bad_request";
}
