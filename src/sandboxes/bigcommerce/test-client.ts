import type { BigCommerceSandbox } from "./index.ts";

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON; null for an empty body (v2's 204). */
  readonly body: T;
}

/** Calls the sandbox's API under `/stores/{hash}` with its access token, as a connector would. */
export async function api<T = unknown>(
  sandbox: BigCommerceSandbox,
  method: string,
  path: string,
  body?: unknown,
  token = sandbox.accessToken,
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${sandbox.apiBase}${path}`, {
    method,
    headers: {
      "X-Auth-Token": token,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? null : JSON.parse(text)) as T,
  };
}

/** Calls the sandbox's control API. */
export async function control<T = unknown>(
  sandbox: BigCommerceSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
