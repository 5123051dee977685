import { execFileSync } from "node:child_process";
import type { Connector } from "../../src/connectors/contract.ts";
import { createAccountWithOwner, createApiToken, getUser } from "../../src/modules/accounts/index.ts";
import { startTestHub, type TestHub } from "./hub.ts";

export type DashboardHub = {
  hub: TestHub;
  /** Where the browser opens the dashboard. */
  base: string;
  /** Calls the API as the owner (bearer token); throws on any status ≥ 300. */
  call: <T>(method: "GET" | "POST" | "PUT", url: string, payload?: unknown) => Promise<T>;
};

/**
 * A hub with workers, listening on 127.0.0.1 and serving the built dashboard, with one account
 * whose owner signs in with `email` / `password` — what every browser test starts from.
 */
export async function startDashboardHub(options: {
  accountName: string;
  email: string;
  password: string;
  connectors: Record<string, Connector<unknown>>;
  env?: Record<string, string>;
}): Promise<DashboardHub> {
  // The hub serves web/dist; build it when a fresh clone has none (a no-op otherwise).
  execFileSync(process.execPath, ["web/build-if-missing.mjs"], { stdio: "inherit" });
  const hub = await startTestHub({ work: true, env: options.env, connectors: options.connectors });
  await hub.app.listen({ port: 0, host: "127.0.0.1" });
  const address = hub.app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const { accountId, userId } = await createAccountWithOwner(hub.ctx, {
    accountName: options.accountName,
    email: options.email,
    password: options.password,
  });
  const user = await getUser(hub.ctx.db, accountId, userId);
  const auth = `Bearer ${(await createApiToken(hub.ctx.db, user, "seed")).token}`;
  const call = async <T>(method: "GET" | "POST" | "PUT", url: string, payload?: unknown): Promise<T> => {
    const response = await hub.app.inject({
      method,
      url,
      headers: { authorization: auth },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return (response.body ? response.json() : undefined) as T;
  };
  return { hub, base: `http://127.0.0.1:${address.port}`, call };
}
