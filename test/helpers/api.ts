import type { FastifyInstance } from "fastify";
import type { Tenant } from "./hub.ts";

/** Small JSON client over `inject` for one tenant. */
export function apiFor(app: FastifyInstance, tenant: Tenant) {
  const call = async (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: payload === undefined ? tenant.auth : { ...tenant.auth, "content-type": "application/json" },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const body = res.body
      ? res.headers["content-type"]?.toString().includes("json")
        ? res.json()
        : res.body
      : undefined;
    return { status: res.statusCode, body };
  };
  return {
    get: (url: string) => call("GET", url),
    post: (url: string, payload?: unknown) => call("POST", url, payload ?? {}),
    put: (url: string, payload: unknown) => call("PUT", url, payload),
    patch: (url: string, payload: unknown) => call("PATCH", url, payload),
    delete: (url: string) => call("DELETE", url),
    csv: async (url: string, text: string) => {
      const res = await app.inject({
        method: "POST",
        url,
        headers: { ...tenant.auth, "content-type": "text/csv" },
        payload: text,
      });
      return { status: res.statusCode, body: res.json() };
    },
  };
}
export type Api = ReturnType<typeof apiFor>;
