/** A small JSON client for the hub's public API with a bearer token: the demo sets itself up as a script would. */
export type HubClient = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** A GET whose answer is not JSON (a `.qwc` file), as text. */
  text(path: string): Promise<string>;
};

export function hubClient(baseUrl: string, token: string): HubClient {
  const send = async (method: string, path: string, body?: unknown): Promise<string> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      // Problem documents carry the reason in `detail`; anything else is shown as it came.
      let detail = text;
      try {
        const problem = JSON.parse(text) as { detail?: string; title?: string };
        detail = problem.detail ?? problem.title ?? text;
      } catch {}
      throw new Error(`${method} ${path} answered ${response.status}: ${detail}`);
    }
    return text;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const text = await send(method, path, body);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
    put: (path, body) => call("PUT", path, body),
    patch: (path, body) => call("PATCH", path, body),
    text: (path) => send("GET", path),
  };
}
