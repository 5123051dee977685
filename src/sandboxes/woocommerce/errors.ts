/**
 * WooCommerce's error JSON, `{"code","message","data":{"status"}}` (WP_Error as the REST
 * server renders it), thrown from route handlers and rendered by the server's error handler.
 */
export class WooError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  body(): { code: string; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.extra } };
  }
}

export function wooErrorBody(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return new WooError(status, code, message, extra).body();
}

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
