import type { Tenant, TestHub } from "./hub.ts";

/**
 * One of tenant A's resources for every `<collection>.<param>` that appears in a route path.
 * Add an entry here when a route with a new path parameter is added.
 */
export async function createIsolationFixtures(hub: TestHub, a: Tenant): Promise<Record<string, string>> {
  const post = async (url: string, payload: unknown) => {
    const res = await hub.app.inject({
      method: "POST",
      url,
      headers: { ...a.auth, "content-type": "application/json" },
      payload: payload as object,
    });
    if (res.statusCode >= 300) throw new Error(`fixture ${url} failed: ${res.body}`);
    return res.json();
  };
  const token = await post("/api/v1/tokens", { name: "isolation" });
  return { "tokens.id": token.id };
}
