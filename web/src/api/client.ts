import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.d.ts";
import type { Problem } from "./types.ts";

/**
 * The dashboard's one way to the hub: a client generated from the hub's OpenAPI document
 * (`npm run api:types` writes schema.d.ts; `.ci/run` fails when it drifts), so paths, bodies and
 * answers are typed from the API itself. Same origin with the session cookie; every write sends
 * the CSRF token from sign-in; a 401 on a signed-in call sends the merchant back to sign-in.
 */

/** A refusal as the hub described it (problem+json), or status 0 when the hub was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Pick<Problem, "code" | "detail"> & Partial<Problem>,
  ) {
    super(problem.detail);
  }

  get code(): string {
    return this.problem.code;
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** Remembers the token returned at sign-in; every write sends it as `x-csrf-token`. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Who takes the merchant back to sign-in when the session ends under a page (App). */
export function whenSignedOut(handler: (() => void) | undefined): void {
  onSignedOut = handler;
}

// The session check and sign-in answer 401 as part of their flow; only other calls mean it ended.
const SESSION_PATHS = /\/api\/v1\/(me|auth\/|setup)/;

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !SESSION_PATHS.test(new URL(request.url).pathname)) onSignedOut?.();
    return response;
  },
};

export const client = createClient<paths>({ credentials: "same-origin" });
client.use(session);

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The success body, or the problem thrown as an `ApiError` (what TanStack Query shows as the error). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {
      code: "network",
      detail: "The hub could not be reached. Check that it is running, then retry.",
    });
  }
  if (answer.error === undefined && answer.response.ok) return answer.data as T;
  const { response } = answer;
  const body = (answer.error ?? {}) as Partial<Problem>;
  throw new ApiError(response.status, {
    ...body,
    code: body.code ?? "http_error",
    detail: body.detail ?? `The hub answered ${response.status} ${response.statusText}.`,
  });
}

/** A sentence for a person: the problem's detail, with the session and permission cases spelled out. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Your session has ended. Sign in again.";
    if (error.status === 403 && error.code === "forbidden") return `Not allowed: ${error.message}`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A listed platform as GET /api/v1/platforms describes it. */
export type Platform =
  paths["/api/v1/platforms"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
