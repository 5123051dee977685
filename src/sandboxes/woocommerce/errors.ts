import type { FastifyRequest } from "fastify";
import { type ErrorStyle, SandboxError } from "../kit/errors.ts";

/**
 * WooCommerce's error JSON, `{"code","message","data":{"status"}}` (WP_Error as the REST
 * server renders it), thrown from route handlers and sent as it is.
 */
export class WooError extends SandboxError {
  constructor(status: number, code: string, message: string, extra: Readonly<Record<string, unknown>> = {}) {
    super(status, message, { code, message, data: { status, ...extra } });
  }
}

export const wooErrorBody = (status: number, code: string, message: string) =>
  new WooError(status, code, message).body;

/** What WordPress answers for a parameter that fails its schema (per_page above 100, say). */
export function invalidParam(param: string, message: string): WooError {
  return new WooError(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, {
    params: { [param]: message },
  });
}

/** Reads answer an unknown id with 404, updates (batch items included) with 400, as core's CRUD controller does. */
export const invalidId = (
  kind: "product" | "product_variation" | "shop_order" | "webhook",
  status: 400 | 404,
) => new WooError(status, `woocommerce_rest_${kind}_invalid_id`, "Invalid ID.");

export const routeNotFound = () =>
  new WooError(404, "rest_no_route", "No route was found matching the URL and request method.");

/** Unknown routes under `/wp-json/` are `rest_no_route`; a bad JSON body `rest_invalid_json`; a crash core's critical error. */
export const wooErrorStyle: ErrorStyle = {
  notFound: (request: FastifyRequest) =>
    request.url.startsWith("/wp-json/") ? routeNotFound().body : "Not Found",
  body(status, message, _request, code) {
    if (code === "FST_ERR_CTP_INVALID_JSON_BODY")
      return wooErrorBody(400, "rest_invalid_json", "Invalid JSON body passed.");
    if (status < 500) return wooErrorBody(status, "rest_invalid_request", message);
    return wooErrorBody(500, "internal_server_error", "There has been a critical error on this website.");
  },
};
