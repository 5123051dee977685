import createClient, { type Middleware } from "openapi-fetch";
import { ApiError, currentCsrfToken } from "../api.ts";
import type { paths } from "./schema.d.ts";

/**
 * The dashboard's client generated from the hub's OpenAPI document (`npm run api:types` writes
 * schema.d.ts; `.ci/run` fails when it drifts): paths, bodies and answers are typed from the API
 * itself. Same origin, session cookie, and `x-csrf-token` on writes like `api.ts`.
 */
const csrf: Middleware = {
  onRequest({ request }) {
    const token = currentCsrfToken();
    if (request.method !== "GET" && token) request.headers.set("x-csrf-token", token);
    return request;
  },
};

export const client = createClient<paths>({ credentials: "same-origin" });
client.use(csrf);

/** What a page's `useLoad` needs from the answer of every operation that reached the hub. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The success body, or the problem thrown as the `ApiError` the dashboard's ErrorBox reads. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, "network", "The hub could not be reached. Check that it is running, then retry.");
  }
  if (answer.error === undefined && answer.response.ok) return answer.data as T;
  const problem = (answer.error ?? {}) as { detail?: string; code?: string };
  throw new ApiError(
    answer.response.status,
    problem.code ?? "http_error",
    problem.detail ?? `The hub answered ${answer.response.status} ${answer.response.statusText}.`,
  );
}

/** A listed platform as GET /api/v1/platforms describes it. */
export type Platform =
  paths["/api/v1/platforms"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
